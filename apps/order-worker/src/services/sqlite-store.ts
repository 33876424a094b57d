import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, MIGRATIONS_TABLE } from './migrations';
import { nowIso, type OrderStore, type Tx } from './store';

/**
 * The embedded store: <dataDir>/orders.db. WAL lets a reader (the gateway, a test, the chaos check) read
 * while a worker writes; busy_timeout lets several worker processes on one file wait for the write lock.
 * Statements are prepared once per SQL text. better-sqlite3 is synchronous and one connection holds one
 * transaction, so transactions and reads of this process take turns on a promise queue: an activity never
 * sees another activity's half-done transaction.
 */
export class SqliteOrderStore implements OrderStore {
  readonly kind = 'sqlite';
  private readonly statements = new Map<string, Database.Statement>();
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly db: Database.Database) {}

  static open(filePath: string): SqliteOrderStore {
    mkdirSync(path.dirname(filePath), { recursive: true });
    const db = new Database(filePath);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    const store = new SqliteOrderStore(db);
    store.migrate();
    return store;
  }

  get<T>(sql: string, params: readonly unknown[] = []): Promise<T | undefined> {
    return this.turn(() => this.statement(sql).get(...params) as T | undefined);
  }

  all<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    return this.turn(() => this.statement(sql).all(...params) as T[]);
  }

  run(sql: string, params: readonly unknown[] = []): Promise<number> {
    return this.turn(() => this.statement(sql).run(...params).changes);
  }

  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.turn(async () => {
      const tx: Tx = {
        get: async <R>(sql: string, params: readonly unknown[] = []) => this.statement(sql).get(...params) as R | undefined,
        all: async <R>(sql: string, params: readonly unknown[] = []) => this.statement(sql).all(...params) as R[],
        run: async (sql, params = []) => this.statement(sql).run(...params).changes,
        // BEGIN IMMEDIATE holds the database's one write lock: every order is already serialized.
        lockOrder: async () => undefined,
        forUpdate: '',
      };
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(tx);
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    this.db.close();
  }

  private turn<T>(fn: () => T | Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  /**
   * Applies the migrations not yet recorded, in one IMMEDIATE transaction checked again inside, so
   * workers opening the same file at once migrate it once.
   */
  private migrate(): void {
    const applied = (): Set<number> =>
      new Set(this.db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version));
    this.db.exec(MIGRATIONS_TABLE);
    if (MIGRATIONS.every((m) => applied().has(m.version))) return;
    this.db
      .transaction(() => {
        const done = applied();
        if (!done.has(1)) upgradeUnversioned(this.db);
        for (const m of MIGRATIONS) {
          if (done.has(m.version)) continue;
          this.db.exec(m.sql.sqlite);
          this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, nowIso());
        }
      })
      .immediate();
  }
}

/**
 * An orders.db written before the versioned migrations: adds the locked price per reservation line and
 * rebuilds notifications for the retraction kind (SQLite cannot change a CHECK). Migration 1 then finds
 * every table in place. A file without tables is left to migration 1.
 */
function upgradeUnversioned(db: Database.Database): void {
  const columns = (table: string): string[] => db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all().map((c) => c.name);
  const itemColumns = columns('reservation_items');
  if (itemColumns.length > 0 && !itemColumns.includes('unit_price_cents')) db.exec('ALTER TABLE reservation_items ADD COLUMN unit_price_cents INTEGER');
  const notifications = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'notifications'").get()?.sql;
  if (notifications !== undefined && !notifications.includes('order_retraction')) {
    db.exec('ALTER TABLE notifications RENAME TO notifications_v2');
    db.exec(MIGRATIONS[0]!.sql.sqlite);
    db.exec('INSERT INTO notifications SELECT * FROM notifications_v2; DROP TABLE notifications_v2;');
  }
}
