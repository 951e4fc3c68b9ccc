import { CATEGORIES } from './categories';
import {
  CategoryId,
  CategoryScore,
  CheckDefinition,
  CheckStatus,
  Gap,
  GapCounts,
  Level,
  ScoredCheck,
  Severity,
} from './types';

/** Check weight per severity, after OpenSSF Scorecard's risk weights. @public */
export const SEVERITY_WEIGHTS: Readonly<Record<Severity, number>> = {
  critical: 10,
  high: 7.5,
  medium: 5,
  low: 2.5,
};

/** Severities, worst first. @public */
export const SEVERITIES: readonly Severity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

/** Levels, best first. @public */
export const LEVELS: readonly Level[] = [
  'production-ready',
  'almost-ready',
  'needs-work',
];

/** Score thresholds of the levels and the critical gate. @public */
export interface ScoringThresholds {
  /** Minimum overall score for `production-ready` (default 80). */
  productionReady: number;
  /** Minimum overall score for `almost-ready` (default 60). */
  almostReady: number;
  /** A critical check scoring below this trips the gate (default 50). */
  criticalGate: number;
}

/** @public */
export const DEFAULT_THRESHOLDS: Readonly<ScoringThresholds> = {
  productionReady: 80,
  almostReady: 60,
  criticalGate: 50,
};

/** Options of the scoring functions. @public */
export interface ScoringOptions {
  /** Category weights overriding the defaults. */
  categoryWeights?: Partial<Record<CategoryId, number>>;
  thresholds?: Partial<ScoringThresholds>;
}

/** The scored part of a scorecard. @public */
export interface ScoreResult {
  score: number;
  level: Level;
  gate?: { cappedAt: Level; failedCriticalChecks: string[] };
  categories: CategoryScore[];
  gaps: Gap[];
  gapCounts: GapCounts;
}

/** True for results that count in a score. @public */
export function isApplicable(status: CheckStatus): boolean {
  return status !== 'not-applicable' && status !== 'error';
}

/** The status a score implies: 100 pass, 0 fail, anything between partial. @public */
export function statusFromScore(score: number): CheckStatus {
  if (score >= 100) return 'pass';
  if (score <= 0) return 'fail';
  return 'partial';
}

function weightedMean(items: { value: number; weight: number }[]) {
  const total = items.reduce((sum, i) => sum + i.weight, 0);
  if (total <= 0) return null;
  return items.reduce((sum, i) => sum + i.value * i.weight, 0) / total;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Category score = weighted mean of its applicable checks. Categories are
 * returned in their default order, with `score: null` when nothing applies.
 * @public
 */
export function scoreCategories(
  checks: ScoredCheck[],
  options: ScoringOptions = {},
): CategoryScore[] {
  return CATEGORIES.map(category => {
    const inCategory = checks.filter(c => c.category === category.id);
    const applicable = inCategory.filter(c => isApplicable(c.status));
    const mean = weightedMean(
      applicable.map(c => ({ value: c.score, weight: c.weight })),
    );
    return {
      id: category.id,
      title: category.title,
      weight: options.categoryWeights?.[category.id] ?? category.weight,
      score: mean === null ? null : round1(mean),
      applicable: applicable.length,
      passed: applicable.filter(c => c.status === 'pass').length,
      total: inCategory.length,
    };
  });
}

/**
 * Overall = weighted mean of the categories that have a score; the weights of
 * the others are left out, which renormalises the rest. 0 when nothing applies.
 * @public
 */
export function overallScore(categories: CategoryScore[]): number {
  const mean = weightedMean(
    categories
      .filter(c => c.score !== null)
      .map(c => ({ value: c.score as number, weight: c.weight })),
  );
  return mean === null ? 0 : Math.round(mean);
}

/** The level a score earns before the gate. @public */
export function levelForScore(
  score: number,
  thresholds: Partial<ScoringThresholds> = {},
): Level {
  const t = { ...DEFAULT_THRESHOLDS, ...thresholds };
  if (score >= t.productionReady) return 'production-ready';
  if (score >= t.almostReady) return 'almost-ready';
  return 'needs-work';
}

/** Critical checks that scored below the gate. @public */
export function failedCriticalChecks(
  checks: ScoredCheck[],
  thresholds: Partial<ScoringThresholds> = {},
): string[] {
  const gate = thresholds.criticalGate ?? DEFAULT_THRESHOLDS.criticalGate;
  return checks
    .filter(
      c =>
        c.severity === 'critical' && isApplicable(c.status) && c.score < gate,
    )
    .map(c => c.checkId);
}

/**
 * Applies the critical gate: one failed critical check caps the level at
 * `almost-ready`, two or more at `needs-work`.
 * @public
 */
export function applyCriticalGate(
  level: Level,
  failedCritical: string[],
): { level: Level; gate?: { cappedAt: Level; failedCriticalChecks: string[] } } {
  if (failedCritical.length === 0) return { level };
  const cap: Level =
    failedCritical.length >= 2 ? 'needs-work' : 'almost-ready';
  if (LEVELS.indexOf(level) >= LEVELS.indexOf(cap)) return { level };
  return {
    level: cap,
    gate: { cappedAt: cap, failedCriticalChecks: failedCritical },
  };
}

/** One step lower, e.g. critical to high; low stays low. @public */
export function lowerSeverity(severity: Severity): Severity {
  return SEVERITIES[Math.min(SEVERITIES.indexOf(severity) + 1, 3)];
}

/** The text a gap needs from a check's definition. @public */
export type GapTexts = Pick<CheckDefinition, 'rationale' | 'remediation'>;

/**
 * Every applicable check below 100 is a gap; its severity drops one step when
 * the check scored 50 or more. Sorted by severity, then weight, then score.
 * @public
 */
export function buildGaps(
  checks: ScoredCheck[],
  texts: (checkId: string) => GapTexts | undefined,
): Gap[] {
  return checks
    .filter(c => isApplicable(c.status) && c.score < 100)
    .map(c => ({
      checkId: c.checkId,
      title: c.title,
      category: c.category,
      severity: c.score >= 50 ? lowerSeverity(c.severity) : c.severity,
      checkSeverity: c.severity,
      score: c.score,
      weight: c.weight,
      description: c.summary,
      impact: texts(c.checkId)?.rationale ?? '',
      recommendation: texts(c.checkId)?.remediation ?? c.remediation,
      effort: c.effort,
      evidence: c.evidence,
    }))
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
        b.weight - a.weight ||
        a.score - b.score ||
        a.checkId.localeCompare(b.checkId),
    );
}

/** Counts gaps by their effective severity. @public */
export function countGaps(gaps: Gap[]): GapCounts {
  const counts: GapCounts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const gap of gaps) counts[gap.severity] += 1;
  return counts;
}

/** Checks to categories to overall to level (with the gate) to gaps. @public */
export function scoreChecks(
  checks: ScoredCheck[],
  texts: (checkId: string) => GapTexts | undefined,
  options: ScoringOptions = {},
): ScoreResult {
  const categories = scoreCategories(checks, options);
  const score = overallScore(categories);
  const { level, gate } = applyCriticalGate(
    levelForScore(score, options.thresholds),
    failedCriticalChecks(checks, options.thresholds),
  );
  const gaps = buildGaps(checks, texts);
  return { score, level, gate, categories, gaps, gapCounts: countGaps(gaps) };
}
