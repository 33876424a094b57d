import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import type { MlTrainingConfig } from '@temporal-ecommerce/contracts/ml';
import type { SpanProgress } from '../../src/activities';
import { fileStore, recordHistory, startTraining, tempDir, uniqueId, withWorker, workflowBundle } from '../helpers/ml';

Runtime.install({ logger: new DefaultLogger('ERROR') });

const PACKAGE_ROOT = path.join(__dirname, '../..');
let env: TestWorkflowEnvironment;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // The child is the real entry point, compiled: what `pnpm --filter ./apps/ml-worker start` runs.
  // Started with NODE_ENV=production it loads the prebundled workflow code, as deployed.
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: PACKAGE_ROOT, stdio: 'inherit' });
  execFileSync(process.execPath, ['dist/scripts/bundle-workflows.js'], { cwd: PACKAGE_ROOT, stdio: 'ignore' });
  env = await createLocalTestEnv();
  await workflowBundle();
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await env?.teardown();
});

function spawnWorker(taskQueue: string, dataDir: string): ChildProcess {
  const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'dist/worker.js')], {
    // Production mode never promotes a build on its own (docs/versioning.md): this run's one build is made current.
    env: { ...process.env, NODE_ENV: 'production', WORKER_DEPLOYMENT_PROMOTE: 'always', TEMPORAL_ADDRESS: env.address, ML_TASK_QUEUE: taskQueue, TEMPORAL_ECOMMERCE_DATA_DIR: dataDir, LOG_LEVEL: 'warn', METRICS_PORT: 'off' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  return child;
}

/** The training activity's last heartbeat as the server holds it (what a retry will be given). */
async function lastHeartbeat(handle: WorkflowHandle): Promise<SpanProgress | undefined> {
  const { raw } = await handle.describe();
  const payload = raw.pendingActivities?.[0]?.heartbeatDetails?.payloads?.[0];
  return payload ? defaultPayloadConverter.fromPayload<SpanProgress>(payload) : undefined;
}

const config = (): MlTrainingConfig => ({
  modelId: uniqueId('synthetic'),
  hyperparameters: { learningRate: 0.005, batchSize: 64, epochs: 30, optimizer: 'AdamW' },
  checkpointInterval: 5,
  reviewInterval: 1000,
  randomSeed: 2024,
  dataset: { name: 'synthetic', samples: 12000, features: 16, classes: 4, noise: 3 },
  model: { hiddenUnits: 32 },
});

describe('worker process killed mid-training', () => {
  it('resumes on a new worker process from the last checkpoint and ends bit-identical to an uninterrupted run', { timeout: 240_000 }, async () => {
    const base = config();
    const uninterrupted = await withWorker(env.nativeConnection, fileStore(), (taskQueue) => startTraining(env.client, taskQueue, base).then((h) => h.result()));

    const taskQueue = uniqueId('ml-kill');
    const dataDir = tempDir('ml-kill-data-');
    const handle = await startTraining(env.client, taskQueue, { ...base, modelId: uniqueId('synthetic-killed') });
    const first = spawnWorker(taskQueue, dataDir);

    let beat: SpanProgress | undefined;
    const deadline = Date.now() + 45_000;
    while (!(beat?.checkpoint && beat.checkpoint.epoch >= 10) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      beat = await lastHeartbeat(handle);
    }
    expect(beat?.checkpoint?.epoch, 'the first worker reported a checkpoint').toBeGreaterThanOrEqual(10);
    expect(beat!.epoch).toBeLessThan(30);
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;

    spawnWorker(taskQueue, dataDir);
    const resumed = await handle.result();
    await recordHistory(handle, 'ml-bounded-worker-killed');

    expect(resumed.status).toBe('completed');
    expect(resumed.recoveries).toHaveLength(1);
    const [recovery] = resumed.recoveries;
    expect(recovery!.attempt).toBe(2);
    expect(recovery!.resumedFromEpoch).toBeGreaterThanOrEqual(beat!.checkpoint!.epoch);
    expect(recovery!.resumedFromEpoch % 5).toBe(0);
    // Only the epochs after the checkpoint were trained again, not the run from epoch 0.
    expect(recovery!.epochsRerun).toBe(recovery!.reachedEpoch - recovery!.resumedFromEpoch);
    expect(recovery!.epochsRerun).toBeLessThan(recovery!.resumedFromEpoch);

    expect(resumed.evaluation!.weightsSha256).toBe(uninterrupted.evaluation!.weightsSha256);
    expect(resumed.metrics).toEqual(uninterrupted.metrics);
    expect(resumed.checkpoints.map((c) => c.epoch)).toEqual(uninterrupted.checkpoints.map((c) => c.epoch));
    expect(resumed.checkpoints.every((c) => c.uri.includes(path.join(dataDir, 'artifacts')))).toBe(true);
    expect(resumed.metrics.at(-1)!.trainLoss).toBeLessThan(resumed.metrics[0]!.trainLoss);
  });
});
