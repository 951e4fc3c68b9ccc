import * as Sentry from '@sentry/node';
import express from 'express';
import request from 'supertest';
import { z } from 'zod';
import { logger } from '../logger';
import { HttpError } from '../payments/paymentService';
import { errorHandler } from './errorHandler';

jest.mock('@sentry/node', () => ({ captureException: jest.fn() }));

function appThrowing(error: unknown) {
  const app = express();
  app.get('/boom', () => {
    throw error;
  });
  app.use(errorHandler);
  return app;
}

describe('errorHandler', () => {
  beforeEach(() => jest.clearAllMocks());

  it('hides internals of unexpected errors and reports them', async () => {
    jest.spyOn(logger, 'error').mockImplementation(() => undefined);
    const res = await request(
      appThrowing(new Error('password authentication failed')),
    ).get('/boom');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'internal error' });
    expect(Sentry.captureException).toHaveBeenCalledTimes(1);
  });

  it('answers client errors with their status and message', async () => {
    const res = await request(appThrowing(new HttpError(409, 'conflict'))).get(
      '/boom',
    );
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: 'conflict' });
    expect(Sentry.captureException).not.toHaveBeenCalled();
  });

  it('turns validation errors into 400 with the fields', async () => {
    const parsed = z
      .object({ amount: z.number() })
      .safeParse({ amount: 'ten' });
    const res = await request(appThrowing(parsed.error)).get('/boom');
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('amount');
  });
});
