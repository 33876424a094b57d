import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { CheckpointRecord, EpochMetrics } from '@temporal-ecommerce/contracts/ml';

/**
 * Every epoch's metrics and every checkpoint record of a training run, keyed by the run's store key
 * (workflow id + first run id, stable across continue-as-new) and epoch. Writes upsert on that key, so
 * an activity retry or a rerun after a crash rewrites the same rows instead of adding new ones.
 */
export interface TrainingHistoryStore {
  putMetrics(storeKey: string, metrics: EpochMetrics): void;
  putCheckpoint(storeKey: string, checkpoint: CheckpointRecord): void;
  /** Rows with `after < epoch <= upTo`, oldest first, at most `limit`. */
  metrics(storeKey: string, after: number, limit: number, upTo?: number): EpochMetrics[];
  checkpoints(storeKey: string, after: number, limit: number, upTo?: number): CheckpointRecord[];
  close(): void;
}

/** SQLite under the worker's data directory (WAL, so the gateway-driven page reads never block training). */
export class SqliteTrainingHistoryStore implements TrainingHistoryStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS epoch_metrics (
        store_key TEXT NOT NULL, epoch INTEGER NOT NULL, row TEXT NOT NULL,
        PRIMARY KEY (store_key, epoch)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS checkpoints (
        store_key TEXT NOT NULL, epoch INTEGER NOT NULL, row TEXT NOT NULL,
        PRIMARY KEY (store_key, epoch)) WITHOUT ROWID;
    `);
    const upsert = (table: string) => this.db.prepare<[string, number, string]>(`INSERT INTO ${table} (store_key, epoch, row) VALUES (?, ?, ?) ON CONFLICT (store_key, epoch) DO UPDATE SET row = excluded.row`);
    const page = (table: string) => this.db.prepare<[string, number, number, number], { row: string }>(`SELECT row FROM ${table} WHERE store_key = ? AND epoch > ? AND epoch <= ? ORDER BY epoch LIMIT ?`);
    this.statements = {
      putMetrics: upsert('epoch_metrics'),
      putCheckpoint: upsert('checkpoints'),
      metrics: page('epoch_metrics'),
      checkpoints: page('checkpoints'),
    };
  }

  putMetrics(storeKey: string, metrics: EpochMetrics): void {
    this.statements.putMetrics.run(storeKey, metrics.epoch, JSON.stringify(metrics));
  }

  putCheckpoint(storeKey: string, checkpoint: CheckpointRecord): void {
    this.statements.putCheckpoint.run(storeKey, checkpoint.epoch, JSON.stringify(checkpoint));
  }

  metrics(storeKey: string, after: number, limit: number, upTo = Number.MAX_SAFE_INTEGER): EpochMetrics[] {
    return this.statements.metrics.all(storeKey, after, upTo, limit).map((r) => JSON.parse(r.row) as EpochMetrics);
  }

  checkpoints(storeKey: string, after: number, limit: number, upTo = Number.MAX_SAFE_INTEGER): CheckpointRecord[] {
    return this.statements.checkpoints.all(storeKey, after, upTo, limit).map((r) => JSON.parse(r.row) as CheckpointRecord);
  }

  close(): void {
    this.db.close();
  }
}
