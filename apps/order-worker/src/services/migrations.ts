import type { StoreKind } from './store';

/**
 * The schema of the order services, as versioned migrations applied in order at start and recorded in
 * `schema_migrations`. Never edit a released migration: add the next version. Each version has one SQL
 * text per engine; they differ only where the engines do (identity columns), so both hold the same
 * tables, constraints and idempotency keys.
 *
 * Each system keys its rows by order id (UNIQUE), which is what makes every activity idempotent.
 * Compensations that find nothing to undo leave a tombstone row (status released / voided / cancelled),
 * so a late, zombie attempt of the forward step finds the tombstone and does nothing.
 */
export interface Migration {
  version: number;
  name: string;
  sql: Record<StoreKind, string>;
}

const tables = (ledgerId: string): string => `
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
  entry_id        ${ledgerId},
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
  kind            TEXT NOT NULL CHECK (kind IN ('order_confirmation', 'order_retraction')),
  recipient       TEXT NOT NULL,
  body_json       TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  UNIQUE (order_id, kind)
);
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'orders-schema',
    // IF NOT EXISTS: an orders.db from before the migrations table already holds these (brought up to date first).
    sql: { sqlite: tables('INTEGER PRIMARY KEY AUTOINCREMENT'), postgres: tables('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY') },
  },
];

export const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;
