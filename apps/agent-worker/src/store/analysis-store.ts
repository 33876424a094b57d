import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { RefactorPlan } from '@temporal-ecommerce/contracts/agent';
import { PostgresDatabase } from '@temporal-ecommerce/worker-kit/postgres';
import type { FileAnalysis } from '../analysis/analyzer';
import type { BatchDiff } from '../analysis/diff';
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
 * The agent worker's store: per-file results, the refactor plan, the bytes of every file a batch touched
 * (for rollback) and the diff it applied, an append-only ledger of analysis executions, and which
 * workspaces are fully copied.
 * Keys are the analysis's store key (workflow id + first run id), stable across continue-as-new.
 *
 * All of it is shared by replicas: any activity of a run can land on any worker (a file analysed on one,
 * the plan built from every file's result on another, a batch applied on one and rolled back on another
 * after it died), so with AGENT_DATABASE_URL it lives on PostgreSQL. SQLite in the data dir is the
 * single-host default.
 */
export interface AnalysisStore {
  readonly kind: 'sqlite' | 'postgres';
  recordExecution(storeKey: string, file: string, event: LedgerRow['event'], attempt: number): Promise<void>;
  ledger(storeKey: string): Promise<LedgerRow[]>;
  /** Upsert: a retried analysis replaces its own earlier result and keeps its position. */
  saveFileResult(storeKey: string, result: StoredFileResult): Promise<void>;
  fileResults(storeKey: string): Promise<StoredFileResult[]>;
  savePlan(storeKey: string, plan: StoredPlan): Promise<void>;
  plan(storeKey: string): Promise<StoredPlan | undefined>;
  /** First writer wins: a retried batch keeps the bytes from before its first attempt. */
  saveSnapshotOnce(storeKey: string, batchId: string, file: string, content: Buffer): Promise<void>;
  snapshot(storeKey: string, batchId: string, file: string): Promise<Buffer | undefined>;
  snapshots(storeKey: string, batchId: string): Promise<{ file: string; content: Buffer }[]>;
  /** Upsert: a retried batch computes the same diff from the same saved bytes. */
  saveBatchDiff(storeKey: string, batchId: string, diff: BatchDiff): Promise<void>;
  batchDiff(storeKey: string, batchId: string): Promise<BatchDiff | undefined>;
  workspace(storeKey: string): Promise<string | undefined>;
  markWorkspaceReady(storeKey: string, path: string): Promise<void>;
  close(): Promise<void>;
}

export type AnalysisStoreConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; max?: number };

export function openAnalysisStore(config: AnalysisStoreConfig): Promise<AnalysisStore> {
  return config.kind === 'postgres' ? SqlAnalysisStore.postgres(config.url, config.max) : Promise.resolve(SqlAnalysisStore.sqlite(config.file));
}

/** Versioned schema, applied at start; the engines differ only in identity and binary column types. */
const schema = (id: string, bytes: string): string => `
  CREATE TABLE IF NOT EXISTS file_results (
    store_key TEXT NOT NULL, file TEXT NOT NULL, seq INTEGER NOT NULL, result TEXT NOT NULL,
    PRIMARY KEY (store_key, file));
  CREATE TABLE IF NOT EXISTS analysis_ledger (
    id ${id}, store_key TEXT NOT NULL, file TEXT NOT NULL,
    event TEXT NOT NULL, pid INTEGER NOT NULL, attempt INTEGER NOT NULL, at TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS analysis_ledger_key ON analysis_ledger (store_key, file);
  CREATE TABLE IF NOT EXISTS plans (store_key TEXT PRIMARY KEY, plan TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS batch_snapshots (
    store_key TEXT NOT NULL, batch_id TEXT NOT NULL, file TEXT NOT NULL, content ${bytes} NOT NULL,
    PRIMARY KEY (store_key, batch_id, file));
  CREATE TABLE IF NOT EXISTS workspaces (store_key TEXT PRIMARY KEY, path TEXT NOT NULL);`;

/** Each batch's unified diff (capped, see src/analysis/diff.ts), kept out of workflow history. */
const BATCH_DIFFS = `
  CREATE TABLE IF NOT EXISTS batch_diffs (
    store_key TEXT NOT NULL, batch_id TEXT NOT NULL, files TEXT NOT NULL, diff TEXT NOT NULL,
    truncated INTEGER NOT NULL, bytes INTEGER NOT NULL, PRIMARY KEY (store_key, batch_id));`;

const MIGRATIONS = [
  // IF NOT EXISTS: an agent.sqlite from before the migrations table already holds version 1's tables.
  { version: 1, name: 'agent-schema', sql: { sqlite: schema('INTEGER PRIMARY KEY AUTOINCREMENT', 'BLOB'), postgres: schema('BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY', 'BYTEA') } },
  // The gateway reads this table (read-only) to show a batch's diff: apps/gateway/src/plugins/app/agent-store.ts.
  { version: 2, name: 'batch-diffs', sql: { sqlite: BATCH_DIFFS, postgres: BATCH_DIFFS } },
] as const;

/** Advisory-lock class of the agent worker ("agnt"). */
const LOCK_CLASS = 0x61676e74;

/** What both engines run: one SQL text per operation, `?` placeholders. */
interface Sql {
  get<T>(sql: string, params?: readonly unknown[]): Promise<T | undefined>;
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  close(): Promise<void>;
}

/**
 * The store on either engine. Every write is one statement whose conflict clause makes it idempotent, so
 * replicas need no transaction or lock: two attempts of one file upsert the same row, two attempts of a
 * batch keep the first snapshot.
 */
class SqlAnalysisStore implements AnalysisStore {
  private constructor(
    readonly kind: 'sqlite' | 'postgres',
    private readonly db: Sql,
  ) {}

  static sqlite(file: string): SqlAnalysisStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    migrateSqlite(db);
    const statements = new Map<string, Database.Statement>();
    const statement = (sql: string): Database.Statement => {
      let stmt = statements.get(sql);
      if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
      return stmt;
    };
    return new SqlAnalysisStore('sqlite', {
      get: async <T>(sql: string, params: readonly unknown[] = []) => statement(sql).get(...params) as T | undefined,
      all: async <T>(sql: string, params: readonly unknown[] = []) => statement(sql).all(...params) as T[],
      run: async (sql, params = []) => statement(sql).run(...params).changes,
      close: async () => void db.close(),
    });
  }

  static async postgres(url: string, max = 4): Promise<SqlAnalysisStore> {
    const migrations = MIGRATIONS.map((m) => ({ version: m.version, name: m.name, sql: m.sql.postgres }));
    return new SqlAnalysisStore('postgres', await PostgresDatabase.open(url, { applicationName: 'agent-worker', lockClass: LOCK_CLASS, migrations, max }));
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async recordExecution(storeKey: string, file: string, event: LedgerRow['event'], attempt: number): Promise<void> {
    await this.db.run('INSERT INTO analysis_ledger (store_key, file, event, pid, attempt, at) VALUES (?, ?, ?, ?, ?, ?)', [
      storeKey,
      file,
      event,
      process.pid,
      attempt,
      new Date().toISOString(),
    ]);
  }

  ledger(storeKey: string): Promise<LedgerRow[]> {
    return this.db.all<LedgerRow>('SELECT file, event, pid, attempt FROM analysis_ledger WHERE store_key = ? ORDER BY id', [storeKey]);
  }

  async saveFileResult(storeKey: string, result: StoredFileResult): Promise<void> {
    await this.db.run(
      `INSERT INTO file_results (store_key, file, seq, result)
       VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM file_results WHERE store_key = ?), ?)
       ON CONFLICT (store_key, file) DO UPDATE SET result = excluded.result`,
      [storeKey, result.file, storeKey, JSON.stringify(result)],
    );
  }

  async fileResults(storeKey: string): Promise<StoredFileResult[]> {
    // Two replicas finishing files of one run at the same moment may draw the same seq: the file name orders those.
    const rows = await this.db.all<{ result: string }>('SELECT result FROM file_results WHERE store_key = ? ORDER BY seq, file', [storeKey]);
    return rows.map((r) => JSON.parse(r.result) as StoredFileResult);
  }

  async savePlan(storeKey: string, plan: StoredPlan): Promise<void> {
    await this.db.run('INSERT INTO plans (store_key, plan) VALUES (?, ?) ON CONFLICT (store_key) DO UPDATE SET plan = excluded.plan', [storeKey, JSON.stringify(plan)]);
  }

  async plan(storeKey: string): Promise<StoredPlan | undefined> {
    const row = await this.db.get<{ plan: string }>('SELECT plan FROM plans WHERE store_key = ?', [storeKey]);
    return row ? (JSON.parse(row.plan) as StoredPlan) : undefined;
  }

  async saveSnapshotOnce(storeKey: string, batchId: string, file: string, content: Buffer): Promise<void> {
    await this.db.run('INSERT INTO batch_snapshots (store_key, batch_id, file, content) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING', [storeKey, batchId, file, content]);
  }

  async snapshot(storeKey: string, batchId: string, file: string): Promise<Buffer | undefined> {
    const row = await this.db.get<{ content: Buffer }>('SELECT content FROM batch_snapshots WHERE store_key = ? AND batch_id = ? AND file = ?', [storeKey, batchId, file]);
    return row?.content;
  }

  snapshots(storeKey: string, batchId: string): Promise<{ file: string; content: Buffer }[]> {
    return this.db.all<{ file: string; content: Buffer }>('SELECT file, content FROM batch_snapshots WHERE store_key = ? AND batch_id = ? ORDER BY file', [storeKey, batchId]);
  }

  async saveBatchDiff(storeKey: string, batchId: string, d: BatchDiff): Promise<void> {
    await this.db.run(
      `INSERT INTO batch_diffs (store_key, batch_id, files, diff, truncated, bytes) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (store_key, batch_id) DO UPDATE SET files = excluded.files, diff = excluded.diff, truncated = excluded.truncated, bytes = excluded.bytes`,
      [storeKey, batchId, JSON.stringify(d.files), d.diff, d.truncated ? 1 : 0, d.bytes],
    );
  }

  async batchDiff(storeKey: string, batchId: string): Promise<BatchDiff | undefined> {
    const row = await this.db.get<{ files: string; diff: string; truncated: number; bytes: number }>(
      'SELECT files, diff, truncated, bytes FROM batch_diffs WHERE store_key = ? AND batch_id = ?',
      [storeKey, batchId],
    );
    return row ? { files: JSON.parse(row.files) as BatchDiff['files'], diff: row.diff, truncated: Number(row.truncated) === 1, bytes: Number(row.bytes) } : undefined;
  }

  async workspace(storeKey: string): Promise<string | undefined> {
    return (await this.db.get<{ path: string }>('SELECT path FROM workspaces WHERE store_key = ?', [storeKey]))?.path;
  }

  async markWorkspaceReady(storeKey: string, path: string): Promise<void> {
    await this.db.run('INSERT INTO workspaces (store_key, path) VALUES (?, ?) ON CONFLICT (store_key) DO UPDATE SET path = excluded.path', [storeKey, path]);
  }
}

/** The migrations not yet recorded, in one IMMEDIATE transaction, so workers opening one file at once migrate it once. */
function migrateSqlite(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  db.transaction(() => {
    const done = new Set(db.prepare<[], { version: number }>('SELECT version FROM schema_migrations').all().map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      db.exec(m.sql.sqlite);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }
  }).immediate();
}
