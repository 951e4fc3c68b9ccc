/** How serious a missing practice is. @public */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** The outcome of one check. @public */
export type CheckStatus = 'pass' | 'partial' | 'fail' | 'not-applicable' | 'error';

/** Rough cost of a fix: S under 2 hours, M about a day, L more. @public */
export type Effort = 'S' | 'M' | 'L';

/** The readiness level derived from the overall score and the critical gate. @public */
export type Level = 'production-ready' | 'almost-ready' | 'needs-work';

/** The built-in categories; custom checks may only use these. @public */
export type CategoryId =
  | 'security'
  | 'ci-cd'
  | 'observability'
  | 'testing'
  | 'health'
  | 'containerization'
  | 'catalog'
  | 'operations'
  | 'rollback'
  | 'documentation'
  | 'infrastructure'
  | 'disaster-recovery'
  | 'configuration'
  | 'data'
  | 'error-handling';

/**
 * What a check reads: `catalog` checks only the entity record, `repository`
 * checks the source snapshot (and are skipped when it is unavailable).
 * @public
 */
export type CheckScope = 'catalog' | 'repository';

/** A pointer to the file (and line) that supports a verdict. @public */
export interface Evidence {
  /** Path relative to the repository root, posix separators. */
  path: string;
  line?: number;
  /** Link to the file at the audited revision, when the source is a URL. */
  url?: string;
  /** A short, redacted note; never raw file content that may hold secrets. */
  note?: string;
}

/** The static description of a check, as listed by `GET /checks`. @public */
export interface CheckDefinition {
  id: string;
  title: string;
  category: CategoryId;
  severity: Severity;
  /** What the check looks for. */
  description: string;
  /** Why it matters: becomes the impact of a gap. */
  rationale: string;
  /** How to fix it. */
  remediation: string;
  effort: Effort;
  scope: CheckScope;
  /** Weight in its category; by default from the severity. */
  weight: number;
  /** Where the check comes from. */
  origin: 'builtin' | 'custom' | 'module';
}

/** One check's result, as stored in a scorecard. @public */
export interface CheckResult {
  checkId: string;
  status: CheckStatus;
  /** 0-100; 0 for `not-applicable` and `error`. */
  score: number;
  summary: string;
  evidence: Evidence[];
  /** Wall time of the check in milliseconds. */
  durationMs?: number;
}

/** A check result joined with its definition's facts. @public */
export interface ScoredCheck extends CheckResult {
  title: string;
  category: CategoryId;
  severity: Severity;
  weight: number;
  effort: Effort;
  remediation: string;
}

/** A category's aggregate. @public */
export interface CategoryScore {
  id: CategoryId;
  title: string;
  /** Configured weight of the category in the overall score. */
  weight: number;
  /** Weighted mean of applicable checks; null when none applies. */
  score: number | null;
  applicable: number;
  passed: number;
  total: number;
}

/** A practice that falls short, with what to do about it. @public */
export interface Gap {
  checkId: string;
  title: string;
  category: CategoryId;
  /** Effective severity: one step lower when the check scored 50 or more. */
  severity: Severity;
  checkSeverity: Severity;
  score: number;
  weight: number;
  description: string;
  impact: string;
  recommendation: string;
  effort: Effort;
  evidence: Evidence[];
}

/** Counts of gaps by effective severity. @public */
export type GapCounts = Record<Severity, number>;

/**
 * `complete`: every applicable check ran; `incomplete`: some errored;
 * `source-unavailable`: the repository could not be read, only catalog checks ran;
 * `stale`: the repository could not be read this time (a spent rate limit, an
 * outage), so the repository checks keep the results of its last read
 * (`source.readAt`) and only the catalog checks ran again.
 * @public
 */
export type ScorecardStatus = 'complete' | 'incomplete' | 'source-unavailable' | 'stale';

/** The catalog facts a scorecard is filed under. @public */
export interface ScorecardEntity {
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  owner?: string;
  system?: string;
  lifecycle?: string;
  type?: string;
}

/** Where the audited files came from. @public */
export interface ScorecardSource {
  /** The source location target, e.g. a URL or a file path. */
  location?: string;
  /** Web link to the source, when there is one. */
  url?: string;
  /** Entity folder inside the repository ('' for the root). */
  entityPath?: string;
  etag?: string;
  fileCount?: number;
  /** True when the repository was larger than the read limits allow. */
  truncated?: boolean;
  /** On a `stale` scorecard: when the repository was last read, which its repository results are from. */
  readAt?: string;
}

/** The full result of auditing one entity. @public */
export interface Scorecard {
  schemaVersion: 1;
  entityRef: string;
  entity: ScorecardEntity;
  score: number;
  level: Level;
  /** Set when the critical gate capped the level below what the score gives. */
  gate?: { cappedAt: Level; failedCriticalChecks: string[] };
  status: ScorecardStatus;
  /** Why the scorecard is not complete. */
  statusReason?: string;
  categories: CategoryScore[];
  checks: ScoredCheck[];
  gaps: Gap[];
  gapCounts: GapCounts;
  source: ScorecardSource;
  auditedAt: string;
  durationMs: number;
}
