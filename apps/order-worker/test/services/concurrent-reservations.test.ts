import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOrderStore, type OrderStore } from '../../src/services/database';
import { InventoryService } from '../../src/services/inventory';
import { MIGRATIONS } from '../../src/services/migrations';
import { testCluster } from '../helpers/db';

const FIXTURE = path.join(__dirname, '../fixtures/reserve-orders.cjs');

interface Outcome {
  orderId: string;
  reservationId?: string;
  error?: string;
  message?: string;
}

/** Starts `ids.length` replica processes, each with its own pool; lets them all reserve at the same moment. */
async function replicas(url: string, productId: string, ids: string[][]): Promise<Outcome[][]> {
  const children = ids.map((orderIds) => {
    const child = spawn(process.execPath, [FIXTURE, url, productId, ...orderIds], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    return { child, output: () => out };
  });
  // Every replica has opened its pool (and run the migrations) once it is ready to read stdin; give them a moment.
  await new Promise((r) => setTimeout(r, 1_500));
  for (const { child } of children) child.stdin.end('go\n');
  return Promise.all(
    children.map(async ({ child, output }) => {
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code, output()).toBe(0);
      return JSON.parse(output()) as Outcome[];
    }),
  );
}

describe('reservations on PostgreSQL with several replicas', () => {
  let url: string;
  let store: OrderStore;
  beforeAll(async () => {
    url = (await testCluster()).createDatabase(`concurrent_${process.pid}`);
    store = await openOrderStore({ kind: 'postgres', url });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('never oversells: 4 processes race 120 orders for 30 units, exactly 30 are held and the rest are clean OutOfStock failures', async () => {
    await store.run("UPDATE products SET on_hand = 30 WHERE product_id = 'monitor-001'");
    const ids = [0, 1, 2, 3].map((p) => Array.from({ length: 30 }, (_, i) => `race-${p}-${i}`));
    const outcomes = (await replicas(url, 'monitor-001', ids)).flat();

    const held = outcomes.filter((o) => o.reservationId);
    const failed = outcomes.filter((o) => o.error);
    expect(held).toHaveLength(30);
    // A lost race is the business answer, never a constraint violation or deadlock surfacing as a retryable error.
    expect(failed.map((o) => o.error)).toEqual(Array(90).fill(ErrorType.OutOfStock));
    const [monitor] = (await new InventoryService(store).stock()).filter((s) => s.productId === 'monitor-001');
    expect(monitor).toMatchObject({ onHand: 0, reserved: 30 });
  });

  it('holds one reservation per order when replicas reserve the same orders at once (a retry racing a zombie attempt)', async () => {
    await store.run("UPDATE products SET on_hand = 1000 WHERE product_id = 'keyboard-001'");
    const same = Array.from({ length: 25 }, (_, i) => `dup-${i}`);
    const outcomes = await replicas(url, 'keyboard-001', [same, same, same]);

    for (const [i, orderId] of same.entries()) {
      const ids = outcomes.map((o) => o[i]!);
      expect(ids.every((o) => o.orderId === orderId && !o.error), JSON.stringify(ids)).toBe(true);
      // Every replica answered with the one reservation the first of them made.
      expect(new Set(ids.map((o) => o.reservationId)).size).toBe(1);
    }
    const [keyboards] = (await new InventoryService(store).stock()).filter((s) => s.productId === 'keyboard-001');
    expect(keyboards).toMatchObject({ onHand: 1000 - 25, reserved: 25 });
  });

  it('replicas starting together apply each migration once and seed the catalog once', async () => {
    const fresh = (await testCluster()).createDatabase(`migrate_${process.pid}`);
    const stores = await Promise.all([1, 2, 3, 4].map(() => openOrderStore({ kind: 'postgres', url: fresh, max: 2 })));
    try {
      expect(await stores[0]!.all('SELECT version FROM schema_migrations ORDER BY version')).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
      const counts = await stores[0]!.all<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM products GROUP BY product_id');
      expect(counts.every((c) => c.n === 1)).toBe(true);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
