import * as Sentry from '@sentry/node';
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import { logger } from '../logger';

/**
 * The last middleware: turns errors into JSON answers. Client errors (4xx)
 * are answered with their message; anything else is logged, sent to Sentry
 * and answered with a generic 500 so that no internals leak.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, next) => {
  if (res.headersSent) {
    next(err);
    return;
  }
  if (err instanceof ZodError) {
    res.status(400).json({
      error: 'invalid request',
      issues: err.issues.map(issue => ({
        path: issue.path.join('.'),
        message: issue.message,
      })),
    });
    return;
  }
  const status = typeof err?.status === 'number' ? err.status : 500;
  if (status < 500) {
    res.status(status).json({ error: err.message });
    return;
  }
  logger.error({ err, method: req.method, path: req.path }, 'request failed');
  Sentry.captureException(err);
  res.status(500).json({ error: 'internal error' });
};
