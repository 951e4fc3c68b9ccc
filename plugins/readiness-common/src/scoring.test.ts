import { ScoredCheck } from './types';
import {
  applyCriticalGate,
  buildGaps,
  failedCriticalChecks,
  levelForScore,
  overallScore,
  statusFromScore,
  scoreCategories,
  scoreChecks,
} from './scoring';

function check(partial: Partial<ScoredCheck> & Pick<ScoredCheck, 'checkId' | 'category' | 'severity' | 'score'>): ScoredCheck {
  const weight = { critical: 10, high: 7.5, medium: 5, low: 2.5 }[partial.severity];
  return {
    status: statusFromScore(partial.score),
    summary: `${partial.checkId} summary`,
    evidence: [],
    title: partial.checkId,
    weight,
    effort: 'S',
    remediation: `fix ${partial.checkId}`,
    ...partial,
  };
}

const texts = (id: string) => ({ rationale: `why ${id}`, remediation: `how ${id}` });

describe('scoring', () => {
  it('takes the weighted mean of applicable checks per category', () => {
    // security: (10*100 + 7.5*0 + 5*50) / 22.5 = 55.555... -> 55.6
    const checks = [
      check({ checkId: 'a', category: 'security', severity: 'critical', score: 100 }),
      check({ checkId: 'b', category: 'security', severity: 'high', score: 0 }),
      check({ checkId: 'c', category: 'security', severity: 'medium', score: 50 }),
      check({ checkId: 'd', category: 'security', severity: 'low', score: 0, status: 'not-applicable' }),
      check({ checkId: 'e', category: 'security', severity: 'low', score: 0, status: 'error' }),
    ];
    const security = scoreCategories(checks).find(c => c.id === 'security')!;
    expect(security).toMatchObject({ score: 55.6, applicable: 3, passed: 1, total: 5, weight: 15 });
    expect(scoreCategories(checks).find(c => c.id === 'ci-cd')!.score).toBeNull();
  });

  it('renormalises the overall score over categories that apply', () => {
    // security 15 * 60 + ci-cd 12 * 100 = 2100 / 27 = 77.78 -> 78
    const checks = [
      check({ checkId: 'a', category: 'security', severity: 'high', score: 60 }),
      check({ checkId: 'b', category: 'ci-cd', severity: 'critical', score: 100 }),
    ];
    expect(overallScore(scoreCategories(checks))).toBe(78);
    // With weights overridden: security 1, ci-cd 3 -> (60 + 300) / 4 = 90
    expect(overallScore(scoreCategories(checks, { categoryWeights: { security: 1, 'ci-cd': 3 } }))).toBe(90);
    expect(overallScore(scoreCategories([]))).toBe(0);
  });

  it('maps scores to levels at the thresholds', () => {
    expect(levelForScore(80)).toBe('production-ready');
    expect(levelForScore(79)).toBe('almost-ready');
    expect(levelForScore(60)).toBe('almost-ready');
    expect(levelForScore(59)).toBe('needs-work');
    expect(levelForScore(70, { productionReady: 70 })).toBe('production-ready');
  });

  it('caps the level with the critical gate', () => {
    const one = [check({ checkId: 'x', category: 'security', severity: 'critical', score: 40 })];
    const two = [...one, check({ checkId: 'y', category: 'ci-cd', severity: 'critical', score: 0 })];
    expect(failedCriticalChecks(one)).toEqual(['x']);
    expect(applyCriticalGate('production-ready', ['x'])).toEqual({
      level: 'almost-ready',
      gate: { cappedAt: 'almost-ready', failedCriticalChecks: ['x'] },
    });
    expect(applyCriticalGate('production-ready', ['x', 'y']).level).toBe('needs-work');
    // The gate never raises a level.
    expect(applyCriticalGate('needs-work', ['x'])).toEqual({ level: 'needs-work' });
    // A critical check at 50 or more, or not applicable, does not trip it.
    expect(failedCriticalChecks([check({ checkId: 'z', category: 'security', severity: 'critical', score: 50 })])).toEqual([]);
    expect(failedCriticalChecks([check({ checkId: 'z', category: 'security', severity: 'critical', score: 0, status: 'not-applicable' })])).toEqual([]);
    expect(failedCriticalChecks(two)).toEqual(['x', 'y']);
  });

  it('scores a whole scorecard with the gate applied', () => {
    // 19 passing high checks in ci-cd... keep it small: ci-cd 100 (weight 12), security 75 (15):
    // security = (10*40 + 7.5*100*3 + ...) use two checks: critical 40 and high 100 x 4
    // security = (10*40 + 7.5*100*4) / (10 + 30) = 3400 / 40 = 85
    // overall = (12*100 + 15*85) / 27 = 2475 / 27 = 91.67 -> 92: production-ready, gated to almost-ready
    const checks = [
      check({ checkId: 'ci', category: 'ci-cd', severity: 'critical', score: 100 }),
      check({ checkId: 'crit', category: 'security', severity: 'critical', score: 40 }),
      ...[1, 2, 3, 4].map(i => check({ checkId: `h${i}`, category: 'security', severity: 'high', score: 100 })),
    ];
    const result = scoreChecks(checks, texts);
    expect(result.score).toBe(92);
    expect(result.level).toBe('almost-ready');
    expect(result.gate?.failedCriticalChecks).toEqual(['crit']);
    expect(result.gaps.map(g => g.checkId)).toEqual(['crit']);
    expect(result.gapCounts).toEqual({ critical: 1, high: 0, medium: 0, low: 0 });
  });

  it('lists gaps worst first, a step lower at 50 or more, with texts', () => {
    const gaps = buildGaps(
      [
        check({ checkId: 'low-0', category: 'catalog', severity: 'low', score: 0 }),
        check({ checkId: 'crit-60', category: 'security', severity: 'critical', score: 60 }),
        check({ checkId: 'high-0', category: 'health', severity: 'high', score: 0 }),
        check({ checkId: 'crit-10', category: 'ci-cd', severity: 'critical', score: 10 }),
        check({ checkId: 'med-100', category: 'testing', severity: 'medium', score: 100 }),
        check({ checkId: 'na', category: 'data', severity: 'high', score: 0, status: 'not-applicable' }),
      ],
      texts,
    );
    expect(gaps.map(g => [g.checkId, g.severity])).toEqual([
      ['crit-10', 'critical'],
      ['crit-60', 'high'],
      ['high-0', 'high'],
      ['low-0', 'low'],
    ]);
    // crit-60 keeps its weight (10) and sorts before high-0 (7.5) within "high".
    expect(gaps[1]).toMatchObject({ checkSeverity: 'critical', impact: 'why crit-60', recommendation: 'how crit-60', description: 'crit-60 summary' });
  });
});
