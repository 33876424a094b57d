import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openOrderStore } from '../../src/services/database';
import { MIGRATIONS } from '../../src/services/migrations';
import { InventoryService } from '../../src/services/inventory';
import { NotificationService } from '../../src/services/notifications';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('orders.db from an earlier version', () => {
  it('is migrated: old reservations keep working at the catalog price, and retractions can be recorded', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'orders-migrate-'));
    // The v2 tables, as an existing deployment has them, with one held reservation and one confirmation.
    const old = new Database(path.join(dir, 'orders.db'));
    old.exec(`
      CREATE TABLE products (product_id TEXT PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL, on_hand INTEGER NOT NULL CHECK (on_hand >= 0));
      CREATE TABLE reservations (reservation_id TEXT PRIMARY KEY, order_id TEXT NOT NULL UNIQUE, status TEXT NOT NULL CHECK (status IN ('held', 'released')), created_at TEXT NOT NULL, released_at TEXT);
      CREATE TABLE reservation_items (reservation_id TEXT NOT NULL, product_id TEXT NOT NULL, quantity INTEGER NOT NULL CHECK (quantity > 0), PRIMARY KEY (reservation_id, product_id));
      CREATE TABLE notifications (notification_id TEXT PRIMARY KEY, order_id TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('order_confirmation')),
        recipient TEXT NOT NULL, body_json TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (order_id, kind));
      INSERT INTO products VALUES ('laptop-001', 'Laptop', 129999, 999);
      INSERT INTO reservations VALUES ('res_old', 'o-old', 'held', '2026-01-01T00:00:00Z', NULL);
      INSERT INTO reservation_items VALUES ('res_old', 'laptop-001', 1);
      INSERT INTO notifications VALUES ('ntf_old', 'o-old', 'order_confirmation', 'c-1', '{}', '2026-01-01T00:00:00Z');
    `);
    old.close();

    const db = await openOrderStore({ kind: 'sqlite', dataDir: dir });
    try {
      expect(await new InventoryService(db).find('o-old')).toMatchObject({ reservationId: 'res_old', totalCents: 129_999 });
      const notifications = new NotificationService(db);
      expect((await notifications.find('o-old', 'order_confirmation'))?.notificationId).toBe('ntf_old');
      expect((await notifications.send('o-old', 'order_retraction', 'c-1', {})).sent).toBe(true);
      expect(await notifications.count('o-old')).toBe(2);
    } finally {
      await db.close();
    }
    // Opening it again (a second worker, a restart) finds nothing left to migrate.
    const again = await openOrderStore({ kind: 'sqlite', dataDir: dir });
    expect(await again.all('SELECT version FROM schema_migrations ORDER BY version')).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    await again.close();
  });
});
