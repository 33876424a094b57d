import Database from 'better-sqlite3';
import fp from 'fastify-plugin';
import pg from 'pg';
import type { BatchDiffResponse } from '@temporal-ecommerce/contracts/agent/http';

declare module 'fastify' {
  interface FastifyInstance {
    /** The agent worker's store (its agent.sqlite or PostgreSQL), read-only: the refactor batches' diffs. */
    agentStore: AgentStoreReader;
  }
}

/** The agent worker's store cannot be read: the worker (which creates and migrates it) has not run on this store. */
export class AgentStoreUnavailableError extends Error {
  override name = 'AgentStoreUnavailableError';
}

/** Where the agent worker keeps its store: agent/agent.sqlite in the data dir, or AGENT_DATABASE_URL. */
export type AgentStoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

type BatchDiff = Omit<BatchDiffResponse, 'batchId'>;
interface DiffRow {
  files: string;
  diff: string;
  truncated: number;
  bytes: number | string;
}

const DIFF_SQL = 'SELECT files, diff, truncated, bytes FROM batch_diffs WHERE store_key = ? AND batch_id = ?';
const DIFF_SQL_PG = 'SELECT files, diff, truncated, bytes FROM batch_diffs WHERE store_key = $1 AND batch_id = $2';

/** One lookup, on a connection that cannot write. */
interface DiffSource {
  read(storeKey: string, batchId: string): Promise<DiffRow | undefined>;
  /** Where it reads from, for the log: never the URL's credentials. */
  readonly where: string;
  close(): Promise<void>;
}

class SqliteDiffSource implements DiffSource {
  private db: Database.Database | undefined;
  constructor(readonly where: string) {}
  async read(storeKey: string, batchId: string): Promise<DiffRow | undefined> {
    try {
      // Read-only: SQLite refuses any write on this connection.
      this.db ??= new Database(this.where, { readonly: true, fileMustExist: true });
      return this.db.prepare<[string, string], DiffRow>(DIFF_SQL).get(storeKey, batchId);
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

class PostgresDiffSource implements DiffSource {
  private readonly pool: pg.Pool;
  readonly where: string;
  constructor(url: string) {
    // Every transaction of these connections is read-only, as the SQLite file is opened read-only.
    this.pool = new pg.Pool({ connectionString: url, max: 2, application_name: 'gateway-agent-store', options: '-c default_transaction_read_only=on' });
    this.pool.on('error', () => undefined);
    const u = new URL(url);
    this.where = `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
  }
  async read(storeKey: string, batchId: string): Promise<DiffRow | undefined> {
    return (await this.pool.query<DiffRow>({ name: 'gateway_batch_diff', text: DIFF_SQL_PG, values: [storeKey, batchId] })).rows[0];
  }
  async close(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * The batch_diffs table of the agent worker's store, read through a read-only connection. The diffs are
 * kept there, not in workflow history, because a batch can change many lines; the worker owns and
 * migrates the store, the gateway only reads one row per request.
 */
export class AgentStoreReader {
  private readonly source: DiffSource;
  constructor(store: AgentStoreLocation) {
    this.source = store.kind === 'postgres' ? new PostgresDiffSource(store.url) : new SqliteDiffSource(store.path);
  }

  /** The batch's diff, or undefined when the store holds none for it (the batch never changed a file, or ran before diffs were kept). */
  async batchDiff(storeKey: string, batchId: string): Promise<BatchDiff | undefined> {
    const row = await this.source.read(storeKey, batchId).catch((err: Error) => {
      throw new AgentStoreUnavailableError(`Agent store unavailable: cannot read ${this.source.where} (${err.message}). Is the agent worker running on this store?`);
    });
    if (!row) return undefined;
    return { files: JSON.parse(row.files) as BatchDiff['files'], diff: row.diff, truncated: Number(row.truncated) === 1, bytes: Number(row.bytes) };
  }

  close(): Promise<void> {
    return this.source.close();
  }
}

export default fp<{ store: AgentStoreLocation }>(
  async (fastify, { store }) => {
    const reader = new AgentStoreReader(store);
    fastify.decorate('agentStore', reader);
    fastify.addHook('onClose', async () => reader.close());
  },
  { name: 'agent-store' },
);
