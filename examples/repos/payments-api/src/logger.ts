import pino from 'pino';

// JSON lines on stdout; the cluster's log shipper adds pod and namespace.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: 'payments-api' },
  redact: ['req.headers.authorization', 'req.headers.cookie'],
});
