import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { nowIso, type OrderDb } from './database';

export interface ReservationLine {
  productId: string;
  quantity: number;
}

export interface Reservation {
  reservationId: string;
  orderId: string;
  status: 'held' | 'released';
  items: ReservationLine[];
}

export interface StockLevel {
  productId: string;
  name: string;
  onHand: number;
  /** Units held by reservations that were not released. */
  reserved: number;
}

/** Stock per product and reservations per order, in SQLite. Every method is one transaction. */
export class InventoryService {
  constructor(private readonly db: OrderDb) {}

  /**
   * Holds stock for an order. Idempotent per order: a second call returns the first reservation (even a
   * released one, so a late retry after compensation reserves nothing). Out of stock and unknown products
   * are non-retryable failures and leave no trace.
   */
  reserve(orderId: string, lines: ReservationLine[]): Reservation {
    return this.db.transaction((): Reservation => {
      const existing = this.find(orderId);
      if (existing) return existing;
      const product = this.db.prepare<[string], { on_hand: number; name: string }>('SELECT on_hand, name FROM products WHERE product_id = ?');
      for (const line of lines) {
        const row = product.get(line.productId);
        if (!row) {
          throw ApplicationFailure.create({
            type: ErrorType.UnknownProduct,
            message: `Unknown product ${line.productId}`,
            nonRetryable: true,
            details: [{ productId: line.productId }],
          });
        }
        if (row.on_hand < line.quantity) {
          throw ApplicationFailure.create({
            type: ErrorType.OutOfStock,
            message: `Out of stock: ${row.name} (${line.productId}) requested ${line.quantity}, available ${row.on_hand}`,
            nonRetryable: true,
            details: [{ productId: line.productId, requested: line.quantity, available: row.on_hand }],
          });
        }
      }
      const reservationId = `res_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      this.db.prepare('INSERT INTO reservations (reservation_id, order_id, status, created_at) VALUES (?, ?, ?, ?)').run(reservationId, orderId, 'held', nowIso());
      const take = this.db.prepare('UPDATE products SET on_hand = on_hand - ? WHERE product_id = ?');
      const addLine = this.db.prepare('INSERT INTO reservation_items (reservation_id, product_id, quantity) VALUES (?, ?, ?)');
      for (const line of lines) {
        take.run(line.quantity, line.productId);
        addLine.run(reservationId, line.productId, line.quantity);
      }
      return { reservationId, orderId, status: 'held', items: lines.map((l) => ({ ...l })) };
    }).immediate();
  }

  /**
   * Returns held stock to the shelf. Idempotent; with no reservation it records a released tombstone so a
   * zombie reserve attempt cannot hold stock after the saga gave up on it. Returns whether stock moved.
   */
  release(orderId: string): { released: boolean; reservationId: string } {
    return this.db.transaction(() => {
      const existing = this.find(orderId);
      if (!existing) {
        const reservationId = `res_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
        const now = nowIso();
        this.db.prepare('INSERT INTO reservations (reservation_id, order_id, status, created_at, released_at) VALUES (?, ?, ?, ?, ?)').run(reservationId, orderId, 'released', now, now);
        return { released: false, reservationId };
      }
      if (existing.status === 'released') return { released: false, reservationId: existing.reservationId };
      const give = this.db.prepare('UPDATE products SET on_hand = on_hand + ? WHERE product_id = ?');
      for (const line of existing.items) give.run(line.quantity, line.productId);
      this.db.prepare("UPDATE reservations SET status = 'released', released_at = ? WHERE reservation_id = ?").run(nowIso(), existing.reservationId);
      return { released: true, reservationId: existing.reservationId };
    }).immediate();
  }

  find(orderId: string): Reservation | undefined {
    const row = this.db
      .prepare<[string], { reservation_id: string; status: 'held' | 'released' }>('SELECT reservation_id, status FROM reservations WHERE order_id = ?')
      .get(orderId);
    if (!row) return undefined;
    const items = this.db
      .prepare<[string], ReservationLine>('SELECT product_id AS productId, quantity FROM reservation_items WHERE reservation_id = ? ORDER BY product_id')
      .all(row.reservation_id);
    return { reservationId: row.reservation_id, orderId, status: row.status, items };
  }

  stock(): StockLevel[] {
    return this.db
      .prepare<[], StockLevel>(
        `SELECT p.product_id AS productId, p.name, p.on_hand AS onHand,
                COALESCE((SELECT SUM(ri.quantity) FROM reservation_items ri JOIN reservations r USING (reservation_id)
                          WHERE ri.product_id = p.product_id AND r.status = 'held'), 0) AS reserved
           FROM products p ORDER BY p.product_id`,
      )
      .all();
  }
}
