import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresBinDir } from '@temporal-ecommerce/infra/postgres';
import { loadEnv } from '../../src/env';
import { openAnalysisStore, type AnalysisStore, type AnalysisStoreConfig, type StoredFileResult } from '../../src/store/analysis-store';
import { postgresDatabase } from '../postgres';

const opened: AnalysisStore[] = [];
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
});

async function config(kind: AnalysisStoreConfig['kind']): Promise<AnalysisStoreConfig> {
  return kind === 'sqlite' ? { kind, file: join(mkdtempSync(join(tmpdir(), 'agent-store-')), 'agent.sqlite') } : { kind, url: await postgresDatabase('agent_store') };
}
async function open(c: AnalysisStoreConfig): Promise<AnalysisStore> {
  const store = await openAnalysisStore(c);
  opened.push(store);
  return store;
}

const result = (file: string, cost: number): StoredFileResult => ({
  file,
  strategy: 'fast',
  analyser: 'static',
  analysis: { file, issues: [], metrics: { lines: 1, functions: 0, maxNesting: 0, cyclomatic: 1 }, suggestions: [], fixable: {} } as unknown as StoredFileResult['analysis'],
  cost,
  inputTokens: 1,
  outputTokens: 1,
});

// Two replicas: two stores over one file or one database, each with its own connection(s).
describe.each(['sqlite', 'postgres'] as const)('analysis store on %s, shared by two replicas', (kind) => {
  it('a result, plan, ledger row and workspace one replica writes, the other reads; a retried file keeps its position', async () => {
    const c = await config(kind);
    const [a, b] = [await open(c), await open(c)];
    expect(a.kind).toBe(kind);
    await a.recordExecution('run-1', 'x.ts', 'started', 1);
    await a.saveFileResult('run-1', result('x.ts', 1));
    await b.recordExecution('run-1', 'y.ts', 'started', 1);
    await b.saveFileResult('run-1', result('y.ts', 2));
    // A retry of x.ts on the other replica replaces its result in place.
    await b.saveFileResult('run-1', result('x.ts', 3));
    expect((await a.fileResults('run-1')).map((r) => [r.file, r.cost])).toEqual([
      ['x.ts', 3],
      ['y.ts', 2],
    ]);
    expect(await b.fileResults('run-2')).toEqual([]);
    expect((await a.ledger('run-1')).map((r) => [r.file, r.event, r.attempt, r.pid])).toEqual([
      ['x.ts', 'started', 1, process.pid],
      ['y.ts', 'started', 1, process.pid],
    ]);
    await a.savePlan('run-1', { planId: 'p1', totalFixes: 0, batches: [], rules: [] });
    await b.savePlan('run-1', { planId: 'p2', totalFixes: 0, batches: [], rules: [] });
    expect((await a.plan('run-1'))?.planId).toBe('p2');
    expect(await a.plan('run-2')).toBeUndefined();
    await a.markWorkspaceReady('run-1', '/data/agent/workspaces/run-1');
    expect(await b.workspace('run-1')).toBe('/data/agent/workspaces/run-1');
    expect(await b.workspace('run-2')).toBeUndefined();
  });

  it('keeps the first snapshot of a file byte for byte when a batch is retried on another replica', async () => {
    const c = await config(kind);
    const [a, b] = [await open(c), await open(c)];
    // Not UTF-8, with a NUL: the bytes must come back as they were, not as text.
    const before = Buffer.from([0x00, 0xff, 0xfe, 0x41, 0x0a, 0xc3]);
    await a.saveSnapshotOnce('run-1', 'batch-1', 'src/a.ts', before);
    await b.saveSnapshotOnce('run-1', 'batch-1', 'src/a.ts', Buffer.from('already fixed'));
    await b.saveSnapshotOnce('run-1', 'batch-1', 'src/b.ts', Buffer.from('b'));
    expect(Buffer.compare((await b.snapshot('run-1', 'batch-1', 'src/a.ts'))!, before)).toBe(0);
    expect(await a.snapshot('run-1', 'batch-2', 'src/a.ts')).toBeUndefined();
    const all = await a.snapshots('run-1', 'batch-1');
    expect(all.map((s) => s.file)).toEqual(['src/a.ts', 'src/b.ts']);
    expect(Buffer.compare(all[0]!.content, before)).toBe(0);
  });

  it("keeps a batch's diff, replaced by a retry of the batch, for the gateway to read", async () => {
    const c = await config(kind);
    const [a, b] = [await open(c), await open(c)];
    const diff = { files: [{ file: 'src/a.ts', added: 1, removed: 1 }], diff: '--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1,1 +1,1 @@\n-a == b\n+a === b\n', truncated: false, bytes: 58 };
    await a.saveBatchDiff('run-1', 'batch-1', { ...diff, diff: 'first attempt', truncated: true });
    await b.saveBatchDiff('run-1', 'batch-1', diff);
    expect(await a.batchDiff('run-1', 'batch-1')).toEqual(diff);
    expect(await a.batchDiff('run-1', 'batch-2')).toBeUndefined();
    expect(await a.batchDiff('run-2', 'batch-1')).toBeUndefined();
  });
});

describe('analysis store migrations', () => {
  it('PostgreSQL: replicas starting together apply the schema once', async () => {
    const c = await config('postgres');
    await Promise.all([1, 2, 3, 4].map(() => open({ ...c, max: 1 } as AnalysisStoreConfig)));
    const psql = join(postgresBinDir()!, 'psql');
    expect(execFileSync(psql, ['-d', (c as { url: string }).url, '-Atc', 'SELECT version, name FROM schema_migrations'], { encoding: 'utf8' }).trim()).toBe('1|agent-schema\n2|batch-diffs');
  });

  it('SQLite: an agent.sqlite from before the migrations keeps its rows', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'agent-store-old-')), 'agent.sqlite');
    const old = new Database(file);
    old.exec(`CREATE TABLE plans (store_key TEXT PRIMARY KEY, plan TEXT NOT NULL);
              INSERT INTO plans VALUES ('run-0', '{"planId":"old","totalFixes":0,"batches":[],"rules":[]}');`);
    old.close();
    const store = await open({ kind: 'sqlite', file });
    expect((await store.plan('run-0'))?.planId).toBe('old');
  });
});

describe('AGENT_DATABASE_URL', () => {
  it('selects PostgreSQL; unset keeps agent/agent.sqlite in the data dir; anything but a postgres URL is refused without echoing it', () => {
    expect(loadEnv({ TEMPORAL_ECOMMERCE_DATA_DIR: '/d' }).store).toEqual({ kind: 'sqlite', file: '/d/agent/agent.sqlite' });
    expect(loadEnv({ AGENT_DATABASE_URL: 'postgresql://agent:pw@db/agent?sslmode=require' }).store).toEqual({ kind: 'postgres', url: 'postgresql://agent:pw@db/agent?sslmode=require' });
    for (const bad of ['mysql://agent:secret@db/agent', 'postgres://db', 'secret']) {
      expect(() => loadEnv({ AGENT_DATABASE_URL: bad }), bad).toThrow(/AGENT_DATABASE_URL must/);
      expect(() => loadEnv({ AGENT_DATABASE_URL: bad }), bad).not.toThrow(/secret/);
    }
  });
});
