import {
  CATEGORIES,
  GapCounts,
  Level,
  levelForScore,
  Scorecard,
} from '@prodready/plugin-readiness-common';

/** A small but complete scorecard for store and router tests. */
export function makeScorecard(options: {
  name: string;
  score: number;
  level?: Level;
  owner?: string;
  system?: string;
  lifecycle?: string;
  title?: string;
  kind?: string;
  auditedAt?: string;
  gapCounts?: Partial<GapCounts>;
  categoryScore?: number | null;
}): Scorecard {
  const kind = options.kind ?? 'component';
  const level = options.level ?? levelForScore(options.score);
  return {
    schemaVersion: 1,
    entityRef: `${kind}:default/${options.name}`,
    entity: {
      kind,
      namespace: 'default',
      name: options.name,
      ...(options.title ? { title: options.title } : {}),
      ...(options.owner ? { owner: options.owner } : {}),
      ...(options.system ? { system: options.system } : {}),
      lifecycle: options.lifecycle ?? 'production',
      type: 'service',
    },
    score: options.score,
    level,
    status: 'complete',
    categories: CATEGORIES.map(c => ({
      id: c.id,
      title: c.title,
      weight: c.weight,
      score: options.categoryScore === undefined ? options.score : options.categoryScore,
      applicable: 1,
      passed: 0,
      total: 1,
    })),
    checks: [],
    gaps: [],
    gapCounts: { critical: 0, high: 0, medium: 0, low: 0, ...options.gapCounts },
    source: { location: `url:https://example.com/${options.name}` },
    auditedAt: options.auditedAt ?? '2026-11-01T10:00:00.000Z',
    durationMs: 5,
  };
}
