import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import type { ChaosSabotage } from '@temporal-ecommerce/contracts/order';
import { nowIso, type OrderStore, type Queryable } from './store';

export type PaymentStatus = 'captured' | 'refunded' | 'voided';

export interface Payment {
  paymentId: string;
  orderId: string;
  customerId: string;
  amountCents: number;
  status: PaymentStatus;
}

/**
 * A payments ledger: one payment per order, with charge and refund entries. The idempotency key of each
 * entry (`<orderId>:charge`, `<orderId>:refund`) is UNIQUE, so money moves at most once per order and
 * direction whatever the number of retries.
 */
export class PaymentService {
  constructor(
    private readonly store: OrderStore,
    private readonly declinedCustomers: readonly string[] = [],
    private readonly sabotage?: ChaosSabotage,
  ) {}

  /** Charges the order's total, or returns the existing payment of this order. `attempt` only matters to the sabotage. */
  charge(orderId: string, customerId: string, amountCents: number, attempt = 1): Promise<Payment> {
    return this.store.transaction(async (tx): Promise<Payment> => {
      await tx.lockOrder(orderId);
      const existing = await findPayment(tx, orderId);
      if (existing && this.sabotage === 'once' && existing.status === 'captured') {
        // CHAOS_SABOTAGE=once: an idempotency key per attempt, so a retry charges again.
        await tx.run(
          'INSERT INTO ledger (idempotency_key, payment_id, order_id, kind, amount_cents, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING',
          [`${orderId}:charge#${attempt}`, existing.paymentId, orderId, 'charge', amountCents, nowIso()],
        );
      }
      if (existing) return existing;
      if (this.declinedCustomers.includes(customerId) && this.sabotage !== 'permanent-faults') {
        throw ApplicationFailure.create({
          type: ErrorType.PaymentDeclined,
          message: `Card declined for customer ${customerId}`,
          nonRetryable: true,
          details: [{ customerId, amount: amountCents / 100 }],
        });
      }
      const paymentId = `pay_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const now = nowIso();
      await tx.run('INSERT INTO payments (payment_id, order_id, customer_id, amount_cents, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        paymentId,
        orderId,
        customerId,
        amountCents,
        'captured',
        now,
        now,
      ]);
      await tx.run('INSERT INTO ledger (idempotency_key, payment_id, order_id, kind, amount_cents, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        `${orderId}:charge`,
        paymentId,
        orderId,
        'charge',
        amountCents,
        now,
      ]);
      return { paymentId, orderId, customerId, amountCents, status: 'captured' };
    });
  }

  /**
   * Refunds a captured payment in full. Idempotent; with no payment it records a voided tombstone so a
   * zombie charge attempt cannot capture money after the saga refunded. Returns whether money moved.
   */
  refund(orderId: string): Promise<{ refunded: boolean; paymentId: string; amountCents: number }> {
    return this.store.transaction(async (tx) => {
      await tx.lockOrder(orderId);
      const existing = await findPayment(tx, orderId);
      const now = nowIso();
      if (!existing) {
        const paymentId = `pay_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
        await tx.run('INSERT INTO payments (payment_id, order_id, customer_id, amount_cents, status, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?, ?)', [
          paymentId,
          orderId,
          '',
          'voided',
          now,
          now,
        ]);
        return { refunded: false, paymentId, amountCents: 0 };
      }
      if (existing.status !== 'captured') return { refunded: false, paymentId: existing.paymentId, amountCents: 0 };
      await tx.run("UPDATE payments SET status = 'refunded', updated_at = ? WHERE payment_id = ?", [now, existing.paymentId]);
      // CHAOS_SABOTAGE=payments: the payment says refunded, the money stays charged.
      if (this.sabotage === 'payments') return { refunded: true, paymentId: existing.paymentId, amountCents: existing.amountCents };
      await tx.run('INSERT INTO ledger (idempotency_key, payment_id, order_id, kind, amount_cents, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
        `${orderId}:refund`,
        existing.paymentId,
        orderId,
        'refund',
        existing.amountCents,
        now,
      ]);
      return { refunded: true, paymentId: existing.paymentId, amountCents: existing.amountCents };
    });
  }

  find(orderId: string): Promise<Payment | undefined> {
    return findPayment(this.store, orderId);
  }

  /** Charges minus refunds for one order, in cents. */
  async netChargedCents(orderId: string): Promise<number> {
    const row = await this.store.get<{ net: number }>(
      "SELECT CAST(COALESCE(SUM(CASE kind WHEN 'charge' THEN amount_cents ELSE -amount_cents END), 0) AS INTEGER) AS net FROM ledger WHERE order_id = ?",
      [orderId],
    );
    return row?.net ?? 0;
  }

  /** Number of charge entries for one order: the exactly-once check. */
  async chargeCount(orderId: string): Promise<number> {
    const row = await this.store.get<{ n: number }>("SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ledger WHERE order_id = ? AND kind = 'charge'", [orderId]);
    return row?.n ?? 0;
  }
}

function findPayment(db: Queryable, orderId: string): Promise<Payment | undefined> {
  return db.get<Payment>(
    'SELECT payment_id AS "paymentId", order_id AS "orderId", customer_id AS "customerId", amount_cents AS "amountCents", status FROM payments WHERE order_id = ?',
    [orderId],
  );
}
