import type { Knex } from 'knex';
import request from 'supertest';
import { createApp } from './app';

const db = { raw: jest.fn().mockResolvedValue(undefined) } as unknown as Knex;

describe('createApp', () => {
  const app = createApp(db, { shuttingDown: false });

  it('serves the health routes', async () => {
    await request(app).get('/healthz').expect(200);
    await request(app).get('/readyz').expect(200);
  });

  it('exposes Prometheus metrics', async () => {
    const res = await request(app).get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toContain('http_request_duration_seconds');
  });

  it('answers unknown routes with 404 and no framework banner', async () => {
    const res = await request(app).get('/v1/unknown').expect(404);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('rejects malformed JSON with 400', async () => {
    await request(app)
      .post('/v1/payments')
      .set('Content-Type', 'application/json')
      .set('Idempotency-Key', 'f3a1c9e2-77b4-4d0a-8c1e-2b9d4e6f8a10')
      .send('{"orderId":')
      .expect(400);
  });
});
