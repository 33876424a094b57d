import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { ORDER_DB_FILE } from '@temporal-ecommerce/contracts/order';

export interface StockRow {
  productId: string;
  onHand: number;
  /** Units held by reservations that were not released (sold or in flight). */
  held: number;
}

export interface CatalogRow {
  productId: string;
  name: string;
  priceCents: number;
}

export interface OrderSideEffects {
  orderId: string;
  /** Charges minus refunds, in cents, from the ledger. */
  netChargedCents: number;
  /** Ledger entries of this order by kind, counted per order (not per idempotency key, which is UNIQUE anyway). */
  charges: number;
  refunds: number;
  /** Sum of this order's charge entries, in cents. */
  chargedCents: number;
  paymentId?: string;
  paymentStatus?: string;
  reservationStatus?: 'held' | 'released';
  /** Quantity per product of this order's reservation. */
  reservedItems: Record<string, number>;
  shipmentStatus?: 'created' | 'cancelled';
  /** Rows per system for this order; more than one means a side effect happened twice. */
  rows: { payments: number; reservations: number; shipments: number };
}

/** The tables the checks read, and their columns: copied as they are from PostgreSQL. */
const SNAPSHOT_TABLES: Record<string, string[]> = {
  products: ['product_id', 'name', 'price_cents', 'on_hand'],
  reservations: ['reservation_id', 'order_id', 'status'],
  reservation_items: ['reservation_id', 'product_id', 'quantity'],
  payments: ['payment_id', 'order_id', 'status'],
  ledger: ['order_id', 'kind', 'amount_cents'],
  shipments: ['order_id', 'status'],
};

/**
 * Read-only view of the order worker's store: the "external systems" the saga drives. The chaos run
 * checks its invariants here, not through the workflows' own reports. On SQLite it reads <data dir>/orders.db;
 * on PostgreSQL (ORDER_DATABASE_URL) it reads a snapshot of the same tables, taken in one read-only
 * REPEATABLE READ transaction, so the checks see one consistent state whichever engine the workers used.
 */
export class OrderDbReader {
  private readonly db: Database.Database;

  constructor(dataDir: string | Database.Database) {
    this.db = typeof dataDir === 'string' ? new Database(path.join(dataDir, ORDER_DB_FILE), { readonly: true, fileMustExist: true }) : dataDir;
  }

  /** The order worker's store at `databaseUrl` if given (PostgreSQL), else its orders.db in `dataDir`. */
  static async open(dataDir: string, databaseUrl?: string): Promise<OrderDbReader> {
    if (!databaseUrl) return new OrderDbReader(dataDir);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const snapshot = new Database(':memory:');
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      for (const [table, columns] of Object.entries(SNAPSHOT_TABLES)) {
        snapshot.exec(`CREATE TABLE ${table} (${columns.join(', ')})`);
        const insert = snapshot.prepare(`INSERT INTO ${table} VALUES (${columns.map(() => '?').join(', ')})`);
        const { rows } = await client.query<Record<string, unknown>>(`SELECT ${columns.join(', ')} FROM ${table}`);
        snapshot.transaction(() => {
          for (const row of rows) insert.run(...columns.map((c) => row[c]));
        })();
      }
      await client.query('COMMIT');
    } catch (err) {
      snapshot.close();
      throw err;
    } finally {
      await client.end();
    }
    return new OrderDbReader(snapshot);
  }

  close(): void {
    this.db.close();
  }

  /** The products table: the prices every order is charged (the chaos run changes none of them). */
  catalog(): CatalogRow[] {
    return this.db.prepare('SELECT product_id AS productId, name, price_cents AS priceCents FROM products ORDER BY product_id').all() as CatalogRow[];
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

  ledgerRows(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number }).n;
  }

  sideEffects(orderId: string): OrderSideEffects {
    const ledger = this.db
      .prepare(
        `SELECT COALESCE(SUM(CASE kind WHEN 'charge' THEN amount_cents ELSE -amount_cents END), 0) AS net,
                COALESCE(SUM(CASE kind WHEN 'charge' THEN amount_cents ELSE 0 END), 0) AS charged,
                COALESCE(SUM(kind = 'charge'), 0) AS charges, COALESCE(SUM(kind = 'refund'), 0) AS refunds
           FROM ledger WHERE order_id = ?`,
      )
      .get(orderId) as { net: number; charged: number; charges: number; refunds: number };
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
      chargedCents: ledger.charged,
      ...(payments[0] ? { paymentId: payments[0].id, paymentStatus: payments[0].status } : {}),
      ...(reservations[0] ? { reservationStatus: reservations[0].status } : {}),
      reservedItems,
      ...(shipments[0] ? { shipmentStatus: shipments[0].status } : {}),
      rows: { payments: payments.length, reservations: reservations.length, shipments: shipments.length },
    };
  }
}
