import path from 'node:path';
import Database from 'better-sqlite3';

export interface StockRow {
  productId: string;
  onHand: number;
  /** Units held by reservations that were not released (sold or in flight). */
  held: number;
}

export interface OrderSideEffects {
  orderId: string;
  /** Charges minus refunds, in cents, from the ledger. */
  netChargedCents: number;
  charges: number;
  refunds: number;
  paymentId?: string;
  paymentStatus?: string;
  reservationStatus?: 'held' | 'released';
  /** Quantity per product of this order's reservation. */
  reservedItems: Record<string, number>;
  shipmentStatus?: 'created' | 'cancelled';
  /** Rows per system for this order; more than one means a side effect happened twice. */
  rows: { payments: number; reservations: number; shipments: number };
}

/**
 * Read-only view of the order worker's SQLite file (<data dir>/orders.db): the "external systems" the saga
 * drives. The chaos run checks its invariants here, not through the workflows' own reports.
 */
export class OrderDbReader {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = new Database(path.join(dataDir, 'orders.db'), { readonly: true, fileMustExist: true });
  }

  close(): void {
    this.db.close();
  }

  stock(): StockRow[] {
    return this.db
      .prepare(
        `SELECT p.product_id AS productId, p.on_hand AS onHand,
                COALESCE((SELECT SUM(ri.quantity) FROM reservation_items ri JOIN reservations r USING (reservation_id)
                          WHERE ri.product_id = p.product_id AND r.status = 'held'), 0) AS held
           FROM products p ORDER BY p.product_id`,
      )
      .all() as StockRow[];
  }

  /** Idempotency keys with more than one ledger row: money moved twice for the same intent. */
  duplicateLedgerKeys(): { key: string; rows: number }[] {
    return this.db.prepare('SELECT idempotency_key AS key, COUNT(*) AS rows FROM ledger GROUP BY idempotency_key HAVING COUNT(*) > 1').all() as {
      key: string;
      rows: number;
    }[];
  }

  ledgerRows(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number }).n;
  }

  sideEffects(orderId: string): OrderSideEffects {
    const ledger = this.db
      .prepare(
        `SELECT COALESCE(SUM(CASE kind WHEN 'charge' THEN amount_cents ELSE -amount_cents END), 0) AS net,
                COALESCE(SUM(kind = 'charge'), 0) AS charges, COALESCE(SUM(kind = 'refund'), 0) AS refunds
           FROM ledger WHERE order_id = ?`,
      )
      .get(orderId) as { net: number; charges: number; refunds: number };
    const payments = this.db.prepare('SELECT payment_id AS id, status FROM payments WHERE order_id = ?').all(orderId) as { id: string; status: string }[];
    const reservations = this.db.prepare('SELECT reservation_id AS id, status FROM reservations WHERE order_id = ?').all(orderId) as {
      id: string;
      status: 'held' | 'released';
    }[];
    const shipments = this.db.prepare('SELECT status FROM shipments WHERE order_id = ?').all(orderId) as { status: 'created' | 'cancelled' }[];
    const reservedItems: Record<string, number> = {};
    for (const r of reservations) {
      const items = this.db.prepare('SELECT product_id AS productId, quantity FROM reservation_items WHERE reservation_id = ?').all(r.id) as {
        productId: string;
        quantity: number;
      }[];
      for (const item of items) reservedItems[item.productId] = (reservedItems[item.productId] ?? 0) + item.quantity;
    }
    return {
      orderId,
      netChargedCents: ledger.net,
      charges: ledger.charges,
      refunds: ledger.refunds,
      ...(payments[0] ? { paymentId: payments[0].id, paymentStatus: payments[0].status } : {}),
      ...(reservations[0] ? { reservationStatus: reservations[0].status } : {}),
      reservedItems,
      ...(shipments[0] ? { shipmentStatus: shipments[0].status } : {}),
      rows: { payments: payments.length, reservations: reservations.length, shipments: shipments.length },
    };
  }
}
