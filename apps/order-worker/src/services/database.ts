import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
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
CREATE TABLE IF NOT EXISTS notifications (
  notification_id TEXT PRIMARY KEY,
  order_id        TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('order_confirmation')),
  recipient       TEXT NOT NULL,
  body_json       TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  UNIQUE (order_id, kind)
);
`;

/**
 * Opens (creating if needed) <dataDir>/orders.db and seeds the catalog. Seeding only inserts missing
 * products, so a restart never resets stock. WAL lets the worker and a test read the file concurrently.
 */
export function openOrderDb(dataDir: string, fileName = 'orders.db'): OrderDb {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, fileName));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  const seed = db.prepare('INSERT OR IGNORE INTO products (product_id, name, price_cents, on_hand) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const p of CATALOG) seed.run(p.productId, p.name, p.priceCents, p.initialStock);
  })();
  return db;
}

export const nowIso = (): string => new Date().toISOString();
