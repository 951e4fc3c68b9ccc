import express from 'express';
import type { Knex } from 'knex';
import request from 'supertest';
import { healthRouter } from './health';

function appWith(raw: () => Promise<unknown>, shuttingDown = false) {
  const app = express();
  app.use(healthRouter({ raw } as unknown as Knex, { shuttingDown }));
  return app;
}

describe('health routes', () => {
  it('is alive even when the database is down', async () => {
    const app = appWith(() => Promise.reject(new Error('connection refused')));
    await request(app).get('/healthz').expect(200, { status: 'ok' });
  });

  it('is ready when the database answers', async () => {
    const app = appWith(() => Promise.resolve());
    await request(app).get('/readyz').expect(200, { status: 'ready' });
  });

  it('is not ready when the database does not answer', async () => {
    const app = appWith(() => Promise.reject(new Error('connection refused')));
    await request(app).get('/readyz').expect(503);
  });

  it('is not ready while draining', async () => {
    const app = appWith(() => Promise.resolve(), true);
    await request(app).get('/readyz').expect(503, { status: 'draining' });
  });
});
