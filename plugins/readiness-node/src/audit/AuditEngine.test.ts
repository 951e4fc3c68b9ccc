import { ConfigReader } from '@backstage/config';
import { ReadinessCheck, outcome } from '../api/check';
import { testEntity } from '../checks/testUtils';
import { InMemorySnapshot } from '../snapshot/InMemorySnapshot';
import { AuditEngine } from './AuditEngine';

function fake(id: string, run: ReadinessCheck['run'], extra: Partial<ReadinessCheck> = {}): ReadinessCheck {
  return {
    id,
    title: id,
    category: 'security',
    severity: 'high',
    description: 'd',
    rationale: `why ${id}`,
    remediation: `fix ${id}`,
    effort: 'S',
    scope: 'repository',
    run,
    ...extra,
  };
}

const snapshot = new InMemorySnapshot({ 'README.md': '# hi' });

describe('AuditEngine', () => {
  it('reports a throwing and a hanging check as errors and scores the rest', async () => {
    const engine = new AuditEngine({
      checks: [
        fake('ok', () => outcome.pass('fine')),
        fake('half', () => outcome.scored(50, 'half')),
        fake('throws', () => {
          throw new Error('boom');
        }),
        fake('hangs', () => new Promise(() => {})),
      ],
      config: new ConfigReader({ checks: { timeoutMs: 50 } }),
    });
    const card = await engine.audit({ entity: testEntity(), snapshot });
    const byId = Object.fromEntries(card.checks.map(c => [c.checkId, c]));
    expect(byId.throws).toMatchObject({ status: 'error', summary: 'Check threw: boom' });
    expect(byId.hangs).toMatchObject({ status: 'error', summary: 'Check timed out after 50 ms' });
    expect(card.status).toBe('incomplete');
    expect(card.statusReason).toMatch(/2 check\(s\) errored.*throws \(Check threw: boom\).*hangs/);
    // security = (100 + 50) / 2 = 75 on the two that ran; the errors are not gaps.
    expect(card.categories.find(c => c.id === 'security')?.score).toBe(75);
    expect(card.score).toBe(75);
    expect(card.gaps.map(g => g.checkId)).toEqual(['half']);
  });

  it('honours applies(), disabled checks and weight overrides', async () => {
    const engine = new AuditEngine({
      checks: [
        fake('a', () => outcome.pass('a')),
        fake('b', () => outcome.fail('b')),
        fake('na', () => outcome.pass('never'), { applies: () => ({ reason: 'not here' }) }),
        fake('off', () => outcome.fail('off')),
      ],
      config: new ConfigReader({ checks: { disabled: ['off'] }, weights: { checks: { b: 2.5 } } }),
    });
    const card = await engine.audit({ entity: testEntity(), snapshot });
    expect(card.checks.map(c => c.checkId)).toEqual(['a', 'b', 'na']);
    expect(card.checks.find(c => c.checkId === 'na')).toMatchObject({ status: 'not-applicable', summary: 'not here' });
    // (7.5 * 100 + 2.5 * 0) / 10 = 75
    expect(card.score).toBe(75);
  });

  it('scores catalog checks and marks repository checks unavailable without a source', async () => {
    const engine = new AuditEngine({
      checks: [fake('repo', () => outcome.pass('x')), fake('cat', () => outcome.fail('no owner'), { scope: 'catalog', severity: 'critical' })],
    });
    const card = await engine.audit({ entity: testEntity(), sourceError: 'no such folder: /x' });
    expect(card.status).toBe('source-unavailable');
    expect(card.statusReason).toBe('no such folder: /x');
    expect(card.checks[0]).toMatchObject({ status: 'not-applicable', summary: expect.stringContaining('no such folder') });
    expect(card.checks[1]).toMatchObject({ status: 'fail' });
    expect(card.level).toBe('needs-work');
  });

  it('reuses stored repository results when the source is unchanged', async () => {
    const run = jest.fn(() => outcome.pass('ran'));
    const engine = new AuditEngine({ checks: [fake('repo', run)] });
    const card = await engine.audit({
      entity: testEntity(),
      reuseRepositoryResults: [{ checkId: 'repo', status: 'partial', score: 40, summary: 'earlier', evidence: [] }],
    });
    expect(run).not.toHaveBeenCalled();
    expect(card.status).toBe('complete');
    expect(card.checks[0]).toMatchObject({ score: 40, summary: 'earlier' });
  });

  it('keeps the last repository results, saying so, when the source could not be read this time', async () => {
    const run = jest.fn(() => outcome.pass('ran'));
    const engine = new AuditEngine({
      checks: [fake('repo', run), fake('added', () => outcome.pass('x')), fake('cat', () => outcome.fail('no owner'), { scope: 'catalog' })],
    });
    const card = await engine.audit({
      entity: testEntity(),
      sourceError: 'Could not read https://github.com/o/r: 403 (rate limit exceeded)',
      source: { location: 'https://github.com/o/r', readAt: '2026-11-30T10:00:00.000Z' },
      reuseRepositoryResults: [{ checkId: 'repo', status: 'partial', score: 40, summary: 'earlier', evidence: [] }],
    });
    expect(run).not.toHaveBeenCalled();
    expect(card.status).toBe('stale');
    expect(card.statusReason).toBe(
      'Could not read https://github.com/o/r: 403 (rate limit exceeded). The repository checks show the results of its last read (2026-11-30T10:00:00.000Z); the catalog checks ran again.',
    );
    expect(card.checks.map(c => [c.checkId, c.status])).toEqual([
      ['repo', 'partial'],
      // A check with no earlier result is not run without the repository.
      ['added', 'not-applicable'],
      ['cat', 'fail'],
    ]);
    expect(card.source.readAt).toBe('2026-11-30T10:00:00.000Z');
  });

  it('rejects invalid settings naming the key', () => {
    expect(() => new AuditEngine({ checks: [], config: new ConfigReader({ weights: { categories: { nope: 1 } } }) })).toThrow(
      /readiness\.weights\.categories\.nope/,
    );
    expect(() => new AuditEngine({ checks: [], config: new ConfigReader({ thresholds: { productionReady: 120 } }) })).toThrow(
      /readiness\.thresholds\.productionReady/,
    );
    expect(() => new AuditEngine({ checks: [fake('x', () => outcome.pass('')), fake('x', () => outcome.pass(''))] })).toThrow(
      /Duplicate readiness check id 'x'/,
    );
  });
});
