import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { AGENT_TASK_QUEUE, AgentWorkflowType, agentAnalysisWorkflowId, analysisProgressQuery, type CodebaseAnalysisInput } from '@temporal-ecommerce/contracts/agent';
import type { codebaseAnalysisWorkflow } from '../src/workflows';
import { openAnalysisStore, type AnalysisStoreConfig } from '../src/store/analysis-store';
import { postgresDatabase } from './postgres';
import { ensureWorkerBuilt, quietRuntime, SAMPLE_FILES, sandbox, WORKER_JS } from './support';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietRuntime();
  ensureWorkerBuilt();
  env = await createLocalTestEnv();
});

afterAll(async () => {
  await env?.teardown();
});

function startWorkerProcess(taskQueue: string, dataDir: string, repositoryRoot: string, databaseUrl?: string): ChildProcess {
  const child = spawn(process.execPath, [WORKER_JS], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: env.namespace ?? 'default',
      AGENT_TASK_QUEUE: taskQueue,
      TEMPORAL_ECOMMERCE_DATA_DIR: dataDir,
      AGENT_FILE_DELAY_MS: '300',
      AGENT_REPOSITORY_ROOTS: repositoryRoot,
      LOG_LEVEL: 'warn',
      ...(databaseUrl ? { AGENT_DATABASE_URL: databaseUrl } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  return child;
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/**
 * On SQLite both processes share one data dir (one host). On PostgreSQL each has a data dir of its own, as
 * replicas on two hosts do: the second learns what the first did only through AGENT_DATABASE_URL.
 */
describe.each(['sqlite', 'postgres'] as const)('crash recovery with a real worker process (store on %s)', (kind) => {
  it('resumes after SIGKILL at about file 12 from the next file, never analysing a completed file again', { timeout: 240_000 }, async () => {
    const box = await sandbox();
    const databaseUrl = kind === 'postgres' ? await postgresDatabase('agent_crash') : undefined;
    const secondDataDir = databaseUrl ? join(box.dir, 'host-2') : box.dataDir;
    const storeConfig: AnalysisStoreConfig = databaseUrl ? { kind: 'postgres', url: databaseUrl } : { kind: 'sqlite', file: join(box.dataDir, 'agent', 'agent.sqlite') };
    const taskQueue = `${AGENT_TASK_QUEUE}-${randomUUID()}`;
    const args: CodebaseAnalysisInput = { taskId: `crash-${randomUUID()}`, repositoryPath: box.repo, files: SAMPLE_FILES, analysisType: 'architectural', budget: 5 };
    const workflowId = agentAnalysisWorkflowId(args.taskId);

    const first = startWorkerProcess(taskQueue, box.dataDir, box.dir, databaseUrl);
    let second: ChildProcess | undefined;
    try {
      const handle = await env.client.workflow.start<typeof codebaseAnalysisWorkflow>(AgentWorkflowType.CodebaseAnalysis, { taskQueue, workflowId, args: [args] });
      const storeKey = `${workflowId}/${handle.firstExecutionRunId}`;

      for (;;) {
        const progress = await handle.query(analysisProgressQuery).catch(() => undefined);
        if (progress && progress.filesAnalyzed >= 12) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      first.kill('SIGKILL');
      await exited(first);
      expect(first.signalCode).toBe('SIGKILL');

      // What the server recorded as done when the worker died: files are analysed in order, one activity each.
      const events = (await handle.fetchHistory()).events ?? [];
      const completedBeforeKill = events.filter((e) => e.activityTaskCompletedEventAttributes).length;
      expect(completedBeforeKill).toBeGreaterThanOrEqual(12);
      expect(completedBeforeKill).toBeLessThan(20);

      second = startWorkerProcess(taskQueue, secondDataDir, box.dir, databaseUrl);
      const result = await handle.result();
      expect(result).toMatchObject({ status: 'completed', filesAnalyzed: 20, totalFiles: 20 });

      // The ledger is written by the worker processes into their store; the test reads it afterwards.
      const ledger = await openAnalysisStore(storeConfig);
      const rows = await ledger.ledger(storeKey);
      await ledger.close();
      const started = (file: string, pid?: number) => rows.filter((r) => r.file === file && r.event === 'started' && (pid === undefined || r.pid === pid));

      SAMPLE_FILES.slice(0, completedBeforeKill).forEach((file) => {
        expect(started(file), file).toHaveLength(1);
        expect(started(file, first.pid)).toHaveLength(1);
      });
      const restartedFiles = rows.filter((r) => r.event === 'started' && r.pid === second!.pid).map((r) => r.file);
      // The restarted worker begins with the first file the dead one had not finished (file 13 when it died after 12)...
      expect(restartedFiles[0]).toBe(SAMPLE_FILES[completedBeforeKill]);
      // ...and analyses exactly the rest, each once.
      expect(restartedFiles).toEqual(SAMPLE_FILES.slice(completedBeforeKill));
      for (const file of SAMPLE_FILES) expect(rows.some((r) => r.file === file && r.event === 'completed'), file).toBe(true);
    } finally {
      if (first.exitCode === null && first.signalCode === null) first.kill('SIGKILL');
      if (second) {
        second.kill('SIGTERM');
        await exited(second);
      }
    }
  });
});
