import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '@temporal-ecommerce/infra/postgres';
import { openOrderStore, type OrderStore } from '../../src/services/database';
import { InventoryService } from '../../src/services/inventory';
import { PaymentService } from '../../src/services/payments';

/**
 * The store the tests of this file run on: SQLite by default; with ORDER_TEST_POSTGRES=1 (the package's
 * `test:postgres`, part of `pnpm test`) a database of its own on a throwaway PostgreSQL cluster, one
 * cluster per test file, stopped after the file.
 */
export const TEST_STORE_KIND: 'sqlite' | 'postgres' = process.env.ORDER_TEST_POSTGRES === '1' ? 'postgres' : 'sqlite';

let cluster: Promise<PostgresCluster> | undefined;
export function testCluster(): Promise<PostgresCluster> {
  cluster ??= startPostgresCluster();
  return cluster;
}
// Registered while the importing test file is collected: the file's cluster goes with the file.
afterAll(async () => {
  if (cluster) (await cluster).stop();
  cluster = undefined;
});

let databases = 0;
/** A fresh, seeded store (orders.db in a temporary folder, or a new PostgreSQL database); `close()` removes it. */
export async function tempOrderDb(kind = TEST_STORE_KIND): Promise<{ db: OrderStore; dir: string; url?: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'order-worker-'));
  if (kind === 'postgres') {
    const url = (await testCluster()).createDatabase(`orders_${process.pid}_${++databases}`);
    const db = await openOrderStore({ kind: 'postgres', url });
    return { db, dir, url, close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    } };
  }
  const db = await openOrderStore({ kind: 'sqlite', dataDir: dir });
  return {
    db,
    dir,
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Stock on hand plus reserved, per product: must never change, whatever happened to the orders. */
export async function stockTotals(db: OrderStore): Promise<Record<string, number>> {
  return Object.fromEntries((await new InventoryService(db).stock()).map((s) => [s.productId, s.onHand + s.reserved]));
}

export async function netCharged(db: OrderStore, orderId: string): Promise<number> {
  return (await new PaymentService(db).netChargedCents(orderId)) / 100;
}

export function chargeCount(db: OrderStore, orderId: string): Promise<number> {
  return new PaymentService(db).chargeCount(orderId);
}
