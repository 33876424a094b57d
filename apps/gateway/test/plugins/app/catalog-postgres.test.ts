import pg from 'pg';
import { startPostgresCluster, type PostgresCluster } from '@temporal-ecommerce/infra/postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/env';
import { CatalogReader, CatalogUnavailableError } from '../../../src/plugins/app/catalog';

let cluster: PostgresCluster;
let url: string;
beforeAll(async () => {
  cluster = await startPostgresCluster();
  url = cluster.createDatabase('orders');
  // The products table as the order worker's migration creates it (apps/order-worker/src/services/migrations.ts).
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE TABLE products (product_id TEXT PRIMARY KEY, name TEXT NOT NULL, price_cents INTEGER NOT NULL, on_hand INTEGER NOT NULL CHECK (on_hand >= 0));
    INSERT INTO products VALUES ('laptop-001', 'Laptop', 129999, 7), ('mouse-001', 'Mouse', 2999, 0)`);
  await client.end();
});
afterAll(() => cluster?.stop());

describe('the catalog on PostgreSQL (ORDER_DATABASE_URL)', () => {
  it('is chosen by ORDER_DATABASE_URL, which is validated without echoing its password', () => {
    expect(loadConfig({ ORDER_DATABASE_URL: 'postgres://app:s3cret@db:5432/orders' }).catalogStore).toEqual({ kind: 'postgres', url: 'postgres://app:s3cret@db:5432/orders' });
    expect(loadConfig({ TEMPORAL_ECOMMERCE_DATA_DIR: '/d' }).catalogStore).toEqual({ kind: 'sqlite', path: '/d/orders.db' });
    expect(() => loadConfig({ ORDER_DATABASE_URL: 'mysql://app:s3cret@db/orders' })).toThrow(/ORDER_DATABASE_URL: must be a URL such as postgres:/);
    expect(() => loadConfig({ ORDER_DATABASE_URL: 'mysql://app:s3cret@db/orders' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cret') }));
  });

  it('reads the products the order worker keeps in PostgreSQL, with price and stock', async () => {
    const reader = new CatalogReader({ kind: 'postgres', url });
    try {
      expect(await reader.products()).toEqual([
        { productId: 'laptop-001', name: 'Laptop', priceCents: 129_999, stock: 7 },
        { productId: 'mouse-001', name: 'Mouse', priceCents: 2_999, stock: 0 },
      ]);
      expect((await reader.lookup())('laptop-001')?.priceCents).toBe(129_999);
    } finally {
      await reader.close();
    }
  });

  it('is unavailable (503 in the app) without naming the credentials when the database cannot be reached', async () => {
    const reader = new CatalogReader({ kind: 'postgres', url: `postgres://app:s3cret@127.0.0.1:${cluster.port}/no_such_db` });
    try {
      const err = await reader.products().then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      expect(err).toBeInstanceOf(CatalogUnavailableError);
      expect(err!.message).toContain('PostgreSQL 127.0.0.1');
      expect(err!.message).not.toContain('s3cret');
    } finally {
      await reader.close();
    }
  });
});
