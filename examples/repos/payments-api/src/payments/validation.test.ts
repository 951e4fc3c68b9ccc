import {
  MAX_AMOUNT_MINOR,
  createPaymentSchema,
  idempotencyKeySchema,
} from './validation';

const valid = {
  orderId: '5b0f2a3e-8d1c-4c59-9a55-1f6f0f6a2b11',
  amountMinor: 4_599,
  currency: 'EUR',
  method: 'card',
};

describe('createPaymentSchema', () => {
  it('accepts a well-formed payment', () => {
    expect(createPaymentSchema.parse(valid)).toEqual(valid);
  });

  it.each([
    ['a zero amount', { amountMinor: 0 }],
    ['a fractional amount', { amountMinor: 10.5 }],
    ['an amount over the limit', { amountMinor: MAX_AMOUNT_MINOR + 1 }],
    ['an unsupported currency', { currency: 'JPY' }],
    ['an order id that is not a uuid', { orderId: 'order-42' }],
  ])('rejects %s', (_name, patch) => {
    expect(createPaymentSchema.safeParse({ ...valid, ...patch }).success).toBe(
      false,
    );
  });
});

describe('idempotencyKeySchema', () => {
  it('accepts uuid-like keys and rejects short ones', () => {
    expect(
      idempotencyKeySchema.safeParse('0d9c5e7a-4a8b-4f0e-b1f3-2c6d8e9f0a1b')
        .success,
    ).toBe(true);
    expect(idempotencyKeySchema.safeParse('abc').success).toBe(false);
  });
});
