import type { Knex } from 'knex';
import { HttpError, PaymentService } from './paymentService';

type Row = Record<string, unknown>;

/** The few knex calls the service makes, over an array of rows. */
function fakeDb(rows: Row[] = []): Knex {
  const matches = (criteria: Row) => (row: Row) =>
    Object.entries(criteria).every(([key, value]) => row[key] === value);
  const table = () => ({
    where: (criteria: Row) => ({
      first: async () => rows.find(matches(criteria)),
      update: (patch: Row) => ({
        returning: async () => {
          const hit = rows.filter(matches(criteria));
          hit.forEach(row => Object.assign(row, patch));
          return hit;
        },
      }),
    }),
    insert: (row: Row) => ({
      returning: async () => {
        rows.push(row);
        return [row];
      },
    }),
  });
  return Object.assign(table, {
    fn: { now: () => 'now()' },
  }) as unknown as Knex;
}

const input = {
  orderId: '5b0f2a3e-8d1c-4c59-9a55-1f6f0f6a2b11',
  amountMinor: 4_599,
  currency: 'EUR' as const,
  method: 'card' as const,
};

describe('PaymentService', () => {
  it('creates a pending payment', async () => {
    const service = new PaymentService(fakeDb());
    const payment = await service.create(input, 'key-0000000000000001');
    expect(payment).toMatchObject({
      orderId: input.orderId,
      amountMinor: 4_599,
      status: 'pending',
    });
  });

  it('returns the first payment when a request is retried', async () => {
    const service = new PaymentService(fakeDb());
    const first = await service.create(input, 'key-0000000000000002');
    const retry = await service.create(input, 'key-0000000000000002');
    expect(retry.id).toBe(first.id);
  });

  it('refuses a key reused for another order', async () => {
    const service = new PaymentService(fakeDb());
    await service.create(input, 'key-0000000000000003');
    const other = { ...input, orderId: '9a7e6d5c-4b3a-4921-8f0e-d1c2b3a4f5e6' };
    await expect(
      service.create(other, 'key-0000000000000003'),
    ).rejects.toMatchObject({ status: 409 });
  });

  it('captures once', async () => {
    const service = new PaymentService(fakeDb());
    const { id } = await service.create(input, 'key-0000000000000004');
    expect((await service.capture(id)).status).toBe('captured');
    expect((await service.capture(id)).status).toBe('captured');
  });

  it('answers 404 for an unknown payment', async () => {
    const service = new PaymentService(fakeDb());
    await expect(service.get('missing')).rejects.toEqual(
      new HttpError(404, 'Payment missing not found'),
    );
  });
});
