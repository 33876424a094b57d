import { createHash } from 'node:crypto';
import pg from 'pg';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations';
import { nowIso, type OrderStore, type Tx } from './store';

/** Advisory-lock class of this app (two-key form), so our locks never meet another application's. */
const LOCK_CLASS = 0x6f726472; // "ordr"
const MIGRATION_LOCK = 1;
/** SQLSTATEs after which the whole transaction is safe to run again: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 5;

export interface PostgresStoreOptions {
  /** Connections per process; replicas × max must stay under the server's max_connections. */
  max?: number;
}

/**
 * The shared store: the same tables on PostgreSQL, so replicas on several hosts see one inventory, one
 * ledger and one set of idempotency keys. Transactions run at READ COMMITTED with explicit locks where a
 * read decides a write: an advisory lock per order (two replicas running a step of the same order take
 * turns, as SQLite's one write lock makes them) and `SELECT … FOR UPDATE` on the product rows a reservation
 * takes stock from (two orders for the last unit: the second waits, then reads 0). The CHECK
 * (on_hand >= 0) stays as the last line. Statements are named, so each connection prepares each SQL text once.
 */
export class PostgresOrderStore implements OrderStore {
  readonly kind = 'postgres';

  private constructor(readonly pool: pg.Pool) {}

  static async open(connectionString: string, options: PostgresStoreOptions = {}): Promise<PostgresOrderStore> {
    const pool = new pg.Pool({ connectionString, max: options.max ?? 10, application_name: 'order-worker' });
    // An idle client's error (server restart) must not crash the worker; the next query reconnects.
    pool.on('error', () => undefined);
    const store = new PostgresOrderStore(pool);
    try {
      await store.migrate();
    } catch (err) {
      await pool.end();
      throw err;
    }
    return store;
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await query<T>(this.pool, sql, params)).rows[0];
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await query<T>(this.pool, sql, params)).rows;
  }

  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await query(this.pool, sql, params)).rowCount ?? 0;
  }

  async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL READ COMMITTED');
        const tx: Tx = {
          get: async <R>(sql: string, params: readonly unknown[] = []) => (await query<R>(client, sql, params)).rows[0],
          all: async <R>(sql: string, params: readonly unknown[] = []) => (await query<R>(client, sql, params)).rows,
          run: async (sql, params = []) => (await query(client, sql, params)).rowCount ?? 0,
          lockOrder: async (orderId) => {
            await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, orderId]);
          },
          forUpdate: ' FOR UPDATE',
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (err) {
        // A connection that failed mid-transaction is discarded, not returned to the pool.
        const rolledBack = await client.query('ROLLBACK').then(
          () => true,
          () => false,
        );
        client.release(rolledBack ? undefined : true);
        if (!RETRYABLE.has((err as { code?: string }).code ?? '') || attempt >= MAX_ATTEMPTS) throw err;
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Applies the migrations not yet recorded, under an advisory lock so replicas starting together migrate once. */
  private async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [LOCK_CLASS, MIGRATION_LOCK]);
      await client.query(MIGRATIONS_TABLE);
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        await client.query(m.sql.postgres);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, nowIso()]);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}

/** `?` placeholders (the services' one SQL text) to PostgreSQL's `$n`; none of our statements has a `?` in a literal. */
function toPostgres(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

const names = new Map<string, { name: string; text: string }>();
function query<T>(client: pg.Pool | pg.PoolClient, sql: string, params: readonly unknown[]): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
  let prepared = names.get(sql);
  if (!prepared) {
    prepared = { name: `q_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`, text: toPostgres(sql) };
    names.set(sql, prepared);
  }
  return client.query<T & pg.QueryResultRow>({ ...prepared, values: [...params] });
}
