import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ORDER_DB_FILE } from '@temporal-ecommerce/contracts/order';
import { CATALOG } from './catalog';

export type OrderDb = Database.Database;

/**
 * Tables of the "external systems" behind the order activities. One file, separate tables; each
 * system keys its rows by order id, which is what makes every activity idempotent.
 *
 * Compensations that find nothing to undo leave a tombstone row (status released / voided / cancelled),
 * so a late, zombie attempt of the forward step (an attempt that timed out but was still running) finds
 * the tombstone and does nothing instead of reserving, charging or shipping after the undo.
 */
const NOTIFICATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS notifications (
  notification_id TEXT PRIMARY KEY,
  order_id        TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('order_confirmation', 'order_retraction')),
  recipient       TEXT NOT NULL,
  body_json       TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  UNIQUE (order_id, kind)
);
`;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS products (
  product_id  TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  price_cents INTEGER NOT NULL,
  on_hand     INTEGER NOT NULL CHECK (on_hand >= 0)
);
CREATE TABLE IF NOT EXISTS reservations (
  reservation_id TEXT PRIMARY KEY,
  order_id       TEXT NOT NULL UNIQUE,
  status         TEXT NOT NULL CHECK (status IN ('held', 'released')),
  created_at     TEXT NOT NULL,
  released_at    TEXT
);
CREATE TABLE IF NOT EXISTS reservation_items (
  reservation_id TEXT NOT NULL REFERENCES reservations(reservation_id),
  product_id     TEXT NOT NULL REFERENCES products(product_id),
  quantity       INTEGER NOT NULL CHECK (quantity > 0),
  -- The catalog price when the stock was held: the order is charged this, whatever the catalog says later.
  unit_price_cents INTEGER,
  PRIMARY KEY (reservation_id, product_id)
);
CREATE TABLE IF NOT EXISTS payments (
  payment_id   TEXT PRIMARY KEY,
  order_id     TEXT NOT NULL UNIQUE,
  customer_id  TEXT NOT NULL,
  amount_cents INTEGER NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('captured', 'refunded', 'voided')),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ledger (
  entry_id        INTEGER PRIMARY KEY AUTOINCREMENT,
  idempotency_key TEXT NOT NULL UNIQUE,
  payment_id      TEXT NOT NULL REFERENCES payments(payment_id),
  order_id        TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('charge', 'refund')),
  amount_cents    INTEGER NOT NULL CHECK (amount_cents > 0),
  created_at      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS ledger_order ON ledger(order_id);
CREATE TABLE IF NOT EXISTS shipments (
  shipment_id     TEXT PRIMARY KEY,
  order_id        TEXT NOT NULL UNIQUE,
  carrier         TEXT,
  tracking_number TEXT UNIQUE,
  status          TEXT NOT NULL CHECK (status IN ('created', 'cancelled')),
  address_json    TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
${NOTIFICATIONS_TABLE}`;

/**
 * Opens (creating if needed) <dataDir>/orders.db and seeds the catalog. Seeding only inserts missing
 * products, so a restart never resets stock. WAL lets the worker and a test read the file concurrently.
 */
export function openOrderDb(dataDir: string, fileName = ORDER_DB_FILE): OrderDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  migrate(db);
  const seed = db.prepare('INSERT OR IGNORE INTO products (product_id, name, price_cents, on_hand) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const p of CATALOG) seed.run(p.productId, p.name, p.priceCents, p.initialStock);
  })();
  return db;
}

/**
 * Brings an orders.db created by an earlier version up to SCHEMA: the locked price per reservation line,
 * and the retraction kind of notification (SQLite cannot change a CHECK, so that table is rebuilt). One
 * IMMEDIATE transaction, checked again inside it, so workers opening the same file at once migrate it once.
 */
function migrate(db: OrderDb): void {
  const needsPrice = (): boolean => !db.prepare<[], { name: string }>('PRAGMA table_info(reservation_items)').all().some((c) => c.name === 'unit_price_cents');
  const notificationsSql = (): string =>
    db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'notifications'").get()?.sql ?? '';
  const needsRetraction = (): boolean => !notificationsSql().includes('order_retraction');
  if (!needsPrice() && !needsRetraction()) return;
  db.transaction(() => {
    if (needsPrice()) db.exec('ALTER TABLE reservation_items ADD COLUMN unit_price_cents INTEGER');
    if (needsRetraction()) {
      db.exec('ALTER TABLE notifications RENAME TO notifications_v2');
      db.exec(NOTIFICATIONS_TABLE);
      db.exec('INSERT INTO notifications SELECT * FROM notifications_v2; DROP TABLE notifications_v2;');
    }
  }).immediate();
}

export const nowIso = (): string => new Date().toISOString();
