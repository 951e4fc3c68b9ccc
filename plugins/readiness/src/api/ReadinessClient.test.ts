import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/test-utils';
import { paymentsHistory, paymentsScorecard } from '../testing/fixtures';
import { ReadinessClient, scorecardPath } from './ReadinessClient';
import { parseLeaderboardSearchParams } from './query';

const BASE = 'http://backstage/api/readiness';

function setup(response: () => Response) {
  const fetch = jest.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) => response(),
  );
  const client = new ReadinessClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage' }),
    fetchApi: { fetch: fetch as typeof globalThis.fetch },
  });
  const url = (call = 0) => String(fetch.mock.calls[call][0]);
  return { client, fetch, url };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('ReadinessClient', () => {
  it('builds lower-cased, encoded scorecard paths', () => {
    expect(scorecardPath('Component:Default/Payments API')).toBe(
      '/scorecards/component/default/payments%20api',
    );
    expect(scorecardPath({ kind: 'API', namespace: 'ops', name: 'a/b' })).toBe(
      '/scorecards/api/ops/a%2Fb',
    );
    expect(scorecardPath('component:payments')).toBe(
      '/scorecards/component/default/payments',
    );
  });

  it('gets a scorecard, and undefined when never audited', async () => {
    const { client, url } = setup(() => json(paymentsScorecard));
    await expect(
      client.getScorecard('component:default/payments-api'),
    ).resolves.toEqual(paymentsScorecard);
    expect(url()).toBe(`${BASE}/scorecards/component/default/payments-api`);

    const missing = setup(() =>
      json({ error: { name: 'NotFoundError' } }, 404),
    );
    await expect(
      missing.client.getScorecard('component:default/new'),
    ).resolves.toBeUndefined();
  });

  it('gets history with a limit and unwraps items', async () => {
    const { client, url } = setup(() => json({ items: paymentsHistory }));
    await expect(
      client.getHistory('component:default/payments-api', { limit: 30 }),
    ).resolves.toEqual(paymentsHistory);
    expect(url()).toBe(
      `${BASE}/scorecards/component/default/payments-api/history?limit=30`,
    );
  });

  it('posts an audit', async () => {
    const { client, fetch, url } = setup(() => json(paymentsScorecard));
    await client.runAudit('component:default/payments-api');
    expect(url()).toBe(
      `${BASE}/scorecards/component/default/payments-api/audit`,
    );
    expect(fetch.mock.calls[0][1]).toEqual({ method: 'POST' });
  });

  it('repeats multi-valued leaderboard filters and encodes text', async () => {
    const { client, url } = setup(() =>
      json({ rows: [], total: 0, offset: 0, limit: 25 }),
    );
    await client.getLeaderboard({
      groupBy: 'owner',
      level: ['needs-work', 'almost-ready'],
      owner: ['group:default/team-a'],
      kind: [],
      q: ' pay & go ',
      sort: 'score',
      order: 'asc',
      offset: 50,
      limit: 25,
    });
    expect(url()).toBe(
      `${BASE}/leaderboard?groupBy=owner&owner=group%3Adefault%2Fteam-a` +
        '&level=needs-work&level=almost-ready&q=pay+%26+go&sort=score' +
        '&order=asc&offset=50&limit=25',
    );
  });

  it('round-trips a query through search params', () => {
    const query = {
      groupBy: 'system' as const,
      kind: ['Component'],
      owner: [],
      system: [],
      lifecycle: ['production'],
      level: ['needs-work' as const],
      q: 'pay',
      sort: 'gaps' as const,
      order: 'desc' as const,
      offset: 25,
      limit: 25,
    };
    const params = new URLSearchParams(
      'groupBy=system&kind=Component&lifecycle=production&level=needs-work' +
        '&level=bogus&q=pay&sort=gaps&order=desc&offset=25&limit=25',
    );
    expect(parseLeaderboardSearchParams(params)).toEqual(query);
  });

  it('gets the summary and the checks', async () => {
    const summary = setup(() => json({ entities: 3 }));
    await expect(summary.client.getSummary()).resolves.toEqual({ entities: 3 });
    expect(summary.url()).toBe(`${BASE}/summary`);

    const checks = setup(() => json({ items: [{ id: 'ci.workflow' }] }));
    await expect(checks.client.getChecks()).resolves.toEqual([
      { id: 'ci.workflow' },
    ]);
    expect(checks.url()).toBe(`${BASE}/checks`);
  });

  it('exports CSV of the filters without paging', async () => {
    const { client, url } = setup(
      () => new Response('rank,entity_ref\r\n', { status: 200 }),
    );
    const blob = await client.exportCsv({
      level: ['needs-work'],
      offset: 25,
      limit: 25,
    });
    expect(await blob.text()).toBe('rank,entity_ref\r\n');
    expect(url()).toBe(`${BASE}/export.csv?level=needs-work`);
  });

  it('throws a ResponseError on failure', async () => {
    const { client } = setup(() =>
      json(
        {
          error: { name: 'Error', message: 'database is down' },
          request: { method: 'GET', url: '/summary' },
          response: { statusCode: 500 },
        },
        500,
      ),
    );
    const error = await client.getSummary().catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(500);
    expect(error.body.error.message).toBe('database is down');

    const denied = setup(() =>
      json({ error: { name: 'NotAllowedError', message: 'no' } }, 403),
    );
    await expect(
      denied.client.runAudit('component:default/x'),
    ).rejects.toBeInstanceOf(ResponseError);
  });
});
