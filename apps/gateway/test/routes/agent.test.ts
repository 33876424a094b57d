import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { AgentWorkflowType } from '@temporal-ecommerce/contracts/agent';
import type { AnalysisStatusResponse, AnalyzeStartResponse, BatchDiffResponse, MultiAgentStatusResponse } from '@temporal-ecommerce/contracts/agent/http';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/env';

// The real agent worker, as a process: the gateway never imports worker code.
const AGENT_WORKER = path.join(path.dirname(require.resolve('@temporal-ecommerce/agent-worker/package.json')), 'dist/worker.js');
const EXAMPLES = path.join(__dirname, '../../../../examples');
const CONFIG = JSON.parse(readFileSync(path.join(EXAMPLES, 'codebase-analysis-config.json'), 'utf8'));

let env: TestWorkflowEnvironment;
let app: FastifyInstance;
let worker: ChildProcess;
let root: string;

beforeAll(async () => {
  if (!existsSync(AGENT_WORKER)) throw new Error(`${AGENT_WORKER} is missing: pnpm turbo run build --filter=@temporal-ecommerce/gateway...`);
  env = await createLocalTestEnv();
  const dir = mkdtempSync(path.join(tmpdir(), 'gateway-agent-'));
  // The allowed root holds a copy of the sample codebase, like examples/ does in a real run.
  root = path.join(dir, 'repos');
  cpSync(path.join(EXAMPLES, 'sample-codebase'), path.join(root, 'sample-codebase'), { recursive: true });
  worker = spawn(process.execPath, [AGENT_WORKER], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: env.namespace ?? 'default',
      TEMPORAL_ECOMMERCE_DATA_DIR: path.join(dir, 'data'),
      // The worker checks the allow-list itself, so it gets the same root as the gateway.
      AGENT_REPOSITORY_ROOTS: root,
      AGENT_FILE_DELAY_MS: '150',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    worker.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('"worker started"')) resolve();
    });
    worker.once('exit', (code) => reject(new Error(`agent worker exited early (${code}):\n${out}`)));
  });
  const config = loadConfig({ TEMPORAL_ADDRESS: env.address, PORT: '0', AGENT_REPOSITORY_ROOTS: root });
  app = await buildApp({ config, client: env.client });
  await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app?.close();
  if (worker && worker.exitCode === null) {
    worker.kill('SIGTERM');
    await once(worker, 'exit');
  }
  await env?.teardown();
});

const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });
const status = async (workflowId: string) => (await app.inject({ method: 'GET', url: `/api/agent/analyze/${workflowId}` })).json<AnalysisStatusResponse>();

async function waitFor(workflowId: string, predicate: (s: AnalysisStatusResponse) => boolean, what: string): Promise<AnalysisStatusResponse> {
  for (let i = 0; i < 600; i++) {
    const s = await status(workflowId);
    if (predicate(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('POST /api/agent/analyze and the approval flow', () => {
  it('starts the README example, streams progress, answers 409 to approvals nobody awaits, and refactors after the plan is approved', { timeout: 150_000 }, async () => {
    const taskId = `analysis-${randomUUID().slice(0, 8)}`;
    const started = await post('/api/agent/analyze', { ...CONFIG, taskId });
    expect(started.statusCode).toBe(201);
    const body = started.json<AnalyzeStartResponse>();
    expect(body).toMatchObject({ taskId, workflowId: `agent-analysis-${taskId}`, message: 'Codebase analysis started' });
    expect(body.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.uiLink).toBe(`http://localhost:8233/namespaces/default/workflows/agent-analysis-${taskId}/${body.runId}/history`);

    expect((await post('/api/agent/analyze', { ...CONFIG, taskId })).statusCode).toBe(409);
    const early = await post(`/api/agent/analyze/${body.workflowId}/approve-plan`, { approved: true });
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/No plan approval is pending/);
    expect((await post(`/api/agent/analyze/${body.workflowId}/approve-budget`, { approved: true, newBudget: 9 })).statusCode).toBe(409);

    // The live view: progress events while files are analysed, up to the plan gate.
    const abort = new AbortController();
    const res = await fetch(`http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/agent/analyze/${body.workflowId}/events`, { signal: abort.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('"status":"awaiting_plan_approval"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    abort.abort();
    const events = text.split('\n\n').filter((e) => e.split('\n').includes('event: progress'));
    const counts = events.map((e) => (JSON.parse(e.slice(e.indexOf('data: ') + 6)) as AnalysisStatusResponse).filesAnalyzed);
    expect(counts.length).toBeGreaterThan(2);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBe(20);

    const waiting = await status(body.workflowId);
    expect(waiting).toMatchObject({ taskId, status: 'awaiting_plan_approval', currentStage: 'plan-approval', filesAnalyzed: 20, totalFiles: 20, budget: 5 });
    expect(waiting.budgetRemaining).toBeCloseTo(5 - waiting.costSoFar, 6);
    expect(waiting.issues[0]).toMatchObject({ severity: 'critical', type: 'security-risk' });
    expect(waiting.strategy).toBe('security-focused');

    const approved = await post(`/api/agent/analyze/${body.workflowId}/approve-plan`, { approved: true, approvedBy: 'senior-engineer@company.com', reason: 'Plan looks good' });
    expect(approved.statusCode).toBe(200);
    expect(['refactoring', 'testing']).toContain(approved.json<AnalysisStatusResponse>().status);

    const done = await waitFor(body.workflowId, (s) => s.status === 'completed', 'the refactor');
    expect(done.batches.map((b) => b.status)).toContain('rolled_back');
    expect(done.batches.map((b) => b.status)).toContain('applied');
    expect((await post(`/api/agent/analyze/${body.workflowId}/approve-plan`, { approved: true })).statusCode).toBe(409);

    // Each batch's diff, applied or rolled back, read from the worker's store by a short workflow: the lines it changed, per file.
    for (const batch of done.batches.filter((b) => b.filesChanged.length > 0)) {
      const res = await app.inject({ method: 'GET', url: `/api/agent/analyze/${body.workflowId}/batches/${batch.batchId}/diff` });
      expect(res.statusCode, batch.batchId).toBe(200);
      const diff = res.json<BatchDiffResponse>();
      expect(diff.files.map((f) => f.file)).toEqual(batch.filesChanged);
      expect(diff.truncated).toBe(false);
      expect(diff.bytes).toBe(Buffer.byteLength(diff.diff));
      for (const file of batch.filesChanged) expect(diff.diff).toContain(`--- a/${file}\n+++ b/${file}\n@@ -`);
      expect(diff.diff.split('\n').filter((l) => /^[-+](?![-+]{2} [ab]\/)/.test(l)).length).toBe(diff.files.reduce((n, f) => n + f.added + f.removed, 0));
    }
    const applied = done.batches.find((b) => b.status === 'applied' && b.filesChanged.length > 0)!;
    const appliedDiff = (await app.inject({ method: 'GET', url: `/api/agent/analyze/${body.workflowId}/batches/${applied.batchId}/diff` })).json<BatchDiffResponse>();
    // An applied batch's added lines are in the working copy now.
    const added = appliedDiff.diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++ ')).map((l) => l.slice(1));
    const workspace = readFileSync(path.join(done.workspacePath!, applied.filesChanged[0]!), 'utf8');
    expect(added.length).toBeGreaterThan(0);
    for (const line of added.filter((l) => l.trim().length > 0)) expect(workspace).toContain(line);
    const unknownBatch = await app.inject({ method: 'GET', url: `/api/agent/analyze/${body.workflowId}/batches/batch-999/diff` });
    expect(unknownBatch.statusCode).toBe(404);
    expect(unknownBatch.json().message).toMatch(/no diff for batch batch-999/);
  });

  it('pauses on the budget: 400 without a new budget, then a rejection cancels the run', async () => {
    const taskId = `budget-${randomUUID().slice(0, 8)}`;
    const started = await post('/api/agent/analyze', { taskId, repositoryPath: 'sample-codebase', files: ['src/utils/api.ts', 'src/models/User.ts'], budget: 0.0001 });
    expect(started.statusCode).toBe(201);
    const { workflowId } = started.json<AnalyzeStartResponse>();
    await waitFor(workflowId, (s) => s.status === 'awaiting_budget_approval', 'the budget gate');
    const noBudget = await post(`/api/agent/analyze/${workflowId}/approve-budget`, { approved: true });
    expect(noBudget.statusCode).toBe(400);
    expect(noBudget.json().message).toMatch(/newBudget/);
    const rejected = await post(`/api/agent/analyze/${workflowId}/approve-budget`, { approved: false, reason: 'too expensive' });
    expect(rejected.statusCode).toBe(200);
    expect(rejected.json<AnalysisStatusResponse>()).toMatchObject({ status: 'cancelled', cancelReason: 'budget increase rejected: too expensive' });
    const final = await waitFor(workflowId, (s) => s.currentStage === 'done', 'the report');
    expect(final.status).toBe('cancelled');
  });

  it('rejects bad requests with 400 naming the field, and unknown analyses with 404', async () => {
    const cases: [object, RegExp][] = [
      [{ ...CONFIG, repositoryPath: '/etc' }, /body\/repositoryPath must be under/],
      [{ ...CONFIG, repositoryPath: '../../' }, /body\/repositoryPath must be under/],
      [{ ...CONFIG, repositoryPath: 'no-such-repo' }, /body\/repositoryPath no-such-repo is not an existing directory/],
      [{ ...CONFIG, files: ['src/missing.ts'] }, /body\/files\/0 \(src\/missing.ts\) is not a file/],
      [{ ...CONFIG, files: ['../secret.ts'] }, /body\/files\/0/],
      [{ ...CONFIG, budget: -1 }, /body\/budget/],
      [{ ...CONFIG, colour: 'red' }, /body\/colour is not allowed/],
      [{ repositoryPath: 'sample-codebase' }, /body\/taskId is required/],
    ];
    for (const [payload, message] of cases) {
      const res = await post('/api/agent/analyze', payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().message).toMatch(message);
    }
    expect((await app.inject({ method: 'GET', url: '/api/agent/analyze/agent-analysis-never-started' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/agent/analyze/order-order-001' })).statusCode).toBe(404);
    expect((await post('/api/agent/analyze/agent-analysis-never-started/approve-plan', { approved: true })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/agent/analyze/agent-analysis-never-started/events' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/agent/analyze/agent-analysis-never-started/batches/batch-1/diff' })).statusCode).toBe(404);
    const badBatch = await app.inject({ method: 'GET', url: '/api/agent/analyze/agent-analysis-never-started/batches/..%2Fx/diff' });
    expect(badBatch.statusCode).toBe(400);
    expect(badBatch.json().message).toMatch(/params\/batchId/);
  });
});

describe('an analysis no worker serves', () => {
  it('answers 503 saying no agent worker answered, instead of hanging or blaming the server', async () => {
    // Started on a queue nobody polls: the same situation as the agent worker being down.
    const workflowId = `agent-analysis-orphan-${randomUUID().slice(0, 8)}`;
    await env.client.workflow.start(AgentWorkflowType.CodebaseAnalysis, { taskQueue: `nobody-${randomUUID()}`, workflowId, args: [{ taskId: 'orphan', repositoryPath: root }] });
    const res = await app.inject({ method: 'GET', url: `/api/agent/analyze/${workflowId}` });
    expect(res.statusCode).toBe(503);
    expect(res.json().message).toMatch(/No agent worker answered/);
    await env.client.workflow.getHandle(workflowId).terminate('test over');
  });
});

describe('POST /api/agent/multi-agent', () => {
  it('runs the specialists as child workflows and reports each one', async () => {
    const projectName = `my-app-${randomUUID().slice(0, 8)}`;
    const started = await post('/api/agent/multi-agent', { projectName, requirements: ['security', 'performance', 'maintainability'], files: ['src/pages/Dashboard.tsx', 'src/models/User.ts'] });
    expect(started.statusCode).toBe(201);
    const { workflowId } = started.json();
    expect(workflowId).toBe(`multi-agent-${projectName}`);
    let result: MultiAgentStatusResponse | undefined;
    for (let i = 0; i < 300 && result?.status !== 'completed'; i++) {
      result = (await app.inject({ method: 'GET', url: `/api/agent/multi-agent/${workflowId}` })).json<MultiAgentStatusResponse>();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(result!.status).toBe('completed');
    expect(result!.specialists.map((s) => [s.kind, s.status])).toEqual([
      ['architecture', 'completed'],
      ['security', 'completed'],
      ['performance', 'completed'],
    ]);
    expect((await post('/api/agent/multi-agent', { projectName, requirements: [] })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/agent/multi-agent/multi-agent-unknown' })).statusCode).toBe(404);
  });
});
