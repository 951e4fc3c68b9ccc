import express from 'express';
import request from 'supertest';
import { httpDuration, metricsMiddleware, registry } from './metrics';

describe('metricsMiddleware', () => {
  beforeEach(() => httpDuration.reset());

  it('labels requests with the route pattern', async () => {
    const app = express();
    app.use(metricsMiddleware);
    app.get('/v1/payments/:id', (_req, res) => {
      res.json({});
    });

    await request(app).get('/v1/payments/123').expect(200);

    const text = await registry.metrics();
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/v1/payments/:id",status="200"} 1',
    );
  });

  it('labels unknown paths as unmatched', async () => {
    const app = express();
    app.use(metricsMiddleware);

    await request(app).get('/nope').expect(404);

    const text = await registry.metrics();
    expect(text).toContain('route="unmatched",status="404"');
  });
});
