import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { priceOrder, type CatalogEntry, type ChaosSabotage } from '@temporal-ecommerce/contracts/order';
import { nowIso, type OrderStore, type Queryable } from './store';

export interface ReservationLine {
  productId: string;
  quantity: number;
}

/** A line as ordered: the price is the client's expectation, if it sent one. */
export interface OrderedLine extends ReservationLine {
  price?: number;
}

export interface PricedLine extends ReservationLine {
  /** The catalog price locked with the reservation. */
  unitPriceCents: number;
}

export interface Reservation {
  reservationId: string;
  orderId: string;
  status: 'held' | 'released';
  items: PricedLine[];
  /** Sum of the locked prices × quantities: what the order is charged. */
  totalCents: number;
}

export interface StockLevel {
  productId: string;
  name: string;
  onHand: number;
  /** Units held by reservations that were not released. */
  reserved: number;
}

/**
 * Stock per product and reservations per order. Every method is one transaction holding the order's lock;
 * a reservation also locks the product rows it takes stock from, so replicas never oversell.
 */
export class InventoryService {
  constructor(
    private readonly store: OrderStore,
    private readonly sabotage?: ChaosSabotage,
  ) {}

  /**
   * Holds stock for an order at the catalog's current prices, in one transaction: the prices read are the
   * prices locked. Idempotent per order: a second call returns the first reservation with its locked prices
   * (even a released one, so a late retry after compensation reserves nothing). An unknown product, a price
   * or total the client sent that differs from the catalog, and missing stock are non-retryable failures
   * that leave no trace.
   */
  reserve(orderId: string, lines: OrderedLine[], expectedTotal?: number): Promise<Reservation> {
    return this.store.transaction(async (tx): Promise<Reservation> => {
      await tx.lockOrder(orderId);
      const existing = await findReservation(tx, orderId);
      if (existing) return existing;
      // Locked in one order (product id), so two reservations of the same products cannot deadlock.
      const rows = new Map<string, { on_hand: number; name: string; price_cents: number }>();
      for (const productId of [...new Set(lines.map((l) => l.productId))].sort()) {
        const row = await tx.get<{ on_hand: number; name: string; price_cents: number }>(
          `SELECT on_hand, name, price_cents FROM products WHERE product_id = ?${tx.forUpdate}`,
          [productId],
        );
        if (row) rows.set(productId, row);
      }
      const catalog = (productId: string): CatalogEntry | undefined => {
        const row = rows.get(productId);
        if (!row) return undefined;
        // CHAOS_SABOTAGE=prices only: the client's price wins, as in the code before the catalog was read.
        const clientPrice = this.sabotage === 'prices' ? lines.find((l) => l.productId === productId)?.price : undefined;
        return { name: row.name, priceCents: clientPrice !== undefined ? Math.round(clientPrice * 100) : row.price_cents };
      };
      const priced = priceOrder({ items: lines, totalAmount: expectedTotal }, catalog);
      if (!priced.ok) {
        const { issue } = priced;
        throw ApplicationFailure.create({
          type: issue.reason,
          message: issue.reason === ErrorType.UnknownProduct ? `Unknown product: ${issue.field} ${issue.message}` : `Price changed: ${issue.field} ${issue.message}`,
          nonRetryable: true,
          details: [{ field: issue.field, ...(issue.current !== undefined ? { current: issue.current } : {}) }],
        });
      }
      for (const line of lines) {
        const row = rows.get(line.productId)!;
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
      await tx.run('INSERT INTO reservations (reservation_id, order_id, status, created_at) VALUES (?, ?, ?, ?)', [reservationId, orderId, 'held', nowIso()]);
      const items: PricedLine[] = [];
      for (const [i, line] of lines.entries()) {
        const unitPriceCents = Math.round(priced.priced.items[i]!.price! * 100);
        await tx.run('UPDATE products SET on_hand = on_hand - ? WHERE product_id = ?', [line.quantity, line.productId]);
        await tx.run('INSERT INTO reservation_items (reservation_id, product_id, quantity, unit_price_cents) VALUES (?, ?, ?, ?)', [
          reservationId,
          line.productId,
          line.quantity,
          unitPriceCents,
        ]);
        items.push({ productId: line.productId, quantity: line.quantity, unitPriceCents });
      }
      return { reservationId, orderId, status: 'held', items, totalCents: priced.priced.totalCents };
    });
  }

  /**
   * Returns held stock to the shelf. Idempotent; with no reservation it records a released tombstone so a
   * zombie reserve attempt cannot hold stock after the saga gave up on it. Returns whether stock moved.
   */
  release(orderId: string): Promise<{ released: boolean; reservationId: string }> {
    return this.store.transaction(async (tx) => {
      await tx.lockOrder(orderId);
      const existing = await findReservation(tx, orderId);
      if (!existing) {
        const reservationId = `res_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
        const now = nowIso();
        await tx.run('INSERT INTO reservations (reservation_id, order_id, status, created_at, released_at) VALUES (?, ?, ?, ?, ?)', [
          reservationId,
          orderId,
          'released',
          now,
          now,
        ]);
        return { released: false, reservationId };
      }
      if (existing.status === 'released') return { released: false, reservationId: existing.reservationId };
      if (this.sabotage === 'closed') {
        throw ApplicationFailure.create({ type: ErrorType.InvalidState, message: `Release of ${orderId} refused (CHAOS_SABOTAGE=closed)`, nonRetryable: true });
      }
      // CHAOS_SABOTAGE=inventory: the reservation is marked released, the units never return to the shelf.
      if (this.sabotage !== 'inventory') {
        for (const line of existing.items) await tx.run('UPDATE products SET on_hand = on_hand + ? WHERE product_id = ?', [line.quantity, line.productId]);
      }
      await tx.run("UPDATE reservations SET status = 'released', released_at = ? WHERE reservation_id = ?", [nowIso(), existing.reservationId]);
      return { released: true, reservationId: existing.reservationId };
    });
  }

  find(orderId: string): Promise<Reservation | undefined> {
    return findReservation(this.store, orderId);
  }

  stock(): Promise<StockLevel[]> {
    return this.store.all<StockLevel>(
      `SELECT p.product_id AS "productId", p.name, p.on_hand AS "onHand",
              CAST(COALESCE((SELECT SUM(ri.quantity) FROM reservation_items ri JOIN reservations r USING (reservation_id)
                             WHERE ri.product_id = p.product_id AND r.status = 'held'), 0) AS INTEGER) AS reserved
         FROM products p ORDER BY p.product_id`,
    );
  }
}

async function findReservation(db: Queryable, orderId: string): Promise<Reservation | undefined> {
  const row = await db.get<{ reservation_id: string; status: 'held' | 'released' }>('SELECT reservation_id, status FROM reservations WHERE order_id = ?', [orderId]);
  if (!row) return undefined;
  // A line reserved before prices were locked (an orders.db from an earlier version) is at today's price.
  const items = await db.all<PricedLine>(
    `SELECT ri.product_id AS "productId", ri.quantity, COALESCE(ri.unit_price_cents, p.price_cents) AS "unitPriceCents"
       FROM reservation_items ri JOIN products p USING (product_id) WHERE ri.reservation_id = ? ORDER BY ri.product_id`,
    [row.reservation_id],
  );
  const totalCents = items.reduce((sum, i) => sum + i.unitPriceCents * i.quantity, 0);
  return { reservationId: row.reservation_id, orderId, status: row.status, items, totalCents };
}
