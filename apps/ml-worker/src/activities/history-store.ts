import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { CheckpointRecord, EpochMetrics } from '@temporal-ecommerce/contracts/ml';
import { PostgresDatabase, type PostgresMigration } from '@temporal-ecommerce/worker-kit/postgres';

/**
 * Every epoch's metrics and every checkpoint record of a training run, keyed by the run's store key
 * (workflow id + first run id, stable across continue-as-new) and epoch. Writes upsert on that key, so
 * an activity retry or a rerun after a crash rewrites the same rows instead of adding new ones.
 *
 * Shared by replicas: a span retried on another worker resumes from the rows the first one wrote, and the
 * history pages and the audit run on whichever worker picks them up. So with ML_DATABASE_URL it lives on
 * PostgreSQL; SQLite in the data dir is the single-host default.
 */
export interface TrainingHistoryStore {
  readonly kind: 'sqlite' | 'postgres';
  putMetrics(storeKey: string, metrics: EpochMetrics): Promise<void>;
  putCheckpoint(storeKey: string, checkpoint: CheckpointRecord): Promise<void>;
  /** Rows with `after < epoch <= upTo`, oldest first, at most `limit`. */
  metrics(storeKey: string, after: number, limit: number, upTo?: number): Promise<EpochMetrics[]>;
  checkpoints(storeKey: string, after: number, limit: number, upTo?: number): Promise<CheckpointRecord[]>;
  close(): Promise<void>;
}

export type TrainingHistoryConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; max?: number };

/** Versioned schema, applied at start. Never edit a released version: add the next one. */
const MIGRATIONS = [
  {
    version: 1,
    name: 'history-schema',
    sql: `
      CREATE TABLE IF NOT EXISTS epoch_metrics (
        store_key TEXT NOT NULL, epoch INTEGER NOT NULL, row TEXT NOT NULL,
        PRIMARY KEY (store_key, epoch));
      CREATE TABLE IF NOT EXISTS checkpoints (
        store_key TEXT NOT NULL, epoch INTEGER NOT NULL, row TEXT NOT NULL,
        PRIMARY KEY (store_key, epoch));`,
  },
] as const satisfies readonly PostgresMigration[];

/** The bound of a page read to the end: epochs are INTEGER columns (PostgreSQL refuses a larger parameter). */
const LAST_EPOCH = 2 ** 31 - 1;

/** Advisory-lock class of the ML worker ("mlhs"). */
const LOCK_CLASS = 0x6d6c6873;

export async function openTrainingHistoryStore(config: TrainingHistoryConfig): Promise<TrainingHistoryStore> {
  return config.kind === 'postgres' ? PostgresTrainingHistoryStore.open(config.url, config.max) : new SqliteTrainingHistoryStore(config.file);
}

const upsert = (table: string): string =>
  `INSERT INTO ${table} (store_key, epoch, row) VALUES (?, ?, ?) ON CONFLICT (store_key, epoch) DO UPDATE SET row = excluded.row`;
const page = (table: string): string => `SELECT row FROM ${table} WHERE store_key = ? AND epoch > ? AND epoch <= ? ORDER BY epoch LIMIT ?`;

/** SQLite under the worker's data directory (WAL, so the gateway-driven page reads never block training). */
export class SqliteTrainingHistoryStore implements TrainingHistoryStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    migrateSqlite(this.db);
    this.statements = {
      putMetrics: this.db.prepare<[string, number, string]>(upsert('epoch_metrics')),
      putCheckpoint: this.db.prepare<[string, number, string]>(upsert('checkpoints')),
      metrics: this.db.prepare<[string, number, number, number], { row: string }>(page('epoch_metrics')),
      checkpoints: this.db.prepare<[string, number, number, number], { row: string }>(page('checkpoints')),
    };
  }

  async putMetrics(storeKey: string, metrics: EpochMetrics): Promise<void> {
    this.statements.putMetrics.run(storeKey, metrics.epoch, JSON.stringify(metrics));
  }

  async putCheckpoint(storeKey: string, checkpoint: CheckpointRecord): Promise<void> {
    this.statements.putCheckpoint.run(storeKey, checkpoint.epoch, JSON.stringify(checkpoint));
  }

  async metrics(storeKey: string, after: number, limit: number, upTo = LAST_EPOCH): Promise<EpochMetrics[]> {
    return this.statements.metrics.all(storeKey, after, upTo, limit).map((r) => JSON.parse(r.row) as EpochMetrics);
  }

  async checkpoints(storeKey: string, after: number, limit: number, upTo = LAST_EPOCH): Promise<CheckpointRecord[]> {
    return this.statements.checkpoints.all(storeKey, after, upTo, limit).map((r) => JSON.parse(r.row) as CheckpointRecord);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/**
 * The same rows on PostgreSQL, shared by every replica. Each write is one upsert statement, so no
 * transaction or lock is needed: replicas write different runs, and a retry of the same span rewrites
 * the same (store_key, epoch) rows with the same bits.
 */
export class PostgresTrainingHistoryStore implements TrainingHistoryStore {
  readonly kind = 'postgres';

  private constructor(private readonly db: PostgresDatabase) {}

  static async open(url: string, max = 4): Promise<PostgresTrainingHistoryStore> {
    return new PostgresTrainingHistoryStore(await PostgresDatabase.open(url, { applicationName: 'ml-worker', lockClass: LOCK_CLASS, migrations: MIGRATIONS, max }));
  }

  async putMetrics(storeKey: string, metrics: EpochMetrics): Promise<void> {
    await this.db.run(upsert('epoch_metrics'), [storeKey, metrics.epoch, JSON.stringify(metrics)]);
  }

  async putCheckpoint(storeKey: string, checkpoint: CheckpointRecord): Promise<void> {
    await this.db.run(upsert('checkpoints'), [storeKey, checkpoint.epoch, JSON.stringify(checkpoint)]);
  }

  async metrics(storeKey: string, after: number, limit: number, upTo = LAST_EPOCH): Promise<EpochMetrics[]> {
    return (await this.db.all<{ row: string }>(page('epoch_metrics'), [storeKey, after, upTo, limit])).map((r) => JSON.parse(r.row) as EpochMetrics);
  }

  async checkpoints(storeKey: string, after: number, limit: number, upTo = LAST_EPOCH): Promise<CheckpointRecord[]> {
    return (await this.db.all<{ row: string }>(page('checkpoints'), [storeKey, after, upTo, limit])).map((r) => JSON.parse(r.row) as CheckpointRecord);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** The migrations not yet recorded, in one IMMEDIATE transaction, so workers opening one file at once migrate it once. */
function migrateSqlite(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  db.transaction(() => {
    const done = new Set(db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      // IF NOT EXISTS: a history file from before the migrations table already holds version 1's tables.
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }
  }).immediate();
}
