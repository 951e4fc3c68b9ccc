import {
  CheckDefinition,
  EntityLeaderboardRow,
  GroupLeaderboardRow,
  HistoryPoint,
  LeaderboardResponse,
  ReadinessSummary,
  Scorecard,
  ScoredCheck,
  SEVERITY_WEIGHTS,
  scoreChecks,
} from '@prodready/plugin-readiness-common';
import { Entity } from '@backstage/catalog-model';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { LeaderboardRow, ReadinessApi } from '../api';

type CheckInput = Omit<ScoredCheck, 'weight' | 'evidence' | 'remediation'> &
  Partial<Pick<ScoredCheck, 'evidence' | 'remediation'>>;

const check = (c: CheckInput): ScoredCheck => ({
  evidence: [],
  remediation: `Fix ${c.title.toLocaleLowerCase('en-US')}.`,
  weight: SEVERITY_WEIGHTS[c.severity],
  ...c,
});

/** The checks of a service that is nearly there. */
export const paymentsChecks: ScoredCheck[] = [
  check({
    checkId: 'ci.workflow',
    title: 'CI workflow',
    category: 'ci-cd',
    severity: 'high',
    effort: 'S',
    status: 'pass',
    score: 100,
    summary: 'GitHub Actions workflow builds on every push',
    evidence: [
      {
        path: '.github/workflows/ci.yaml',
        line: 1,
        url: 'https://github.com/acme/payments-api/blob/abc123/.github/workflows/ci.yaml#L1',
      },
    ],
  }),
  check({
    checkId: 'testing.coverage-gate',
    title: 'Coverage gate',
    category: 'testing',
    severity: 'medium',
    effort: 'M',
    status: 'partial',
    score: 50,
    summary: 'Coverage is collected but no threshold fails the build',
    remediation: 'Add coverageThreshold to jest.config.js.',
    evidence: [{ path: 'jest.config.js', line: 12 }],
  }),
  check({
    checkId: 'security.dependency-scanning',
    title: 'Dependency scanning',
    category: 'security',
    severity: 'critical',
    effort: 'S',
    status: 'fail',
    score: 0,
    summary: 'No Dependabot, Renovate or Snyk configuration found',
    remediation: 'Add .github/dependabot.yml for npm and docker.',
  }),
  check({
    checkId: 'security.secrets',
    title: 'No committed secrets',
    category: 'security',
    severity: 'critical',
    effort: 'S',
    status: 'pass',
    score: 100,
    summary: 'No secret patterns in tracked files',
  }),
  check({
    checkId: 'observability.metrics',
    title: 'Metrics endpoint',
    category: 'observability',
    severity: 'high',
    effort: 'M',
    status: 'pass',
    score: 100,
    summary: 'Prometheus client registered in src/metrics.ts',
    evidence: [
      {
        path: 'src/metrics.ts',
        line: 4,
        // A hostile URL: must never become a link.
        url: ['javascript', 'alert(1)'].join(':'),
      },
    ],
  }),
  check({
    checkId: 'health.probes',
    title: 'Liveness and readiness probes',
    category: 'health',
    severity: 'high',
    effort: 'S',
    status: 'pass',
    score: 100,
    summary: 'Both probes defined in the Helm chart',
  }),
  check({
    checkId: 'operations.runbook',
    title: 'Runbook',
    category: 'operations',
    severity: 'medium',
    effort: 'M',
    status: 'fail',
    score: 0,
    summary: 'No runbook link or docs/runbook.md',
    remediation: 'Write docs/runbook.md and link it from catalog-info.yaml.',
  }),
  check({
    checkId: 'catalog.owner',
    title: 'Owner set',
    category: 'catalog',
    severity: 'high',
    effort: 'S',
    status: 'pass',
    score: 100,
    summary: 'Owned by group:default/team-payments',
  }),
  check({
    checkId: 'data.backups',
    title: 'Backups',
    category: 'data',
    severity: 'medium',
    effort: 'M',
    status: 'not-applicable',
    score: 0,
    summary: 'The service declares no database',
  }),
  check({
    checkId: 'containerization.dockerfile',
    title: 'Dockerfile',
    category: 'containerization',
    severity: 'medium',
    effort: 'S',
    status: 'error',
    score: 0,
    summary: 'Timed out after 10000 ms',
  }),
];

/** Builds a scorecard from checks with the shared scoring functions. */
export function makeScorecard(
  checks: ScoredCheck[] = paymentsChecks,
  overrides: Partial<Scorecard> = {},
): Scorecard {
  const scored = scoreChecks(checks, () => undefined);
  return {
    schemaVersion: 1,
    entityRef: 'component:default/payments-api',
    entity: {
      kind: 'Component',
      namespace: 'default',
      name: 'payments-api',
      title: 'Payments API',
      owner: 'group:default/team-payments',
      system: 'system:default/checkout',
      lifecycle: 'production',
      type: 'service',
    },
    ...scored,
    checks,
    status: 'complete',
    source: {
      location: 'https://github.com/acme/payments-api/tree/main/',
      url: 'https://github.com/acme/payments-api',
      entityPath: '',
      fileCount: 212,
    },
    auditedAt: '2025-03-01T10:00:00.000Z',
    durationMs: 1840,
    ...overrides,
  };
}

export const paymentsScorecard = makeScorecard();

export const paymentsHistory: HistoryPoint[] = [
  {
    auditedAt: '2025-02-01T10:00:00.000Z',
    score: 41,
    level: 'needs-work',
    categories: {},
  },
  {
    auditedAt: '2025-02-08T10:00:00.000Z',
    score: 55,
    level: 'needs-work',
    categories: {},
  },
  {
    auditedAt: '2025-02-15T10:00:00.000Z',
    score: 63,
    level: 'almost-ready',
    categories: {},
  },
  {
    auditedAt: '2025-03-01T10:00:00.000Z',
    score: paymentsScorecard.score,
    level: paymentsScorecard.level,
    categories: {},
  },
];

export const componentEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: {
      'backstage.io/source-location':
        'url:https://github.com/acme/payments-api/tree/main/',
    },
  },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
};

export const entityRows: EntityLeaderboardRow[] = [
  {
    rank: 1,
    entityRef: 'component:default/payments-api',
    kind: 'Component',
    namespace: 'default',
    name: 'payments-api',
    title: 'Payments API',
    owner: 'group:default/team-payments',
    system: 'system:default/checkout',
    lifecycle: 'production',
    type: 'service',
    score: 88,
    level: 'production-ready',
    status: 'complete',
    gapCounts: { critical: 0, high: 1, medium: 2, low: 0 },
    auditedAt: '2025-03-01T10:00:00.000Z',
  },
  {
    rank: 2,
    entityRef: 'component:default/legacy-billing',
    kind: 'Component',
    namespace: 'default',
    name: 'legacy-billing',
    owner: 'group:default/team-billing',
    lifecycle: 'deprecated',
    score: 37,
    level: 'needs-work',
    status: 'source-unavailable',
    gapCounts: { critical: 3, high: 2, medium: 4, low: 1 },
    auditedAt: '2025-02-27T08:30:00.000Z',
  },
];

export const ownerRows: GroupLeaderboardRow[] = [
  {
    rank: 1,
    group: 'group:default/team-payments',
    entities: 4,
    meanScore: 81.5,
    minScore: 64,
    levels: { 'production-ready': 3, 'almost-ready': 1, 'needs-work': 0 },
    criticalGaps: 1,
  },
  {
    rank: 2,
    group: '(none)',
    entities: 2,
    meanScore: 30,
    minScore: 22,
    levels: { 'production-ready': 0, 'almost-ready': 0, 'needs-work': 2 },
    criticalGaps: 5,
  },
];

export const summary: ReadinessSummary = {
  entities: 42,
  meanScore: 67.3,
  levels: { 'production-ready': 12, 'almost-ready': 17, 'needs-work': 13 },
  categories: [
    { id: 'security', title: 'Security', meanScore: 58.2 },
    { id: 'observability', title: 'Observability', meanScore: 44.1 },
    { id: 'testing', title: 'Testing', meanScore: 71 },
    { id: 'rollback', title: 'Rollback', meanScore: 22.5 },
    { id: 'data', title: 'Data', meanScore: null },
  ],
  gapCounts: { critical: 9, high: 30, medium: 51, low: 12 },
  lastRun: {
    startedAt: '2025-03-01T09:58:00.000Z',
    finishedAt: '2025-03-01T10:00:00.000Z',
    durationMs: 120000,
    entities: 42,
    audited: 40,
    unchanged: 1,
    sourceUnavailable: 1,
    failed: 0,
    deleted: 0,
  },
};

export const checkDefinitions: CheckDefinition[] = paymentsChecks.map(c => ({
  id: c.checkId,
  title: c.title,
  category: c.category,
  severity: c.severity,
  description: c.summary,
  rationale: 'Why it matters',
  remediation: c.remediation,
  effort: c.effort,
  scope: 'repository',
  weight: c.weight,
  origin: 'builtin',
}));

export function page<Row extends LeaderboardRow>(
  rows: Row[],
  total = rows.length,
): LeaderboardResponse<LeaderboardRow> {
  return { rows, total, offset: 0, limit: 25 };
}

function mock<F extends (...args: never[]) => unknown>(impl: F) {
  return jest.fn(impl) as unknown as jest.MockedFunction<F>;
}

/** A ReadinessApi of jest mocks, answering with the fixtures by default. */
export function createFakeReadinessApi(): jest.Mocked<ReadinessApi> {
  return {
    getScorecard: mock<ReadinessApi['getScorecard']>(
      async () => paymentsScorecard,
    ),
    getHistory: mock<ReadinessApi['getHistory']>(async () => paymentsHistory),
    runAudit: mock<ReadinessApi['runAudit']>(async () => paymentsScorecard),
    getLeaderboard: mock<ReadinessApi['getLeaderboard']>(async query =>
      query.groupBy === 'owner' || query.groupBy === 'system'
        ? page(ownerRows)
        : page(entityRows),
    ),
    getSummary: mock<ReadinessApi['getSummary']>(async () => summary),
    getChecks: mock<ReadinessApi['getChecks']>(async () => checkDefinitions),
    exportCsv: mock<ReadinessApi['exportCsv']>(
      async () => new Blob(['rank,entity\n']),
    ),
  };
}

type Decision = Awaited<ReturnType<PermissionApi['authorize']>>;

/** A PermissionApi that allows or denies everything. */
export function fakePermissionApi(allowed: boolean) {
  const decision = {
    result: allowed ? 'ALLOW' : 'DENY',
  } as unknown as Decision;
  return { authorize: mock<PermissionApi['authorize']>(async () => decision) };
}
