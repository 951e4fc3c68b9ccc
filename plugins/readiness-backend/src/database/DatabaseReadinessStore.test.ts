import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseReadinessStore } from './DatabaseReadinessStore';
import { makeScorecard } from '../testing/scorecards';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'],
});

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  await DatabaseReadinessStore.migrate(knex);
  return { knex, store: new DatabaseReadinessStore(knex) };
}

describe.each(databases.eachSupportedId())('DatabaseReadinessStore on %p', databaseId => {
  it('upserts a scorecard and appends history in one go', async () => {
    const { store, knex } = await createStore(databaseId);
    await store.saveScorecard(makeScorecard({ name: 'a', score: 40 }), 'sig:etag-1');
    await store.saveScorecard(
      makeScorecard({ name: 'a', score: 70, auditedAt: '2026-11-02T10:00:00.000Z' }),
      'sig:etag-2',
    );

    const stored = await store.getScorecard('component:default/a');
    expect(stored?.scorecard.score).toBe(70);
    expect(stored?.etag).toBe('sig:etag-2');
    expect(await knex('readiness_scorecards').count({ c: '*' })).toEqual([{ c: expect.anything() }]);
    expect(Number((await knex('readiness_scorecards').count({ c: '*' }))[0].c)).toBe(1);

    const history = await store.getHistory('component:default/a', 10);
    expect(history.map(h => h.score)).toEqual([40, 70]);
    expect(history[1]).toMatchObject({ level: 'almost-ready', auditedAt: '2026-11-02T10:00:00.000Z' });
    expect(history[1].categories.security).toBe(70);
    expect(await store.getHistory('component:default/a', 1)).toHaveLength(1);

    await store.touchScorecards([{ entityRef: 'component:default/a' }], '2026-11-03T10:00:00.000Z');
    const touched = await store.getScorecard('component:default/a');
    expect(touched?.scorecard).toMatchObject({ score: 70, auditedAt: '2026-11-03T10:00:00.000Z' });
    expect(await store.getHistory('component:default/a', 10)).toHaveLength(2);
    expect(await store.getScorecard('component:default/missing')).toBeUndefined();
  });

  it('saves and touches a batch at once, and tells each entity\'s last audit', async () => {
    const { store } = await createStore(databaseId);
    // More than one statement's worth of rows, to cross the chunking.
    const names = Array.from({ length: 230 }, (_, i) => `svc-${String(i).padStart(3, '0')}`);
    await store.saveScorecards(
      names.map((name, i) => ({
        scorecard: makeScorecard({ name, score: i % 101 }),
        etag: `sig:${name}`,
        inputHash: i % 2 ? `hash-${name}` : undefined,
      })),
    );
    const refs = names.map(n => `component:default/${n}`);
    const states = await store.getAuditStates([...refs, 'component:default/missing']);
    expect(states.size).toBe(230);
    expect(states.get(refs[1])).toEqual({ etag: 'sig:svc-001', inputHash: 'hash-svc-001' });
    expect(states.get(refs[2])).toEqual({ etag: 'sig:svc-002', inputHash: undefined });
    expect((await store.getScorecard(refs[229]))?.scorecard.score).toBe(229 % 101);
    expect(await store.getHistory(refs[100], 10)).toHaveLength(1);
    const leaderboard = await store.leaderboard({ sort: 'name', limit: 1 });
    expect(leaderboard.total).toBe(230);

    await store.touchScorecards(
      [{ entityRef: refs[0] }, { entityRef: refs[2], inputHash: 'hash-new' }],
      '2026-12-01T00:00:00.000Z',
    );
    expect((await store.getScorecard(refs[0]))?.scorecard.auditedAt).toBe('2026-12-01T00:00:00.000Z');
    expect((await store.getAuditStates([refs[2]])).get(refs[2])?.inputHash).toBe('hash-new');
    expect((await store.getScorecard(refs[1]))?.scorecard.auditedAt).not.toBe('2026-12-01T00:00:00.000Z');
    expect(await store.getHistory(refs[0], 10)).toHaveLength(1);
  });

  it('serves a filtered, sorted and paged leaderboard with totals', async () => {
    const { store } = await createStore(databaseId);
    const cards = [
      makeScorecard({ name: 'alpha', score: 90, owner: 'group:default/team-a', system: 'system:default/shop', gapCounts: { low: 1 } }),
      makeScorecard({ name: 'beta', score: 65, owner: 'group:default/team-a', gapCounts: { high: 2 } }),
      makeScorecard({ name: 'gamma', score: 30, owner: 'group:default/team-b', system: 'system:default/shop', gapCounts: { critical: 3 }, title: 'Gamma 100% Legacy' }),
      makeScorecard({ name: 'delta', score: 55, owner: 'group:default/team-b', lifecycle: 'experimental', gapCounts: { critical: 1 } }),
    ];
    for (const card of cards) await store.saveScorecard(card);

    const all = await store.leaderboard({});
    expect(all.total).toBe(4);
    expect(all.rows.map(r => (r as any).name)).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    expect(all.rows.map(r => r.rank)).toEqual([1, 2, 3, 4]);

    const page = await store.leaderboard({ sort: 'score', order: 'asc', offset: 1, limit: 2 });
    expect(page.rows.map(r => (r as any).name)).toEqual(['delta', 'beta']);
    expect(page.rows[0].rank).toBe(2);
    expect(page.total).toBe(4);

    const teamB = await store.leaderboard({ owner: ['group:default/team-b'], level: ['needs-work'] });
    expect(teamB.rows.map(r => (r as any).name)).toEqual(['delta', 'gamma']);

    expect((await store.leaderboard({ q: 'GAMMA' })).rows.map(r => (r as any).name)).toEqual(['gamma']);
    // LIKE wildcards in the search text are literal.
    expect((await store.leaderboard({ q: '100%' })).rows.map(r => (r as any).name)).toEqual(['gamma']);
    expect((await store.leaderboard({ q: '%' })).total).toBe(1);
    expect((await store.leaderboard({ lifecycle: ['experimental'] })).total).toBe(1);
    expect((await store.leaderboard({ sort: 'gaps', order: 'desc' })).rows.map(r => (r as any).name)).toEqual(['gamma', 'delta', 'beta', 'alpha']);
    expect((await store.leaderboard({ sort: 'name', offset: 10 })).rows).toEqual([]);
    expect((await store.leaderboard({ sort: 'name', offset: 10 })).total).toBe(4);
  });

  it('groups the leaderboard by owner and by system', async () => {
    const { store } = await createStore(databaseId);
    for (const card of [
      makeScorecard({ name: 'a', score: 90, owner: 'group:default/team-a', system: 'system:default/shop' }),
      makeScorecard({ name: 'b', score: 70, owner: 'group:default/team-a', gapCounts: { critical: 1 } }),
      makeScorecard({ name: 'c', score: 20, owner: 'group:default/team-b', system: 'system:default/shop', gapCounts: { critical: 2 } }),
    ]) {
      await store.saveScorecard(card);
    }
    const owners = await store.leaderboard({ groupBy: 'owner' });
    expect(owners.total).toBe(2);
    expect(owners.rows[0]).toEqual({
      rank: 1,
      group: 'group:default/team-a',
      entities: 2,
      meanScore: 80,
      minScore: 70,
      levels: { 'production-ready': 1, 'almost-ready': 1, 'needs-work': 0 },
      criticalGaps: 1,
    });
    const systems = await store.leaderboard({ groupBy: 'system', sort: 'name' });
    expect(systems.rows.map(r => (r as any).group)).toEqual(['(none)', 'system:default/shop']);
    expect((systems.rows[1] as any).meanScore).toBe(55);
    const secondPage = await store.leaderboard({ groupBy: 'owner', offset: 5 });
    expect(secondPage).toMatchObject({ rows: [], total: 2 });
  });

  it('summarises the organisation', async () => {
    const { store } = await createStore(databaseId);
    expect((await store.summary()).meanScore).toBeNull();
    await store.saveScorecard(makeScorecard({ name: 'a', score: 90, gapCounts: { low: 2 } }));
    await store.saveScorecard(makeScorecard({ name: 'b', score: 40, categoryScore: null, gapCounts: { critical: 1 } }));
    const summary = await store.summary();
    expect(summary.entities).toBe(2);
    expect(summary.meanScore).toBe(65);
    expect(summary.levels).toEqual({ 'production-ready': 1, 'almost-ready': 0, 'needs-work': 1 });
    expect(summary.gapCounts).toEqual({ critical: 1, high: 0, medium: 0, low: 2 });
    // b has no category scores: means cover the entities that have one.
    expect(summary.categories.find(c => c.id === 'security')?.meanScore).toBe(90);
  });

  it('deletes scorecards with their history, and prunes old history', async () => {
    const { store } = await createStore(databaseId);
    await store.saveScorecard(makeScorecard({ name: 'gone', score: 50, auditedAt: '2020-01-01T00:00:00.000Z' }));
    await store.saveScorecard(makeScorecard({ name: 'kept', score: 50, auditedAt: '2020-01-01T00:00:00.000Z' }));
    await store.saveScorecard(makeScorecard({ name: 'kept', score: 60, auditedAt: '2026-11-01T00:00:00.000Z' }));
    expect(await store.deleteScorecards(['component:default/gone'])).toBe(1);
    expect(await store.listEntityRefs()).toEqual(['component:default/kept']);
    expect(await store.getHistory('component:default/gone', 10)).toEqual([]);
    expect(await store.pruneHistory(new Date('2025-01-01T00:00:00.000Z'))).toBe(1);
    expect((await store.getHistory('component:default/kept', 10)).map(h => h.score)).toEqual([60]);
  });

  it('keeps the latest run summary per shard', async () => {
    const { store } = await createStore(databaseId);
    expect(await store.lastRun()).toBeUndefined();
    const run = {
      startedAt: '2026-11-01T00:00:00.000Z',
      finishedAt: '2026-11-01T00:01:00.000Z',
      durationMs: 60000,
      shard: 0,
      entities: 3,
      audited: 2,
      unchanged: 1,
      sourceUnavailable: 0,
      failed: 0,
      deleted: 0,
    };
    await store.saveRun(run);
    await store.saveRun({ ...run, finishedAt: '2026-11-01T00:02:00.000Z', audited: 0, unchanged: 3 });
    expect(await store.lastRun()).toMatchObject({ unchanged: 3 });
  });

  it('steps its migrations up and down', async () => {
    const knex = await databases.init(databaseId);
    const directory = DatabaseReadinessStore.migrationsDir;
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('readiness_scorecards')).toBe(true);
    await knex.migrate.rollback({ directory }, true);
    expect(await knex.schema.hasTable('readiness_scorecards')).toBe(false);
    expect(await knex.schema.hasTable('readiness_history')).toBe(false);
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('readiness_history')).toBe(true);
    expect(await knex.schema.hasColumn('readiness_scorecards', 'input_hash')).toBe(true);
    expect(await knex.schema.hasColumn('readiness_scorecards', 'scorecard')).toBe(false);
  });

  it('reuses a recent page total where the rows cannot contradict it, and counts again after its own writes', async () => {
    const { knex, store } = await createStore(databaseId);
    const other = new DatabaseReadinessStore(knex); // another replica
    await store.saveScorecards([
      { scorecard: makeScorecard({ name: 'a', score: 90 }) },
      { scorecard: makeScorecard({ name: 'b', score: 30 }) },
    ]);
    expect((await store.leaderboard({ limit: 1 })).total).toBe(2);
    expect((await store.leaderboard({ level: ['production-ready'], limit: 1 })).total).toBe(1);

    // Its own write: the totals are counted again at once, filtered ones too.
    await store.saveScorecards([{ scorecard: makeScorecard({ name: 'b', score: 95 }) }]);
    expect((await store.leaderboard({ level: ['production-ready'], limit: 1 })).total).toBe(2);
    expect((await store.leaderboard({ limit: 1 })).total).toBe(2);

    // Another replica's write: a full page keeps the recent total for its time
    // to live; a short page's end is its total; an empty page counts.
    await other.saveScorecards([{ scorecard: makeScorecard({ name: 'c', score: 50 }) }]);
    expect((await store.leaderboard({ limit: 1 })).total).toBe(2);
    expect((await new DatabaseReadinessStore(knex, { recentTtlMs: 0 }).leaderboard({ limit: 1 })).total).toBe(3);
    const all = await store.leaderboard({});
    expect([all.rows.length, all.total]).toEqual([3, 3]);
    await other.deleteScorecards(['component:default/b', 'component:default/c']);
    const past = await store.leaderboard({ offset: 1, limit: 1 });
    expect([past.rows.length, past.total]).toEqual([0, 1]);
  });

  it('reuses a recent summary, and summarises again after its own writes', async () => {
    const { knex, store } = await createStore(databaseId);
    const other = new DatabaseReadinessStore(knex); // another replica
    await store.saveScorecards([{ scorecard: makeScorecard({ name: 'a', score: 90 }) }]);
    expect(await store.summary()).toMatchObject({ entities: 1, meanScore: 90 });

    // Its own writes and deletes: summarised again at once.
    await store.saveScorecards([{ scorecard: makeScorecard({ name: 'b', score: 30 }) }]);
    expect(await store.summary()).toMatchObject({ entities: 2, meanScore: 60 });
    await store.deleteScorecards(['component:default/b']);
    expect(await store.summary()).toMatchObject({ entities: 1, meanScore: 90 });

    // Another replica's write shows once the recent summary's time is up.
    await other.saveScorecards([{ scorecard: makeScorecard({ name: 'c', score: 50 }) }]);
    expect(await store.summary()).toMatchObject({ entities: 1, meanScore: 90 });
    expect(await new DatabaseReadinessStore(knex, { recentTtlMs: 0 }).summary()).toMatchObject({
      entities: 2,
      meanScore: 70,
    });
  });

  it('compresses scorecard documents with lz4 on a PostgreSQL server that has it', async () => {
    const { knex, store } = await createStore(databaseId);
    const card = makeScorecard({ name: 'big', score: 60 });
    // Above PostgreSQL's 2 kB TOAST threshold, so that the document is compressed at all.
    card.checks = Array.from({ length: 40 }, (_, i) => ({
      checkId: `check-${i}`, status: 'pass', score: 100, summary: `Found the thing ${i} in deploy/k8s/service.yaml`,
      evidence: [{ path: 'deploy/k8s/service.yaml', line: i + 1 }], title: `Check ${i}`, category: 'observability',
      severity: 'medium', weight: 5, effort: 'S', remediation: 'Add the thing to the deployment manifest.',
    }));
    await store.saveScorecards([{ scorecard: card }]);
    expect((await store.getScorecard('component:default/big'))?.scorecard.checks).toEqual(card.checks);
    if (!databaseId.startsWith('POSTGRES')) return;
    const { rows: lz4 } = await knex.raw(
      "select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)",
    );
    const { rows } = await knex.raw(
      'select pg_column_compression(scorecard) as method from readiness_scorecard_documents',
    );
    expect(rows).toEqual([{ method: lz4.length ? 'lz4' : 'pglz' }]);
  });

  it('moves stored scorecards back into the scorecards table, and out again', async () => {
    const { knex, store } = await createStore(databaseId);
    const directory = DatabaseReadinessStore.migrationsDir;
    await store.saveScorecards([{ scorecard: makeScorecard({ name: 'old', score: 55 }), etag: 'sig:e' }]);

    // Down to the layout before the documents table: the JSON in the scorecards table.
    while (await knex.schema.hasTable('readiness_scorecard_documents')) await knex.migrate.down({ directory });
    const [back] = await knex('readiness_scorecards').select('scorecard');
    expect(JSON.parse(back.scorecard).score).toBe(55);

    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasColumn('readiness_scorecards', 'scorecard')).toBe(false);
    expect((await store.getScorecard('component:default/old'))?.scorecard.score).toBe(55);
    const page = await store.leaderboard({});
    expect(page.rows.map(r => (r as { entityRef: string }).entityRef)).toEqual(['component:default/old']);
  });
});
