import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AuditEngine,
  AuditWorkerPool,
  builtinChecks,
  DEFAULT_SNAPSHOT_LIMITS,
  LocalFolderSnapshot,
} from '@prodready/plugin-readiness-node';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Knex } from 'knex';
import { Scorecard } from '@prodready/plugin-readiness-common';
import { DatabaseReadinessStore } from '../database/DatabaseReadinessStore';
import { ScorecardWrite } from '../database/ReadinessStore';
import { SourceReader } from '../source/SourceReader';
import { startFakeGithub } from '../testing/fakeGithub';
import { BARE_REPO, GOOD_REPO, localComponent, writeRepos } from '../testing/localRepos';
import { AuditService } from './AuditService';
import { shardOf } from './concurrency';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

describe.each(databases.eachSupportedId())('AuditService on %p', databaseId => {
  const afterTestDone: (() => unknown)[] = [];
  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(afterTestDone.splice(0).map(f => f()));
  });

  async function setUp(
    entities: ReturnType<typeof localComponent>[],
    root: string,
    shards = 1,
    makeStore = (knex: Knex) => new DatabaseReadinessStore(knex),
    pool?: AuditWorkerPool,
    urlReader: unknown = {},
  ) {
    const knex = await databases.init(databaseId);
    await DatabaseReadinessStore.migrate(knex);
    const store = makeStore(knex);
    const catalog = catalogServiceMock({ entities });
    const service = new AuditService({
      engine: new AuditEngine({ checks: builtinChecks, config: new ConfigReader({}) }),
      pool,
      store,
      sources: new SourceReader({ urlReader: urlReader as any, limits: DEFAULT_SNAPSHOT_LIMITS, localRoots: [root], attempts: 1 }),
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      kinds: ['Component'],
      filter: {},
      concurrency: 2,
      shards,
      historyRetentionDays: 30,
      pageSize: 2, // several catalog pages for five entities
    });
    return { store, service, catalog };
  }

  it.each(['on this thread', 'in worker threads'])('audits every entity over several catalog pages, then reuses unchanged sources, %s', async where => {
    const pool = where === 'in worker threads' ? new AuditWorkerPool({ size: 2, config: {}, auditTimeoutMs: 30_000 }) : undefined;
    afterTestDone.push(() => pool?.close());
    const root = await writeRepos({ good: GOOD_REPO, bare: BARE_REPO, a: BARE_REPO, b: BARE_REPO });
    const entities = [
      localComponent('good', root),
      localComponent('bare', root),
      localComponent('a', root),
      localComponent('b', root),
      localComponent('gone-source', root),
    ];
    const { store, service } = await setUp(entities, root, 1, undefined, pool);

    const first = await service.runShard(0);
    expect(first).toMatchObject({ entities: 5, audited: 4, unchanged: 0, sourceUnavailable: 1, failed: 0 });
    const good = (await store.getScorecard('component:default/good'))!.scorecard;
    const bare = (await store.getScorecard('component:default/bare'))!.scorecard;
    expect(good.score).toBeGreaterThan(bare.score);
    expect(good.status).toBe('complete');
    const missing = (await store.getScorecard('component:default/gone-source'))!.scorecard;
    expect(missing.status).toBe('source-unavailable');
    expect(missing.statusReason).toMatch(/no such folder/);
    // Catalog checks still score without a source.
    expect(missing.checks.find(c => c.checkId === 'catalog-metadata')?.status).not.toBe('not-applicable');

    const second = await service.runShard(0);
    expect(second).toMatchObject({ entities: 5, audited: 0, unchanged: 4, sourceUnavailable: 1 });
    const goodAgain = (await store.getScorecard('component:default/good'))!.scorecard;
    expect(goodAgain.score).toBe(good.score);
    // Nothing changed: the audit time moves, no history point is added.
    expect(Date.parse(goodAgain.auditedAt)).toBeGreaterThan(Date.parse(good.auditedAt));
    expect(await store.getHistory('component:default/good', 10)).toHaveLength(1);

    // A change to one repository re-audits that one only.
    await fs.writeFile(join(root, 'bare', 'Dockerfile'), 'FROM python:3.12-slim\nUSER 1000\n');
    const third = await service.runShard(0);
    expect(third).toMatchObject({ audited: 1, unchanged: 3 });
    const bareAfter = (await store.getScorecard('component:default/bare'))!.scorecard;
    expect(bareAfter.checks.find(c => c.checkId === 'container-build')?.status).not.toBe('fail');

    // On demand: the whole scorecard, as stored (from a worker, it comes as JSON).
    const onDemand = await service.auditRef('component:default/good', await mockServices.auth().getOwnServiceCredentials());
    const stored = (await store.getScorecard('component:default/good'))!.scorecard;
    const results = (card: Scorecard) => card.checks.map(c => [c.checkId, c.status, c.score]);
    expect(results(onDemand)).toEqual(results(stored));
    expect(onDemand.gaps).toEqual(stored.gaps);
    expect(onDemand.score).toBe(good.score);
  });

  it('re-scores a changed catalog record over the stored repository results, reading no file', async () => {
    const root = await writeRepos({ a: GOOD_REPO });
    const entity = localComponent('a', root);
    const { store, service, catalog } = await setUp([entity], root);
    await service.runShard(0);
    const before = (await store.getScorecard('component:default/a'))!.scorecard;
    const readSpy = jest.spyOn(LocalFolderSnapshot.prototype, 'readText');

    // The same record again: the stored scorecard is not even read.
    const getSpy = jest.spyOn(store, 'getScorecard');
    expect(await service.runShard(0)).toMatchObject({ unchanged: 1, audited: 0 });
    expect(getSpy).not.toHaveBeenCalled();

    // The owner leaves the record: catalog checks run again, repository results are reused.
    const changed = { ...entity, spec: { ...entity.spec, owner: undefined } };
    jest.spyOn(catalog, 'queryEntities').mockResolvedValue({ items: [changed], totalItems: 1, pageInfo: {} });
    expect(await service.runShard(0)).toMatchObject({ unchanged: 1, audited: 0 });
    const after = (await store.getScorecard('component:default/a'))!.scorecard;
    expect(after.score).toBeLessThan(before.score);
    expect(after.checks.find(c => c.checkId === 'catalog-owner')?.status).toBe('fail');
    const repositoryResults = (card: typeof before) =>
      card.checks.filter(c => builtinChecks.some(b => b.id === c.checkId && b.scope === 'repository')).map(c => [c.checkId, c.status, c.score]);
    expect(repositoryResults(after)).toEqual(repositoryResults(before));
    expect(await store.getHistory('component:default/a', 10)).toHaveLength(2);
    expect(readSpy).not.toHaveBeenCalled();
  });

  it('stores a page at once, and one at a time when the batch is refused', async () => {
    const root = await writeRepos({ a: BARE_REPO, b: BARE_REPO, c: BARE_REPO });
    const refused = 'component:default/b';
    class RefusingStore extends DatabaseReadinessStore {
      override async saveScorecards(writes: ScorecardWrite[]) {
        if (writes.some(w => w.scorecard.entityRef === refused)) throw new Error('value too long');
        return super.saveScorecards(writes);
      }
    }
    const names = ['a', 'b', 'c'];
    const { store, service } = await setUp(names.map(n => localComponent(n, root)), root, 1, knex => new RefusingStore(knex));
    const run = await service.runShard(0);
    expect(run).toMatchObject({ entities: 3, audited: 2, failed: 1 });
    expect((await store.listEntityRefs()).sort()).toEqual(['component:default/a', 'component:default/c']);
  });

  /** A GitHub on loopback over these repositories of `acme`, read through Backstage's own GitHub reader. */
  async function github(repos: Parameters<typeof writeRepos>[0]) {
    const reposDir = await writeRepos(repos);
    const fake = await startFakeGithub({ reposDir, owner: 'acme' });
    afterTestDone.push(() => fake.close());
    const config = new ConfigReader({ integrations: { github: [{ host: 'github.example.test', apiBaseUrl: fake.apiBaseUrl }] } });
    return { fake, reposDir, urlReader: UrlReaders.default({ config, logger: mockServices.logger.mock() }) };
  }

  it('asks once per run for a repository its entities share, and downloads a changed one at most twice (a monorepo on GitHub)', async () => {
    const { fake, reposDir, urlReader } = await github({
      shop: {
        'README.md': '# Shop\n',
        '.github/workflows/ci.yml': 'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: go test ./...\n',
        'services/cart/main.go': 'package main\n',
        'services/cart/Dockerfile': 'FROM golang:1.23 AS build\nFROM gcr.io/distroless/base\nUSER nonroot\n',
        'services/pay/main.go': 'package main\n',
        'services/pay/RUNBOOK.md': `# Runbook\n\n${'When payments fail, check the provider status page first. '.repeat(10)}\n`,
        'services/ship/main.go': 'package main\n',
      },
    });
    const names = ['cart', 'pay', 'ship', 'track'];
    const entities = names.map(name =>
      localComponent(name, '/unused', {
        annotations: { 'backstage.io/source-location': `url:https://github.example.test/acme/shop/tree/main/services/${name}/` },
      }),
    );
    const { store, service } = await setUp(entities, '/unused', 1, undefined, undefined, urlReader);
    const credentials = await mockServices.auth().getOwnServiceCredentials();
    const repositoryResults = (card: Scorecard) =>
      card.checks
        .filter(c => builtinChecks.some(b => b.id === c.checkId && b.scope === 'repository'))
        .map(c => [c.checkId, c.status, c.score, c.summary]);

    // The first entity reads its own view, the second the whole tree, the others nothing.
    expect(await service.runShard(0)).toMatchObject({ audited: 4 });
    expect(fake.requests).toEqual({ status: 2, tarball: 2 });
    expect(await service.runShard(0)).toMatchObject({ unchanged: 4, audited: 0 });
    expect(fake.requests).toEqual({ status: 3, tarball: 2 });

    // A commit: the same, once more.
    await fs.appendFile(join(reposDir, 'shop', 'services', 'pay', 'main.go'), '\nfunc main() {}\n');
    fake.commit(['shop']);
    expect(await service.runShard(0)).toMatchObject({ audited: 4 });
    expect(fake.requests).toEqual({ status: 5, tarball: 4 });

    // Each scorecard is the one a read of its own view gives (an audit on demand).
    for (const name of names) {
      const ref = `component:default/${name}`;
      const fromRun = (await store.getScorecard(ref))!.scorecard;
      const alone = await service.auditRef(ref, credentials);
      expect(alone.source.etag).toBe(fromRun.source.etag);
      expect(repositoryResults(alone)).toEqual(repositoryResults(fromRun));
      expect(alone.score).toBe(fromRun.score);
    }
    // The services' own files count for them only.
    const cart = repositoryResults((await store.getScorecard('component:default/cart'))!.scorecard);
    const pay = repositoryResults((await store.getScorecard('component:default/pay'))!.scorecard);
    expect(cart).not.toEqual(pay);
  });

  it('keeps the last repository results while the source cannot be read, until it is read again or is gone', async () => {
    const { fake, reposDir, urlReader } = await github({
      pay: {
        'README.md': '# Pay\n\nRun it with `npm start`.\n',
        Dockerfile: 'FROM node:22-slim\nUSER node\nCMD ["node", "index.js"]\n',
        '.github/workflows/ci.yml': 'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
      },
    });
    const entity = localComponent('pay', '/unused', {
      annotations: { 'backstage.io/source-location': 'url:https://github.example.test/acme/pay/tree/main/' },
    });
    const { store, service } = await setUp([entity], '/unused', 1, undefined, undefined, urlReader);
    const ref = 'component:default/pay';
    const repositoryResults = (card: Scorecard) =>
      card.checks
        .filter(c => builtinChecks.some(b => b.id === c.checkId && b.scope === 'repository'))
        .map(c => [c.checkId, c.status, c.score]);

    expect(await service.runShard(0)).toMatchObject({ audited: 1 });
    const read = (await store.getScorecard(ref))!.scorecard;
    expect(read.status).toBe('complete');
    expect(repositoryResults(read).some(([, status]) => status === 'pass')).toBe(true);

    // The allowance is spent: the score stands, the scorecard says why it is stale.
    fake.failWith('rate-limit');
    expect(await service.runShard(0)).toMatchObject({ sourceUnavailable: 1, failed: 0 });
    const stale = (await store.getScorecard(ref))!.scorecard;
    expect(stale).toMatchObject({ status: 'stale', score: read.score, level: read.level });
    expect(stale.statusReason).toMatch(/rate limit exceeded\)\. The repository checks show the results of its last read/);
    expect(stale.source.readAt).toBe(read.auditedAt);
    expect(repositoryResults(stale)).toEqual(repositoryResults(read));
    expect(await store.getHistory(ref, 10)).toHaveLength(2);
    // Again: the results still date from the last read, not from the stale
    // audit, and nothing changed, so no history point is added.
    await service.runShard(0);
    const again = (await store.getScorecard(ref))!.scorecard;
    expect(again.source.readAt).toBe(read.auditedAt);
    expect(Date.parse(again.auditedAt)).toBeGreaterThan(Date.parse(stale.auditedAt));
    // An audit on demand keeps them too.
    const credentials = await mockServices.auth().getOwnServiceCredentials();
    expect(await service.auditRef(ref, credentials)).toMatchObject({ status: 'stale', score: read.score });
    expect(await store.getHistory(ref, 10)).toHaveLength(2);

    // Readable again and unchanged: complete, with the stored results, no
    // date of an older read, and nothing downloaded.
    fake.failWith(undefined);
    const downloads = fake.requests.tarball;
    expect(await service.runShard(0)).toMatchObject({ unchanged: 1 });
    expect(fake.requests.tarball).toBe(downloads);
    const back = (await store.getScorecard(ref))!.scorecard;
    expect(back.status).toBe('complete');
    expect(back.source.readAt).toBeUndefined();
    expect(repositoryResults(back)).toEqual(repositoryResults(read));

    // The repository is gone: its results are obsolete.
    await fs.rm(join(reposDir, 'pay'), { recursive: true });
    await service.runShard(0);
    const gone = (await store.getScorecard(ref))!.scorecard;
    expect(gone.status).toBe('source-unavailable');
    expect(repositoryResults(gone).every(([, status]) => status === 'not-applicable')).toBe(true);
  });

  it('deletes scorecards of entities that left the catalog', async () => {
    const root = await writeRepos({ a: BARE_REPO, b: BARE_REPO });
    const { store, service, catalog } = await setUp([localComponent('a', root), localComponent('b', root)], root);
    await service.runShard(0);
    expect(await store.listEntityRefs()).toHaveLength(2);
    jest.spyOn(catalog, 'queryEntities').mockResolvedValue({ items: [localComponent('a', root)], totalItems: 1, pageInfo: {} });
    const run = await service.runShard(0);
    expect(run.deleted).toBe(1);
    expect(await store.listEntityRefs()).toEqual(['component:default/a']);
  });

  it('splits the catalog into shards by entity ref', async () => {
    const names = ['s1', 's2', 's3', 's4', 's5', 's6'];
    const root = await writeRepos(Object.fromEntries(names.map(n => [n, BARE_REPO])));
    const { store, service } = await setUp(names.map(n => localComponent(n, root)), root, 2);
    const run0 = await service.runShard(0);
    const expected0 = names.filter(n => shardOf(`component:default/${n}`, 2) === 0);
    expect(run0.entities).toBe(expected0.length);
    expect((await store.listEntityRefs()).sort()).toEqual(expected0.map(n => `component:default/${n}`).sort());
    const run1 = await service.runShard(1);
    expect(run0.entities + run1.entities).toBe(6);
    expect(run1.deleted).toBe(0);
  });

  it('de-duplicates concurrent on-demand audits of one entity', async () => {
    const root = await writeRepos({ a: GOOD_REPO });
    const { service, catalog } = await setUp([localComponent('a', root)], root);
    const spy = jest.spyOn(catalog, 'getEntityByRef');
    const credentials = mockServices.auth().getOwnServiceCredentials();
    const [x, y] = await Promise.all([
      service.auditRef('component:default/a', await credentials),
      service.auditRef('component:default/a', await credentials),
    ]);
    expect(x).toBe(y);
    expect(spy).toHaveBeenCalledTimes(1);
    await expect(service.auditRef('component:default/nope', await credentials)).rejects.toThrow(/No entity/);
  });
});
