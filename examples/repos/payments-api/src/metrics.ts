import type { RequestHandler } from 'express';
import {
  Counter,
  Histogram,
  Registry,
  collectDefaultMetrics,
} from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'Duration of HTTP requests in seconds',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const paymentsTotal = new Counter({
  name: 'payments_total',
  help: 'Payment operations by outcome',
  labelNames: ['outcome'],
  registers: [registry],
});

/** Times every request; the route label is the matched pattern, never the raw URL. */
export const metricsMiddleware: RequestHandler = (req, res, next) => {
  const end = httpDuration.startTimer({ method: req.method });
  res.on('finish', () => {
    const route = req.route ? `${req.baseUrl}${req.route.path}` : 'unmatched';
    end({ route, status: String(res.statusCode) });
  });
  next();
};
