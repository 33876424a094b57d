import Database from 'better-sqlite3';
import fp from 'fastify-plugin';
import type { CatalogEntry } from '@temporal-ecommerce/contracts/order';

declare module 'fastify' {
  interface FastifyInstance {
    /** The order worker's catalog, read-only, cached a few seconds. */
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

/** orders.db is missing or unreadable: the order worker (which creates it) has not run on this data dir. */
export class CatalogUnavailableError extends Error {
  override name = 'CatalogUnavailableError';
}

/**
 * The products table of the order worker's orders.db, opened read-only (SQLite refuses any write on this
 * connection) and re-read at most every CATALOG_CACHE_MS, so pricing an order costs a map lookup and no
 * Temporal round trip. The order worker stays the owner and the authority: it prices the order again in
 * the transaction that reserves the stock.
 */
export class CatalogReader {
  private db: Database.Database | undefined;
  private cached: { at: number; rows: readonly CatalogRow[]; byId: ReadonlyMap<string, CatalogRow> } | undefined;

  constructor(
    private readonly dbPath: string,
    private readonly ttlMs = CATALOG_CACHE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  products(): readonly CatalogRow[] {
    return this.load().rows;
  }

  /** The lookup priceOrder needs, on one snapshot of the catalog. */
  lookup(): (productId: string) => CatalogRow | undefined {
    const { byId } = this.load();
    return (productId) => byId.get(productId);
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  private load() {
    if (this.cached && this.now() - this.cached.at < this.ttlMs) return this.cached;
    let rows: CatalogRow[];
    try {
      this.db ??= new Database(this.dbPath, { readonly: true, fileMustExist: true });
      rows = this.db
        .prepare<[], CatalogRow>('SELECT product_id AS productId, name, price_cents AS priceCents, on_hand AS stock FROM products ORDER BY product_id')
        .all();
    } catch (err) {
      // Reopen next time: the file may appear (worker started) or be replaced.
      this.close();
      throw new CatalogUnavailableError(`Catalog unavailable: cannot read ${this.dbPath} (${(err as Error).message}). Is the order worker running on this data dir?`);
    }
    this.cached = { at: this.now(), rows, byId: new Map(rows.map((r) => [r.productId, r])) };
    return this.cached;
  }
}

export default fp<{ dbPath: string }>(
  async (fastify, { dbPath }) => {
    const reader = new CatalogReader(dbPath);
    fastify.decorate('catalog', reader);
    fastify.addHook('onClose', async () => reader.close());
  },
  { name: 'catalog' },
);
