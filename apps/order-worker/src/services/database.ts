import path from 'node:path';
import { ORDER_DB_FILE } from '@temporal-ecommerce/contracts/order';
import { CATALOG } from './catalog';
import { PostgresOrderStore, type PostgresStoreOptions } from './postgres-store';
import { SqliteOrderStore } from './sqlite-store';
import type { OrderStore } from './store';

export type { OrderStore, Tx } from './store';
export { nowIso } from './store';

export type OrderStoreConfig =
  | { kind: 'sqlite'; dataDir: string; fileName?: string }
  | ({ kind: 'postgres'; url: string } & PostgresStoreOptions);

/**
 * Opens the order services' store: SQLite in <dataDir>/orders.db by default, PostgreSQL when
 * ORDER_DATABASE_URL names one. Either way the migrations are applied and the catalog seeded before it
 * is returned. Seeding only inserts missing products, so a restart (or a second replica) never resets stock.
 */
export async function openOrderStore(config: OrderStoreConfig): Promise<OrderStore> {
  const store =
    config.kind === 'postgres'
      ? await PostgresOrderStore.open(config.url, config)
      : SqliteOrderStore.open(path.join(config.dataDir, config.fileName ?? ORDER_DB_FILE));
  try {
    await store.transaction(async (tx) => {
      for (const p of CATALOG) {
        await tx.run('INSERT INTO products (product_id, name, price_cents, on_hand) VALUES (?, ?, ?, ?) ON CONFLICT (product_id) DO NOTHING', [
          p.productId,
          p.name,
          p.priceCents,
          p.initialStock,
        ]);
      }
    });
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
