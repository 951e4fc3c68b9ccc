import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { readinessPlugin } from './plugin';
import { GOOD_REPO, localComponent, writeRepos } from './testing/localRepos';

jest.setTimeout(60_000);

const user = `Bearer ${mockCredentials.user.token()}`;

async function start(options: { permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY; readiness?: object } = {}) {
  const root = await writeRepos({ good: GOOD_REPO });
  const { server } = await startTestBackend({
    features: [
      readinessPlugin,
      catalogServiceMock.factory({ entities: [localComponent('good', root)] }),
      mockServices.rootConfig.factory({
        data: {
          readiness: {
            localRoots: [root],
            // Far in the future: these tests trigger audits through the API.
            schedule: { frequency: { hours: 24 }, timeout: { minutes: 5 }, initialDelay: { hours: 24 } },
            ...options.readiness,
          },
        },
      }),
      // Without an Authorization header a request is unauthenticated, as in production.
      mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
      ...(options.permission
        ? [mockServices.permissions.factory({ result: options.permission })]
        : []),
    ],
  });
  return server;
}

describe('readiness backend plugin', () => {
  it('audits on demand, then serves the scorecard, history, leaderboard, summary, checks and CSV', async () => {
    const server = await start();
    await request(server).get('/api/readiness/scorecards/component/default/good').set('Authorization', user).expect(404);

    const audit = await request(server)
      .post('/api/readiness/scorecards/component/default/good/audit')
      .set('Authorization', user)
      .expect(200);
    expect(audit.body).toMatchObject({ schemaVersion: 1, entityRef: 'component:default/good', status: 'complete' });
    expect(audit.body.score).toBeGreaterThan(0);

    const card = await request(server).get('/api/readiness/scorecards/component/default/good').set('Authorization', user).expect(200);
    expect(card.body.score).toBe(audit.body.score);

    const history = await request(server).get('/api/readiness/scorecards/component/default/good/history').set('Authorization', user).expect(200);
    expect(history.body.items).toHaveLength(1);

    const board = await request(server).get(`/api/readiness/leaderboard?level=${audit.body.level}`).set('Authorization', user).expect(200);
    expect(board.body).toMatchObject({ total: 1, rows: [{ rank: 1, name: 'good', score: audit.body.score }] });
    const byOwner = await request(server).get('/api/readiness/leaderboard?groupBy=owner').set('Authorization', user).expect(200);
    expect(byOwner.body.rows[0]).toMatchObject({ group: 'group:default/team-a', entities: 1 });

    const summary = await request(server).get('/api/readiness/summary').set('Authorization', user).expect(200);
    expect(summary.body.entities).toBe(1);

    const checks = await request(server).get('/api/readiness/checks').set('Authorization', user).expect(200);
    expect(checks.body.items.length).toBeGreaterThanOrEqual(48);

    const csv = await request(server).get('/api/readiness/export.csv').set('Authorization', user).expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[1]).toMatch(/^1,component:default\/good,/);
  });

  it('gives the same scorecard with the checks on the main thread (workers: 0) as in worker threads', async () => {
    const auditGood = async (readiness: Record<string, unknown>) => {
      const server = await start({ readiness });
      const res = await request(server).post('/api/readiness/scorecards/component/default/good/audit').set('Authorization', user).expect(200);
      return { score: res.body.score, checks: res.body.checks.map((c: any) => [c.checkId, c.status, c.score, c.summary]) };
    };
    const inWorkers = await auditGood({ workers: 2 });
    const onMain = await auditGood({ workers: 0 });
    expect(onMain).toEqual(inWorkers);
    expect(inWorkers.checks.length).toBeGreaterThanOrEqual(48);
  });

  it('answers 401 without credentials', async () => {
    const server = await start();
    await request(server).get('/api/readiness/leaderboard').expect(401);
    await request(server).post('/api/readiness/scorecards/component/default/good/audit').expect(401);
  });

  it('answers 403 when the permission policy denies', async () => {
    const server = await start({ permission: AuthorizeResult.DENY });
    await request(server).get('/api/readiness/leaderboard').set('Authorization', user).expect(403);
    await request(server).post('/api/readiness/scorecards/component/default/good/audit').set('Authorization', user).expect(403);
  });

  it.each([
    ['level=great', /level/],
    ['limit=0', /limit/],
    ['limit=100000', /limit/],
    ['sort=random', /sort/],
    ['groupBy=planet', /groupBy/],
    ['colour=blue', /unknown parameter\(s\) colour/],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const server = await start();
    const res = await request(server).get(`/api/readiness/leaderboard?${query}`).set('Authorization', user).expect(400);
    expect(res.body.error.message).toMatch(field);
  });

  it('answers 404 when auditing an entity the catalog does not have', async () => {
    const server = await start();
    await request(server).post('/api/readiness/scorecards/component/default/nope/audit').set('Authorization', user).expect(404);
  });

  it('fails at start-up on invalid config, naming the key', async () => {
    await expect(start({ readiness: { concurrency: 0 } })).rejects.toThrow(/readiness\.concurrency/);
    await expect(start({ readiness: { workers: -1 } })).rejects.toThrow(/readiness\.workers/);
    await expect(start({ readiness: { thresholds: { almostReady: 90 } } })).rejects.toThrow(/readiness\.thresholds\.almostReady/);
  });
});
