import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { RefactorPlan } from '@temporal-ecommerce/contracts/agent';
import type { FileAnalysis } from '../analysis/analyzer';
import type { RuleId } from '../analysis/rules';

/** What one file's analysis produced; kept here instead of in workflow history. */
export interface StoredFileResult {
  file: string;
  strategy: string;
  analyser: 'static' | 'static+llm';
  analysis: FileAnalysis;
  cost: number;
  inputTokens: number;
  outputTokens: number;
  error?: string;
}

export interface StoredPlan extends RefactorPlan {
  rules: RuleId[];
}

export interface LedgerRow {
  file: string;
  event: 'started' | 'completed';
  pid: number;
  attempt: number;
}

/**
 * The agent worker's SQLite database: per-file results, the refactor plan, the bytes of every file a
 * batch touched (for rollback), and an append-only ledger of analysis executions. Keys are the
 * analysis's store key (workflow id + first run id), stable across continue-as-new.
 */
export class AnalysisStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS file_results (
        store_key TEXT NOT NULL, file TEXT NOT NULL, seq INTEGER NOT NULL, result TEXT NOT NULL,
        PRIMARY KEY (store_key, file));
      CREATE TABLE IF NOT EXISTS analysis_ledger (
        id INTEGER PRIMARY KEY AUTOINCREMENT, store_key TEXT NOT NULL, file TEXT NOT NULL,
        event TEXT NOT NULL, pid INTEGER NOT NULL, attempt INTEGER NOT NULL, at TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS analysis_ledger_key ON analysis_ledger (store_key, file);
      CREATE TABLE IF NOT EXISTS plans (store_key TEXT PRIMARY KEY, plan TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS batch_snapshots (
        store_key TEXT NOT NULL, batch_id TEXT NOT NULL, file TEXT NOT NULL, content BLOB NOT NULL,
        PRIMARY KEY (store_key, batch_id, file));
      CREATE TABLE IF NOT EXISTS workspaces (store_key TEXT PRIMARY KEY, path TEXT NOT NULL);
    `);
  }

  close(): void {
    this.db.close();
  }

  recordExecution(storeKey: string, file: string, event: LedgerRow['event'], attempt: number): void {
    this.db
      .prepare('INSERT INTO analysis_ledger (store_key, file, event, pid, attempt, at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(storeKey, file, event, process.pid, attempt, new Date().toISOString());
  }

  ledger(storeKey: string): LedgerRow[] {
    return this.db.prepare('SELECT file, event, pid, attempt FROM analysis_ledger WHERE store_key = ? ORDER BY id').all(storeKey) as LedgerRow[];
  }

  /** Upsert: a retried analysis replaces its own earlier result and keeps its position. */
  saveFileResult(storeKey: string, result: StoredFileResult): void {
    this.db
      .prepare(
        `INSERT INTO file_results (store_key, file, seq, result)
         VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM file_results WHERE store_key = ?), ?)
         ON CONFLICT (store_key, file) DO UPDATE SET result = excluded.result`,
      )
      .run(storeKey, result.file, storeKey, JSON.stringify(result));
  }

  fileResults(storeKey: string): StoredFileResult[] {
    const rows = this.db.prepare('SELECT result FROM file_results WHERE store_key = ? ORDER BY seq').all(storeKey) as { result: string }[];
    return rows.map((r) => JSON.parse(r.result) as StoredFileResult);
  }

  savePlan(storeKey: string, plan: StoredPlan): void {
    this.db.prepare('INSERT INTO plans (store_key, plan) VALUES (?, ?) ON CONFLICT (store_key) DO UPDATE SET plan = excluded.plan').run(storeKey, JSON.stringify(plan));
  }

  plan(storeKey: string): StoredPlan | undefined {
    const row = this.db.prepare('SELECT plan FROM plans WHERE store_key = ?').get(storeKey) as { plan: string } | undefined;
    return row ? (JSON.parse(row.plan) as StoredPlan) : undefined;
  }

  /** First writer wins: a retried batch keeps the bytes from before its first attempt. */
  saveSnapshotOnce(storeKey: string, batchId: string, file: string, content: Buffer): void {
    this.db.prepare('INSERT OR IGNORE INTO batch_snapshots (store_key, batch_id, file, content) VALUES (?, ?, ?, ?)').run(storeKey, batchId, file, content);
  }

  snapshot(storeKey: string, batchId: string, file: string): Buffer | undefined {
    const row = this.db.prepare('SELECT content FROM batch_snapshots WHERE store_key = ? AND batch_id = ? AND file = ?').get(storeKey, batchId, file) as
      | { content: Buffer }
      | undefined;
    return row?.content;
  }

  snapshots(storeKey: string, batchId: string): { file: string; content: Buffer }[] {
    return this.db.prepare('SELECT file, content FROM batch_snapshots WHERE store_key = ? AND batch_id = ? ORDER BY file').all(storeKey, batchId) as {
      file: string;
      content: Buffer;
    }[];
  }

  workspace(storeKey: string): string | undefined {
    const row = this.db.prepare('SELECT path FROM workspaces WHERE store_key = ?').get(storeKey) as { path: string } | undefined;
    return row?.path;
  }

  markWorkspaceReady(storeKey: string, path: string): void {
    this.db.prepare('INSERT OR REPLACE INTO workspaces (store_key, path) VALUES (?, ?)').run(storeKey, path);
  }
}
