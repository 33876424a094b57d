import { createHash } from 'node:crypto';
import pg from 'pg';
import { EnvError } from '@temporal-ecommerce/env';

/**
 * A worker's state on PostgreSQL, shared by its replicas: one pool per process, versioned migrations
 * applied once at start under an advisory lock, and the stores' one SQL text with `?` placeholders
 * (the subset SQLite and PostgreSQL agree on) sent as named statements, prepared once per connection.
 * The order services keep their own copy of this (apps/order-worker/src/services/postgres-store.ts) with
 * per-order locks on top.
 */
export interface PostgresMigration {
  version: number;
  name: string;
  sql: string;
}

export interface PostgresDatabaseOptions {
  /** Shown in pg_stat_activity. */
  applicationName: string;
  /** Advisory-lock class of the app (two-key form): its migration lock never meets another app's. */
  lockClass: number;
  migrations: readonly PostgresMigration[];
  /** Connections per process; replicas × max must stay under the server's max_connections. */
  max?: number;
}

const MIGRATION_LOCK = 1;

export class PostgresDatabase {
  private constructor(readonly pool: pg.Pool) {}

  static async open(connectionString: string, options: PostgresDatabaseOptions): Promise<PostgresDatabase> {
    const pool = new pg.Pool({
      connectionString,
      max: options.max ?? 4,
      application_name: options.applicationName,
      // A pool that stays exhausted is a bug or a dead server: the activity fails and is retried, it does not hang.
      connectionTimeoutMillis: 30_000,
    });
    // An idle client's error (server restart) must not crash the worker; the next query reconnects.
    pool.on('error', () => undefined);
    const db = new PostgresDatabase(pool);
    try {
      await db.migrate(options.lockClass, options.migrations);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return db;
  }

  async get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params)).rows[0];
  }

  async all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return (await this.query<T>(sql, params)).rows;
  }

  /** Resolves to the number of rows the statement changed. */
  async run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return (await this.query(sql, params)).rowCount ?? 0;
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private query<T>(sql: string, params: readonly unknown[]): Promise<pg.QueryResult<T & pg.QueryResultRow>> {
    return this.pool.query<T & pg.QueryResultRow>({ ...prepared(sql), values: [...params] });
  }

  /** Applies the migrations not yet recorded; replicas starting together wait on one lock and migrate once. */
  private async migrate(lockClass: number, migrations: readonly PostgresMigration[]): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [lockClass, MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const m of migrations) {
        if (done.has(m.version)) continue;
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [m.version, m.name, new Date().toISOString()]);
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

const statements = new Map<string, { name: string; text: string }>();
/** `?` placeholders to `$n` (none of the stores' statements has a `?` in a literal), named by the SQL text's hash. */
function prepared(sql: string): { name: string; text: string } {
  let statement = statements.get(sql);
  if (!statement) {
    let n = 0;
    statement = { name: `q_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`, text: sql.replace(/\?/g, () => `$${++n}`) };
    statements.set(sql, statement);
  }
  return statement;
}

/**
 * Validates a `<APP>_DATABASE_URL` (postgres://user:password@host:port/db, libpq query parameters such as
 * sslmode allowed); undefined when unset or empty. The error names the variable, never its value (it may
 * hold a password).
 */
export function envPostgresUrl(env: NodeJS.ProcessEnv, key: string): string | undefined {
  const raw = env[key];
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EnvError(`${key} must be a URL such as postgres://user:password@host:5432/dbname`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') throw new EnvError(`${key} must start with postgres:// or postgresql://, got "${url.protocol}//"`);
  if (!url.hostname || url.pathname.length <= 1) throw new EnvError(`${key} must name a host and a database (postgres://host:5432/dbname)`);
  return raw;
}
