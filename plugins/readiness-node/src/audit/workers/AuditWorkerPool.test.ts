import { ConfigReader } from '@backstage/config';
import { Scorecard } from '@prodready/plugin-readiness-common';
import { join, resolve } from 'node:path';
import { builtinChecks } from '../../checks';
import { readCustomChecks } from '../../custom/customChecks';
import { InMemorySnapshot } from '../../snapshot/InMemorySnapshot';
import { LocalFolderSnapshot } from '../../snapshot/LocalFolderSnapshot';
import { testEntity } from '../../checks/testUtils';
import { AuditEngine } from '../AuditEngine';
import { AuditWorkerPool } from './AuditWorkerPool';

jest.setTimeout(60_000);

const examples = resolve(__dirname, '../../../../../examples/repos');

// A config-defined check whose pattern backtracks for ages on 'aaa…ab':
// a file scan cannot be interrupted, so only the pool's deadline stops it.
const config = {
  checks: { timeoutMs: 300 },
  customChecks: [
    {
      id: 'readme-usage',
      title: 'The README says how to use the service',
      category: 'documentation',
      severity: 'low',
      description: 'A README with a Usage section.',
      remediation: 'Add a Usage section to the README.',
      type: 'file-contains',
      glob: 'README.md',
      pattern: 'Usage',
    },
    {
      id: 'slow-pattern',
      title: 'A pattern that backtracks',
      category: 'documentation',
      severity: 'low',
      description: 'For the test.',
      remediation: 'None.',
      type: 'file-contains',
      glob: 'slow.txt',
      pattern: '^(a+)+$',
    },
  ],
};

const comparable = (card: Scorecard) => ({
  ...card,
  auditedAt: undefined,
  durationMs: undefined,
  checks: card.checks.map(c => ({ ...c, durationMs: undefined })),
});

describe('AuditWorkerPool', () => {
  const engine = new AuditEngine({
    checks: [...builtinChecks, ...readCustomChecks(new ConfigReader(config))],
    config: new ConfigReader(config),
  });
  let pool: AuditWorkerPool;

  beforeAll(() => {
    pool = new AuditWorkerPool({ size: 2, config, auditTimeoutMs: 5_000 });
  });
  afterAll(() => pool.close());

  it('gives the same scorecards as the engine on this thread, custom checks included', async () => {
    const entity = testEntity();
    for (const repo of ['payments-api', 'legacy-billing']) {
      const snapshot = await LocalFolderSnapshot.create(join(examples, repo));
      const input = { entity, snapshot, source: { location: `file:${repo}` } };
      const [inThread, inWorker] = await Promise.all([engine.audit(input), pool.audit(input)]);
      expect(comparable(inWorker)).toEqual(comparable(inThread));
      expect(inWorker.checks.find(c => c.checkId === 'readme-usage')).toBeDefined();
    }
  });

  it('lists and audits a folder in one task, or says it is unchanged', async () => {
    const root = join(examples, 'shop-monorepo');
    const entity = testEntity();
    const here = await LocalFolderSnapshot.create(root, { entityPath: 'services/cart' });
    const expected = await engine.audit({ entity, snapshot: here, source: { location: 'file:cart', etag: here.fingerprint } });
    const request = { folder: join(root, 'services/cart'), allowedRoots: [examples], entity, source: { location: 'file:cart' } };
    const there = await pool.auditFolder(request);
    if (there === 'unchanged' || 'unavailable' in there) throw new Error('expected an audit');
    expect(there.fingerprint).toBe(here.fingerprint);
    const scorecard = JSON.parse(there.document);
    expect(comparable(scorecard)).toEqual(comparable(expected));
    expect(scorecard.source).toMatchObject({ location: 'file:cart', etag: here.fingerprint });
    // The head is the scorecard less its bulk.
    const { checks, gaps, ...head } = scorecard;
    expect(there.head).toEqual(head);
    expect(checks.length).toBeGreaterThan(0);
    expect(await pool.auditFolder({ ...request, unlessFingerprint: here.fingerprint })).toBe('unchanged');
    expect(await pool.auditFolder({ ...request, unlessFingerprint: 'other' })).toMatchObject({ fingerprint: here.fingerprint });
    expect(await pool.auditFolder({ ...request, folder: join(examples, 'no-such-repo') })).toEqual({
      unavailable: `no such folder: ${join(examples, 'no-such-repo')}`,
    });
    expect(await pool.auditFolder({ ...request, allowedRoots: [join(examples, 'payments-api')] })).toEqual({
      unavailable: expect.stringMatching(/outside the folders allowed by readiness.localRoots/),
    });
  });

  it('keeps evidence links of downloaded trees', async () => {
    const snapshot = new InMemorySnapshot(
      { 'Dockerfile': 'FROM node:22\nUSER node\n', 'README.md': '# Service\nUsage: run it\n' },
      { urlBase: 'https://example.test/org/repo/blob/abc' },
    );
    const card = await pool.audit({ entity: testEntity(), snapshot });
    const usage = card.checks.find(c => c.checkId === 'readme-usage')!;
    expect(usage.status).toBe('pass');
    expect(usage.evidence[0].url).toBe('https://example.test/org/repo/blob/abc/README.md#L2');
  });

  it('cuts off an audit whose check blocks its thread, and goes on with a new worker', async () => {
    const small = new AuditWorkerPool({ size: 1, config, auditTimeoutMs: 1_000 });
    try {
      const blocking = new InMemorySnapshot({ 'slow.txt': `${'a'.repeat(40)}b` });
      const started = Date.now();
      await expect(small.audit({ entity: testEntity(), snapshot: blocking })).rejects.toThrow(
        /did not finish within 1000 ms/,
      );
      expect(Date.now() - started).toBeLessThan(10_000);
      const fine = new InMemorySnapshot({ 'README.md': 'Usage: run it\n' });
      const card = await small.audit({ entity: testEntity(), snapshot: fine });
      expect(card.checks.find(c => c.checkId === 'readme-usage')?.status).toBe('pass');
    } finally {
      await small.close();
    }
  });

  it('starts workers with work and stops them when idle', async () => {
    const lazy = new AuditWorkerPool({ size: 2, config, auditTimeoutMs: 5_000, idleTimeoutMs: 300 });
    try {
      expect(lazy.threads).toBe(0);
      const snapshot = new InMemorySnapshot({ 'README.md': 'Usage: run it\n' });
      await lazy.audit({ entity: testEntity(), snapshot });
      expect(lazy.threads).toBe(1); // one audit at a time needs one thread
      const audits = [1, 2, 3].map(() => lazy.audit({ entity: testEntity(), snapshot }));
      expect(lazy.threads).toBe(2); // no more than the size
      await Promise.all(audits);
      await new Promise(r => setTimeout(r, 1_000));
      expect(lazy.threads).toBe(0);
      const card = await lazy.audit({ entity: testEntity(), snapshot });
      expect(card.checks.find(c => c.checkId === 'readme-usage')?.status).toBe('pass');
    } finally {
      await lazy.close();
    }
  });

  it('refuses what cannot cross threads, and any audit once closed', async () => {
    const linked = new InMemorySnapshot({ 'a.txt': 'x' }, { urlFor: () => 'https://example.test' });
    expect(pool.tryAudit({ entity: testEntity(), snapshot: linked })).toBeUndefined();
    await expect(pool.audit({ entity: testEntity(), snapshot: linked })).rejects.toThrow(/cannot run in a worker/);
    const closed = new AuditWorkerPool({ size: 1, config, auditTimeoutMs: 1_000 });
    await closed.close();
    await expect(
      closed.audit({ entity: testEntity(), snapshot: new InMemorySnapshot({ 'a.txt': 'x' }) }),
    ).rejects.toThrow(/closed/);
  });
});
