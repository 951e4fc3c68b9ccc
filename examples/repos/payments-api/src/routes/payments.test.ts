import express from 'express';
import request from 'supertest';
import { errorHandler } from '../middleware/errorHandler';
import { HttpError, PaymentService } from '../payments/paymentService';
import { paymentsRouter } from './payments';

const payment = {
  id: '0e6f3c52-7d0b-4b1e-9a3c-5d2f1e8b7a60',
  orderId: '5b0f2a3e-8d1c-4c59-9a55-1f6f0f6a2b11',
  amountMinor: 4_599,
  currency: 'EUR',
  method: 'card',
  status: 'pending',
};

function appWith(service: Partial<PaymentService>) {
  const app = express();
  app.use(express.json());
  app.use('/v1/payments', paymentsRouter(service as PaymentService));
  app.use(errorHandler);
  return app;
}

describe('POST /v1/payments', () => {
  const body = {
    orderId: payment.orderId,
    amountMinor: 4_599,
    currency: 'EUR',
    method: 'card',
  };

  it('creates a payment', async () => {
    const create = jest.fn().mockResolvedValue(payment);
    await request(appWith({ create }))
      .post('/v1/payments')
      .set('Idempotency-Key', 'f3a1c9e2-77b4-4d0a-8c1e-2b9d4e6f8a10')
      .send(body)
      .expect(201, payment);
    expect(create).toHaveBeenCalledWith(
      body,
      'f3a1c9e2-77b4-4d0a-8c1e-2b9d4e6f8a10',
    );
  });

  it('requires an idempotency key', async () => {
    await request(appWith({ create: jest.fn() }))
      .post('/v1/payments')
      .send(body)
      .expect(400);
  });

  it('answers 400 with the invalid fields', async () => {
    const res = await request(appWith({ create: jest.fn() }))
      .post('/v1/payments')
      .set('Idempotency-Key', 'f3a1c9e2-77b4-4d0a-8c1e-2b9d4e6f8a10')
      .send({ ...body, currency: 'XXX' })
      .expect(400);
    expect(res.body.issues).toEqual([
      expect.objectContaining({ path: 'currency' }),
    ]);
  });
});

describe('GET /v1/payments/:id', () => {
  it('answers 404 for an unknown payment', async () => {
    const get = jest
      .fn()
      .mockRejectedValue(new HttpError(404, 'Payment nope not found'));
    await request(appWith({ get })).get('/v1/payments/nope').expect(404);
  });

  it('captures a payment', async () => {
    const capture = jest
      .fn()
      .mockResolvedValue({ ...payment, status: 'captured' });
    const res = await request(appWith({ capture }))
      .post(`/v1/payments/${payment.id}/capture`)
      .expect(200);
    expect(res.body.status).toBe('captured');
  });
});
