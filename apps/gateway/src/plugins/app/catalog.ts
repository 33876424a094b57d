import Database from 'better-sqlite3';
import fp from 'fastify-plugin';
import pg from 'pg';
import type { CatalogEntry } from '@temporal-ecommerce/contracts/order';

declare module 'fastify' {
  interface FastifyInstance {
    /** The order worker's catalog (its orders.db or PostgreSQL), read-only, cached a few seconds. */
    catalog: CatalogReader;
  }
}

/** How stale a price or stock figure the gateway may show; the reservation re-reads the price anyway. */
export const CATALOG_CACHE_MS = 2_000;

export interface CatalogRow extends CatalogEntry {
  productId: string;
  /** Units on hand, not held by open orders. */
  stock: number;
}

/** The catalog cannot be read: the order worker (which creates and migrates it) has not run on this store. */
export class CatalogUnavailableError extends Error {
  override name = 'CatalogUnavailableError';
}

/** Where the order worker keeps its catalog: its orders.db, or the PostgreSQL database of ORDER_DATABASE_URL. */
export type CatalogStore = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

const PRODUCTS_SQL = 'SELECT product_id AS "productId", name, price_cents AS "priceCents", on_hand AS stock FROM products ORDER BY product_id';

/** One read of the products table, on a connection that cannot write. */
interface CatalogSource {
  read(): Promise<CatalogRow[]>;
  /** Where it reads from, for the error message: never the URL's credentials. */
  readonly where: string;
  close(): Promise<void>;
}

class SqliteCatalogSource implements CatalogSource {
  private db: Database.Database | undefined;
  constructor(private readonly dbPath: string) {}
  get where(): string {
    return this.dbPath;
  }
  async read(): Promise<CatalogRow[]> {
    try {
      // Read-only: SQLite refuses any write on this connection.
      this.db ??= new Database(this.dbPath, { readonly: true, fileMustExist: true });
      return this.db.prepare<[], CatalogRow>(PRODUCTS_SQL).all();
    } catch (err) {
      // Reopen next time: the file may appear (worker started) or be replaced.
      await this.close();
      throw err;
    }
  }
  async close(): Promise<void> {
    this.db?.close();
    this.db = undefined;
  }
}

class PostgresCatalogSource implements CatalogSource {
  private readonly pool: pg.Pool;
  readonly where: string;
  constructor(url: string) {
    // Every transaction of these connections is read-only, as the SQLite file is opened read-only.
    this.pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'gateway-catalog', options: '-c default_transaction_read_only=on' });
    this.pool.on('error', () => undefined);
    const u = new URL(url);
    this.where = `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
  }
  async read(): Promise<CatalogRow[]> {
    return (await this.pool.query<CatalogRow>({ name: 'gateway_catalog', text: PRODUCTS_SQL })).rows;
  }
  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * The products table of the order worker's store, read through a read-only connection and re-read at
 * most every CATALOG_CACHE_MS, so pricing an order costs a map lookup and no Temporal round trip (one
 * read at a time: concurrent requests share it). The order worker stays the owner and the authority: it
 * prices the order again in the transaction that reserves the stock.
 */
export class CatalogReader {
  private readonly source: CatalogSource;
  private cached: { at: number; rows: readonly CatalogRow[]; byId: ReadonlyMap<string, CatalogRow> } | undefined;
  private loading: Promise<NonNullable<CatalogReader['cached']>> | undefined;

  constructor(
    store: CatalogStore | string,
    private readonly ttlMs = CATALOG_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {
    const s: CatalogStore = typeof store === 'string' ? { kind: 'sqlite', path: store } : store;
    this.source = s.kind === 'postgres' ? new PostgresCatalogSource(s.url) : new SqliteCatalogSource(s.path);
  }

  async products(): Promise<readonly CatalogRow[]> {
    return (await this.load()).rows;
  }

  /** The lookup priceOrder needs, on one snapshot of the catalog. */
  async lookup(): Promise<(productId: string) => CatalogRow | undefined> {
    const { byId } = await this.load();
    return (productId) => byId.get(productId);
  }

  close(): Promise<void> {
    return this.source.close();
  }

  private load() {
    if (this.cached && this.now() - this.cached.at < this.ttlMs) return Promise.resolve(this.cached);
    this.loading ??= this.source
      .read()
      .then(
        (rows) => {
          this.cached = { at: this.now(), rows, byId: new Map(rows.map((r) => [r.productId, r])) };
          return this.cached;
        },
        (err: Error) => {
          throw new CatalogUnavailableError(`Catalog unavailable: cannot read ${this.source.where} (${err.message}). Is the order worker running on this store?`);
        },
      )
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }
}

export default fp<{ store: CatalogStore }>(
  async (fastify, { store }) => {
    const reader = new CatalogReader(store);
    fastify.decorate('catalog', reader);
    fastify.addHook('onClose', async () => reader.close());
  },
  { name: 'catalog' },
);
