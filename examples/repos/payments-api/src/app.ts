import express from 'express';
import type { Knex } from 'knex';
import pinoHttp from 'pino-http';
import { logger } from './logger';
import { metricsMiddleware, registry } from './metrics';
import { errorHandler } from './middleware/errorHandler';
import { PaymentService } from './payments/paymentService';
import { Lifecycle, healthRouter } from './routes/health';
import { paymentsRouter } from './routes/payments';

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

export function createApp(db: Knex, lifecycle: Lifecycle) {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '64kb' }));
  app.use(
    pinoHttp({
      logger,
      autoLogging: { ignore: req => QUIET_PATHS.has(req.url ?? '') },
    }),
  );
  app.use(metricsMiddleware);

  app.use(healthRouter(db, lifecycle));
  app.get('/metrics', async (_req, res) => {
    res.set('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  });
  app.use('/v1/payments', paymentsRouter(new PaymentService(db)));

  app.use(errorHandler);
  return app;
}
