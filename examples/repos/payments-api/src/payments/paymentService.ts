import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { paymentsTotal } from '../metrics';
import type { CreatePayment } from './validation';

export type PaymentStatus = 'pending' | 'captured';

export interface Payment {
  id: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  method: string;
  status: PaymentStatus;
}

interface PaymentRow {
  id: string;
  order_id: string;
  amount_minor: number | string;
  currency: string;
  method: string;
  status: PaymentStatus;
  idempotency_key: string | null;
}

/** An error with the HTTP status the error middleware should answer with. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    orderId: row.order_id,
    // bigint columns come back from pg as strings
    amountMinor: Number(row.amount_minor),
    currency: row.currency,
    method: row.method,
    status: row.status,
  };
}

export class PaymentService {
  constructor(private readonly db: Knex) {}

  /** Creates a pending payment; a retry with the same key returns the first one. */
  async create(input: CreatePayment, idempotencyKey: string): Promise<Payment> {
    const existing: PaymentRow | undefined = await this.db('payments')
      .where({ idempotency_key: idempotencyKey })
      .first();
    if (existing) {
      if (existing.order_id !== input.orderId) {
        throw new HttpError(
          409,
          'Idempotency-Key was already used for another order',
        );
      }
      paymentsTotal.inc({ outcome: 'replayed' });
      return toPayment(existing);
    }

    const [row]: PaymentRow[] = await this.db('payments')
      .insert({
        id: randomUUID(),
        order_id: input.orderId,
        amount_minor: input.amountMinor,
        currency: input.currency,
        method: input.method,
        status: 'pending',
        idempotency_key: idempotencyKey,
      })
      .returning('*');
    paymentsTotal.inc({ outcome: 'created' });
    return toPayment(row);
  }

  async get(id: string): Promise<Payment> {
    const row: PaymentRow | undefined = await this.db('payments')
      .where({ id })
      .first();
    if (!row) throw new HttpError(404, `Payment ${id} not found`);
    return toPayment(row);
  }

  /** Marks a pending payment captured; capturing twice is a no-op. */
  async capture(id: string): Promise<Payment> {
    const payment = await this.get(id);
    if (payment.status === 'captured') return payment;
    const [row]: PaymentRow[] = await this.db('payments')
      .where({ id, status: 'pending' })
      .update({ status: 'captured', updated_at: this.db.fn.now() })
      .returning('*');
    if (!row) throw new HttpError(409, `Payment ${id} changed while capturing`);
    paymentsTotal.inc({ outcome: 'captured' });
    return toPayment(row);
  }
}
