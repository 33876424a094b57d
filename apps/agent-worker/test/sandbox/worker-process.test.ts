import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { AGENT_TASK_QUEUE, AgentWorkflowType, agentAnalysisWorkflowId, type CodebaseAnalysisInput } from '@temporal-ecommerce/contracts/agent';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import type { codebaseAnalysisWorkflow } from '../../src/workflows';
import { detectSandbox, type SandboxPolicy } from '../../src/sandbox/detect';
import { activityEnvironment, agentActivities, createWorker, ensureWorkerBuilt, quietRuntime, sandbox, WORKER_JS, workflowBundle } from '../support';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietRuntime();
  ensureWorkerBuilt();
  env = await createLocalTestEnv();
  await workflowBundle();
});

afterAll(async () => {
  await env?.teardown();
});

const CANARY = `sk-canary-${randomUUID()}`;

/** A repository whose tests dump every environment they can reach into leak.txt (world-writable for the uid modes). */
function leakyRepository(root: string): string {
  const repo = join(root, 'leaky');
  mkdirSync(join(repo, 'src'), { recursive: true });
  writeFileSync(join(repo, 'src', 'a.ts'), 'export function same(a: number, b: number) {\n  if (a == b) return true;\n  return false;\n}\n');
  writeFileSync(
    join(repo, 'dump.js'),
    `const fs = require('node:fs');
let out = 'OWN ' + JSON.stringify(process.env) + '\\n';
for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {
  try { out += 'PROC ' + pid + ' ' + fs.readFileSync('/proc/' + pid + '/environ', 'utf8') + '\\n'; } catch (e) { out += 'DENIED ' + pid + ' ' + e.code + '\\n'; }
}
fs.appendFileSync('leak.txt', out);
`,
  );
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'leaky', scripts: { test: 'cat /proc/$PPID/environ >> leak.txt; node dump.js' } }));
  writeFileSync(join(repo, 'leak.txt'), '');
  chmodSync(join(repo, 'leak.txt'), 0o666);
  return repo;
}

/** The real worker (dist/worker.js) with a secret in its own environment, as ANTHROPIC_API_KEY would be. */
function startWorker(taskQueue: string, dataDir: string, roots: string, sandboxMode: string): { child: ChildProcess; logs: () => string } {
  let logs = '';
  const child = spawn(process.execPath, [WORKER_JS], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: env.namespace ?? 'default',
      AGENT_TASK_QUEUE: taskQueue,
      TEMPORAL_ECOMMERCE_DATA_DIR: dataDir,
      AGENT_FILE_DELAY_MS: '0',
      AGENT_REPOSITORY_ROOTS: roots,
      AGENT_SANDBOX: sandboxMode,
      AGENT_HOSTILE_CANARY: CANARY,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (c: Buffer) => (logs += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (logs += c.toString()));
  return { child, logs: () => logs };
}

describe.each(['bwrap', 'unshare', 'uid'])('a real worker process with AGENT_SANDBOX=%s', (mode) => {
  it('logs the active protections at start, and its secret never reaches a repository\'s tests', { timeout: 120_000 }, async () => {
    const box = await sandbox();
    const repo = leakyRepository(box.dir);
    // The uid modes run the tests as nobody, who must be able to reach the working copy under the data dir.
    chmodSync(box.dir, 0o755);
    const taskQueue = `${AGENT_TASK_QUEUE}-${randomUUID()}`;
    const worker = startWorker(taskQueue, box.dataDir, box.dir, mode);
    try {
      const args: CodebaseAnalysisInput = { taskId: `leak-${randomUUID()}`, repositoryPath: repo, files: ['src/a.ts'], targetImprovement: 'maintainability' };
      const handle = await env.client.workflow.start<typeof codebaseAnalysisWorkflow>(AgentWorkflowType.CodebaseAnalysis, {
        taskQueue,
        workflowId: agentAnalysisWorkflowId(args.taskId),
        args: [args],
      });
      const result = await handle.result();
      const sandboxLine = worker.logs().split('\n').find((l) => l.includes('"msg":"test sandbox"'));
      expect(sandboxLine, worker.logs()).toBeDefined();
      expect(JSON.parse(sandboxLine!)).toMatchObject({ mode, protections: expect.arrayContaining(['minimal-env', 'rlimit-as', mode === 'bwrap' ? 'host-files-hidden' : 'uid-drop']) });

      // The baseline run dumped what it could read into the working copy.
      const leaked = readFileSync(join(result.workspacePath!, 'leak.txt'), 'utf8');
      expect(leaked).toContain('OWN {');
      expect(leaked).not.toContain(CANARY);
      expect(leaked).not.toContain('TEMPORAL_ADDRESS');
    } finally {
      worker.child.kill('SIGTERM');
    }
  });
});

describe('a host without any sandbox', () => {
  const policy = (overrides: Partial<SandboxPolicy>): SandboxPolicy => ({ request: 'auto', production: true, uid: 65534, readOnlyPaths: [], ...overrides });
  const nothingWorks = async () => 'probe failed (simulated host)';

  it('refuses to run tests in production unless AGENT_SANDBOX=none-i-accept-the-risk; development runs them unconfined', async () => {
    expect((await detectSandbox(policy({}), nothingWorks)).refusal).toContain('NODE_ENV=production');
    expect((await detectSandbox(policy({ request: 'none-i-accept-the-risk' }), nothingWorks)).refusal).toBeUndefined();
    const dev = await detectSandbox(policy({ production: false }), nothingWorks);
    expect(dev.spec.mode).toBe('none');
    expect(dev.refusal).toBeUndefined();
    expect(dev.protections).not.toContain('uid-drop');
    // Asking for a mode the host lacks is refused everywhere.
    expect((await detectSandbox(policy({ request: 'bwrap', production: false }), nothingWorks)).refusal).toContain('AGENT_SANDBOX=bwrap');
  });

  it('fails runTests non-retryably with SandboxUnavailable, and the analysis completes with the refactor skipped and why', { timeout: 120_000 }, async () => {
    const status = await detectSandbox(policy({}), nothingWorks);
    const box = await sandbox({ sandbox: status });
    const failure = await activityEnvironment().run(agentActivities(box.deps).runTests, { workspacePath: box.repo, label: 'baseline' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: ErrorType.SandboxUnavailable, nonRetryable: true });

    const taskQueue = `${AGENT_TASK_QUEUE}-${randomUUID()}`;
    const worker = await createWorker(env, taskQueue, agentActivities(box.deps));
    const args: CodebaseAnalysisInput = { taskId: `refuse-${randomUUID()}`, repositoryPath: box.repo, files: ['src/utils/api.ts'], targetImprovement: 'security' };
    const result = await worker.runUntil(
      env.client.workflow.execute<typeof codebaseAnalysisWorkflow>(AgentWorkflowType.CodebaseAnalysis, { taskQueue, workflowId: agentAnalysisWorkflowId(args.taskId), args: [args] }),
    );
    expect(result.status).toBe('completed');
    expect(result.batches).toEqual([]);
    expect(result.refactorSkippedReason).toContain('cannot sandbox');
  });
});
