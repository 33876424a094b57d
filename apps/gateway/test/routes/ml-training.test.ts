import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import {
  ML_TASK_QUEUE,
  merkleRoot,
  type AuditReport,
  type CheckpointsPage,
  type MetricsPage,
  type MlTrainingConfig,
  type MlTrainingProgress,
  type MlTrainingState,
} from '@temporal-ecommerce/contracts/ml';
import { buildApp } from '../../src/app';
import { testConfig } from '../helpers';

const ML_WORKER = path.join(path.dirname(require.resolve('@temporal-ecommerce/ml-worker/package.json')), 'dist/worker.js');
const EXAMPLE = path.join(__dirname, '../../../../examples/ml-training-config.json');

let env: TestWorkflowEnvironment;
let app: FastifyInstance;
let worker: ChildProcess;

/** The real ML worker process (built by turbo before this package's tests), polling the real queue. */
async function startMlWorker(address: string): Promise<ChildProcess> {
  if (!existsSync(ML_WORKER)) throw new Error(`${ML_WORKER} is missing: build @temporal-ecommerce/ml-worker first`);
  const child = spawn(process.execPath, [ML_WORKER], {
    env: { ...process.env, TEMPORAL_ADDRESS: address, ML_TASK_QUEUE, TEMPORAL_ECOMMERCE_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'gw-ml-')), LOG_LEVEL: 'info', METRICS_PORT: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('worker started')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`ml-worker exited (${code}) before it started:\n${out}`)));
  });
  child.stdout!.resume();
  return child;
}

beforeAll(async () => {
  env = await createLocalTestEnv();
  worker = await startMlWorker(env.address);
  app = await buildApp({ config: testConfig(env.address), client: env.client });
});

afterAll(async () => {
  await app?.close();
  worker?.kill('SIGTERM');
  await env?.teardown();
});

let seq = 0;
const config = (overrides: Partial<MlTrainingConfig> = {}): MlTrainingConfig => ({
  modelId: `gw-model-${process.pid}-${++seq}`,
  hyperparameters: { learningRate: 0.01, batchSize: 16, epochs: 10, optimizer: 'AdamW' },
  checkpointInterval: 5,
  reviewInterval: 5,
  reviewTimeoutSeconds: 600,
  randomSeed: 7,
  model: { hiddenUnits: 8 },
  ...overrides,
});

async function start(body: unknown): Promise<{ workflowId: string; runId: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/ml-training', payload: body as object });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function progress(workflowId: string): Promise<MlTrainingState> {
  const res = await app.inject({ method: 'GET', url: `/api/ml-training/${workflowId}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function waitUntil(workflowId: string, done: (s: MlTrainingState) => boolean): Promise<MlTrainingState> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = await progress(workflowId);
    if (done(state)) return state;
    if (Date.now() > deadline) throw new Error(`timed out; status ${state.status} at epoch ${state.currentEpoch}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const decide = (workflowId: string, payload: object) => app.inject({ method: 'POST', url: `/api/ml-training/${workflowId}/decision`, payload });

describe('ML training API', () => {
  it('starts a run with the README response and reports its progress', async () => {
    const body = config();
    const res = await app.inject({ method: 'POST', url: '/api/ml-training', payload: body });
    expect(res.statusCode).toBe(201);
    const started = res.json();
    expect(started).toEqual({
      modelId: body.modelId,
      workflowId: expect.stringMatching(new RegExp(`^ml-training-${body.modelId}-\\d{13}$`)),
      runId: expect.any(String),
      message: 'ML training started successfully',
      uiLink: expect.stringContaining(`/namespaces/default/workflows/${started.workflowId}`),
    });

    const atReview = await waitUntil(started.workflowId, (s) => s.status === 'awaiting_decision');
    expect(atReview).toMatchObject({ modelId: body.modelId, currentEpoch: 5, totalEpochs: 10, awaitingDecision: { epoch: 5 } });
    expect(atReview.currentLoss).toEqual(expect.any(Number));
    expect(atReview.bestLoss).toBeLessThanOrEqual(atReview.currentLoss!);
    expect(atReview.checkpoints).toEqual([
      { checkpointId: expect.stringMatching(/^chk_[0-9a-f]{12}$/), epoch: 5, loss: expect.any(Number), uri: expect.stringMatching(/^file:\/\//), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), sizeBytes: expect.any(Number), trigger: 'interval' },
    ]);
    expect(atReview.merkleRoot).toMatch(/^[0-9a-f]{64}$/);

    const stop = await decide(started.workflowId, { action: 'stop', reason: 'Model has converged', author: 'alice' });
    expect(stop.statusCode).toBe(200);
    const final = await waitUntil(started.workflowId, (s) => s.status === 'stopped');
    expect(final.decisions).toEqual([expect.objectContaining({ epoch: 5, action: 'stop', reason: 'Model has converged', author: 'alice' })]);
    expect(final.evaluation).toMatchObject({ split: 'test', accuracy: expect.any(Number) });
  });

  it('takes an adjust decision at a review, then answers 409 when no review waits and 400 for bad hyperparameters', async () => {
    const { workflowId } = await start(config());
    await waitUntil(workflowId, (s) => s.status === 'awaiting_decision');

    const negative = await decide(workflowId, { action: 'adjust', reason: 'x', newHyperparameters: { learningRate: -0.1 } });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().message).toContain('body/newHyperparameters/learningRate');
    const empty = await decide(workflowId, { action: 'adjust', reason: 'nothing to adjust' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('newHyperparameters');
    const pastEnd = await decide(workflowId, { action: 'adjust', reason: 'x', newHyperparameters: { epochs: 3 } });
    expect(pastEnd.statusCode).toBe(400);
    expect(pastEnd.json().message).toContain('newHyperparameters.epochs');

    const adjust = await decide(workflowId, {
      action: 'adjust',
      reason: 'Learning rate too high',
      newHyperparameters: { learningRate: 0.00005, batchSize: 32, epochs: 10, optimizer: 'AdamW' },
    });
    expect(adjust.statusCode).toBe(200);
    expect(adjust.json()).toMatchObject({ workflowId, accepted: true, epoch: 5, action: 'adjust' });

    const again = await decide(workflowId, { action: 'continue', reason: 'Loss is decreasing steadily' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/no review is waiting/);

    const final = await waitUntil(workflowId, (s) => s.status === 'completed');
    expect(final.hyperparameters).toMatchObject({ learningRate: 0.00005, batchSize: 32 });
    expect(final.metrics.slice(5).every((m) => m.learningRate === 0.00005)).toBe(true);
    const afterEnd = await decide(workflowId, { action: 'continue', reason: 'late' });
    expect(afterEnd.statusCode).toBe(409);
  });

  it('reports live progress from the training heartbeat while a long span runs', async () => {
    const { workflowId } = await start(
      config({
        reviewInterval: 1000,
        checkpointInterval: 3,
        hyperparameters: { learningRate: 0.003, batchSize: 64, epochs: 200, optimizer: 'Adam' },
        dataset: { name: 'synthetic', samples: 8000, features: 16, classes: 4 },
        model: { hiddenUnits: 32 },
      }),
    );
    const midSpan = await waitUntil(workflowId, (s) => s.status === 'training' && (s as MlTrainingProgress).live !== null && (s as MlTrainingProgress).live!.pendingCheckpoints.length > 0);
    const { live } = midSpan as MlTrainingProgress;
    expect(live!.attempt).toBe(1);
    expect(midSpan.currentEpoch).toBe(live!.epoch);
    expect(midSpan.currentEpoch).toBeGreaterThan(0);
    expect(midSpan.currentLoss).toBe(live!.loss);
    // Not yet in the workflow's chain: the span has not ended.
    expect(midSpan.checkpoints).toEqual([]);
    expect(live!.pendingCheckpoints[0]).toMatchObject({ epoch: 3, trigger: 'interval' });
    await env.client.workflow.getHandle(workflowId).terminate('enough');
  });

  it('audits the checkpoints of a run and names a tampered file', async () => {
    const { workflowId } = await start(config({ reviewInterval: 100, checkpointInterval: 2 }));
    const final = await waitUntil(workflowId, (s) => s.status === 'completed');

    const clean = await app.inject({ method: 'GET', url: `/api/ml-training/${workflowId}/audit` });
    expect(clean.statusCode).toBe(200);
    const report: AuditReport = clean.json();
    expect(report).toMatchObject({ workflowId, verified: true, problems: [], merkleRoot: { recorded: final.merkleRoot, ok: true } });
    expect(report.checked).toBe(5);
    expect(report.checkpoints).toEqual([]);

    const victim = final.checkpoints[2]!;
    const file = fileURLToPath(victim.uri);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0x01;
    writeFileSync(file, bytes);
    const tampered: AuditReport = (await app.inject({ method: 'GET', url: `/api/ml-training/${workflowId}/audit` })).json();
    expect(tampered.verified).toBe(false);
    expect(tampered.checkpoints).toEqual([expect.objectContaining({ checkpointId: victim.checkpointId, epoch: victim.epoch, status: 'tampered' })]);
    expect(tampered.problems).toEqual([expect.stringContaining(victim.checkpointId)]);
  });

  it.each([
    ['a negative learning rate', { hyperparameters: { learningRate: -0.1, batchSize: 16, epochs: 10, optimizer: 'Adam' } }, 'body/hyperparameters/learningRate'],
    ['zero epochs', { hyperparameters: { learningRate: 0.1, batchSize: 16, epochs: 0, optimizer: 'Adam' } }, 'body/hyperparameters/epochs'],
    ['an unknown optimizer', { hyperparameters: { learningRate: 0.1, batchSize: 16, epochs: 10, optimizer: 'RMSprop' } }, 'body/hyperparameters/optimizer must be one of SGD, Adam, AdamW'],
    ['a zero checkpoint interval', { checkpointInterval: 0 }, 'body/checkpointInterval'],
    ['splits that leave no training data', { validationSplit: 0.5, testSplit: 0.5 }, 'body/testSplit'],
    ['an unknown field', { learningRateSchedule: 'cosine' }, 'body/learningRateSchedule is not allowed'],
    ['a data set of more than 2,000,000 cells', { dataset: { name: 'synthetic', samples: 400_000, features: 8 } }, 'body/dataset/samples samples × features must be at most 2000000'],
    ['a batch larger than 4096', { hyperparameters: { learningRate: 0.1, batchSize: 5000, epochs: 10, optimizer: 'Adam' } }, 'body/hyperparameters/batchSize'],
    ['more than 1000 epochs per run', { epochsPerRun: 1001 }, 'body/epochsPerRun'],
    ['more hidden units than 1024', { model: { hiddenUnits: 2048 } }, 'body/model/hiddenUnits'],
    [
      'checkpoints that would fill the disk',
      { dataset: { name: 'synthetic', samples: 2000, features: 512 }, model: { hiddenUnits: 1024 }, checkpointInterval: 1, hyperparameters: { learningRate: 0.1, batchSize: 16, epochs: 1000, optimizer: 'Adam' } },
      'body/checkpointInterval too many checkpoints',
    ],
  ])('answers 400 naming the field for %s', async (_name, overrides, field) => {
    const res = await app.inject({ method: 'POST', url: '/api/ml-training', payload: { ...config(), ...overrides } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(field);
  });

  it('pages every epoch and checkpoint of a finished run from the ML worker, and answers 400 for a bad page size', async () => {
    const { workflowId } = await start(config({ reviewInterval: 1000, checkpointInterval: 1, hyperparameters: { learningRate: 0.01, batchSize: 16, epochs: 60, optimizer: 'Adam' }, model: { hiddenUnits: 0 } }));
    const final = await waitUntil(workflowId, (s) => s.status === 'completed');
    expect(final.metrics).toHaveLength(50);
    expect(final.checkpoints).toHaveLength(10);
    expect(final.checkpointCount).toBe(60);

    const pages: MetricsPage[] = [];
    for (let cursor: number | null = 0; cursor !== null; ) {
      const res = await app.inject({ method: 'GET', url: `/api/ml-training/${workflowId}/metrics?cursor=${cursor}&limit=25` });
      expect(res.statusCode, res.body).toBe(200);
      const page: MetricsPage = res.json();
      pages.push(page);
      cursor = page.nextCursor;
    }
    expect(pages.map((p) => p.items.length)).toEqual([25, 25, 10]);
    expect(pages.flatMap((p) => p.items.map((m) => m.epoch))).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(pages.flatMap((p) => p.items).slice(-50)).toEqual(final.metrics);

    const checkpoints = await app.inject({ method: 'GET', url: `/api/ml-training/${workflowId}/checkpoints?limit=500` });
    expect(checkpoints.statusCode).toBe(200);
    const page: CheckpointsPage = checkpoints.json();
    expect(page).toMatchObject({ workflowId, nextCursor: null });
    expect(page.items.map((c) => c.epoch)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(merkleRoot(page.items.map((c) => c.sha256))).toBe(final.merkleRoot);

    const tooMany = await app.inject({ method: 'GET', url: `/api/ml-training/${workflowId}/metrics?limit=501` });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toContain('querystring/limit');
    const negative = await app.inject({ method: 'GET', url: `/api/ml-training/${workflowId}/checkpoints?cursor=-1` });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().message).toContain('querystring/cursor');
  });

  it('answers 404 for an unknown training run on every route', async () => {
    for (const id of ['ml-training-nope-1', 'order-123']) {
      expect((await app.inject({ method: 'GET', url: `/api/ml-training/${id}` })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `/api/ml-training/${id}/audit` })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `/api/ml-training/${id}/metrics` })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: `/api/ml-training/${id}/checkpoints` })).statusCode).toBe(404);
      expect((await decide(id, { action: 'continue', reason: 'x' })).statusCode).toBe(404);
    }
  });

  it('accepts examples/ml-training-config.json', async () => {
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    const { workflowId } = await start(example);
    expect(workflowId).toMatch(/^ml-training-claude-3-sonnet-training-001-\d+$/);
    await env.client.workflow.getHandle(workflowId).terminate('example accepted; not run to the end in tests');
  });
});
