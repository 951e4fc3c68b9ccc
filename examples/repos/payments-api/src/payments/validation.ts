import { z } from 'zod';

export const SUPPORTED_CURRENCIES = ['EUR', 'USD', 'GBP'] as const;

/** Largest single payment, in minor units (10 000.00). Larger orders go through invoicing. */
export const MAX_AMOUNT_MINOR = 1_000_000;

export const createPaymentSchema = z.object({
  orderId: z.string().uuid(),
  amountMinor: z.number().int().positive().max(MAX_AMOUNT_MINOR),
  currency: z.enum(SUPPORTED_CURRENCIES),
  method: z.enum(['card', 'wallet']),
});

export type CreatePayment = z.infer<typeof createPaymentSchema>;

/** Idempotency keys are client-generated; accept UUIDs and similar opaque tokens. */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
