import { Router } from 'express';
import { HttpError, PaymentService } from '../payments/paymentService';
import {
  createPaymentSchema,
  idempotencyKeySchema,
} from '../payments/validation';

export function paymentsRouter(service: PaymentService): Router {
  const router = Router();

  router.post('/', async (req, res, next) => {
    try {
      const key = idempotencyKeySchema.safeParse(req.header('Idempotency-Key'));
      if (!key.success)
        throw new HttpError(400, 'A valid Idempotency-Key header is required');
      const input = createPaymentSchema.parse(req.body);
      res.status(201).json(await service.create(input, key.data));
    } catch (err) {
      next(err);
    }
  });

  router.get('/:id', async (req, res, next) => {
    try {
      res.json(await service.get(req.params.id));
    } catch (err) {
      next(err);
    }
  });

  router.post('/:id/capture', async (req, res, next) => {
    try {
      res.json(await service.capture(req.params.id));
    } catch (err) {
      next(err);
    }
  });

  return router;
}
