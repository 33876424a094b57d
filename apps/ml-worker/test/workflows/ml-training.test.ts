import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import {
  MlWorkflowType,
  hashToSeed,
  merkleRoot,
  mlAuditWorkflowId,
  mlDecisionUpdate,
  mlTrainingStateQuery,
  type AuditReport,
  type MlTrainingState,
} from '@temporal-ecommerce/contracts/ml';
import { FileArtifactStore, type ArtifactStore } from '../../src/activities';
import type { auditCheckpointsWorkflow } from '../../src/workflows';
import { fileStore, irisConfig, recordHistory, startTraining, uniqueId, waitForReview, waitForStatus, withWorker, workflowBundle } from '../helpers/ml';

Runtime.install({ logger: new DefaultLogger('ERROR') });

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createLocalTestEnv();
  await workflowBundle();
});

afterAll(async () => {
  await env?.teardown();
});

async function rejection(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

describe('mlTrainingWorkflow', () => {
  it('trains iris to the end: loss falls, checkpoints every interval, Merkle root over their hashes, held-out evaluation', async () => {
    const store = fileStore();
    const final = await withWorker(env.nativeConnection, store, async (taskQueue) => {
      const handle = await startTraining(env.client, taskQueue, irisConfig({ hyperparameters: { learningRate: 0.01, batchSize: 16, epochs: 30, optimizer: 'Adam' }, checkpointInterval: 10 }));
      const result = await handle.result();
      await recordHistory(handle, 'ml-bounded-completed');
      return result;
    });
    expect(final.status).toBe('completed');
    expect(final.currentEpoch).toBe(30);
    expect(final.metrics.map((m) => m.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(final.metrics[29]!.trainLoss).toBeLessThan(final.metrics[0]!.trainLoss / 2);
    expect(final.bestLoss).toBe(Math.min(...final.metrics.map((m) => m.validationLoss)));
    expect(final.checkpoints.map((c) => c.epoch)).toEqual([10, 20, 30]);
    expect(final.merkleRoot).toBe(merkleRoot(final.checkpoints.map((c) => c.sha256)));
    for (const c of final.checkpoints) expect(c.uri.startsWith(`file://${(store as FileArtifactStore).root}`)).toBe(true);
    expect(final.evaluation).toMatchObject({ split: 'test', samples: 30 });
    expect(final.evaluation!.accuracy).toBeGreaterThan(0.8);
  });

  it('ends with bit-identical weights for the same seed, different ones for another seed, and seeds from the workflow id by default', async () => {
    const store = fileStore();
    const results = await withWorker(env.nativeConnection, store, async (taskQueue) => {
      const base = irisConfig();
      const runs = [base, { ...base, modelId: uniqueId('iris-twin') }, { ...base, modelId: uniqueId('iris-other'), randomSeed: 43 }];
      const handles = await Promise.all(runs.map((c) => startTraining(env.client, taskQueue, c)));
      const unseeded = await startTraining(env.client, taskQueue, { ...base, randomSeed: undefined }, uniqueId('ml-training-unseeded'));
      return { runs: await Promise.all(handles.map((h) => h.result())), unseeded: await unseeded.result(), unseededId: unseeded.workflowId };
    });
    const [a, twin, other] = results.runs as [MlTrainingState, MlTrainingState, MlTrainingState];
    expect(a.evaluation!.weightsSha256).toBe(twin.evaluation!.weightsSha256);
    expect(a.metrics).toEqual(twin.metrics);
    expect(other.evaluation!.weightsSha256).not.toBe(a.evaluation!.weightsSha256);
    expect(results.unseeded.seed).toBe(hashToSeed(results.unseededId));
  });

  it('applies an adjust decision from the next epoch and rejects a second decision for the same review', async () => {
    const store = fileStore();
    const final = await withWorker(env.nativeConnection, store, async (taskQueue) => {
      const handle = await startTraining(env.client, taskQueue, irisConfig({ reviewInterval: 5, hyperparameters: { learningRate: 0.01, batchSize: 16, epochs: 10, optimizer: 'Adam' } }));
      const atReview = await waitForStatus(handle, 'awaiting_decision');
      expect(atReview.currentEpoch).toBe(5);
      expect(atReview.awaitingDecision?.epoch).toBe(5);

      const invalid = await rejection(handle.executeUpdate(mlDecisionUpdate, { args: [{ action: 'adjust', reason: 'bad', newHyperparameters: { learningRate: -1 } }] }));
      expect(invalid.type).toBe(ErrorType.InvalidRequest);
      expect(invalid.message).toContain('newHyperparameters.learningRate');

      const accepted = await handle.executeUpdate(mlDecisionUpdate, {
        args: [{ action: 'adjust', reason: 'Learning rate too high', author: 'dr-smith', newHyperparameters: { learningRate: 0.002, epochs: 14, optimizer: 'SGD' } }],
      });
      expect(accepted).toMatchObject({ accepted: true, epoch: 5, action: 'adjust' });
      const late = await rejection(handle.executeUpdate(mlDecisionUpdate, { args: [{ action: 'stop', reason: 'too late' }] }));
      expect(late.type).toBe(ErrorType.NotAwaiting);
      await waitForReview(handle, 10);
      await handle.executeUpdate(mlDecisionUpdate, { args: [{ action: 'continue', reason: 'Loss is decreasing steadily', author: 'dr-smith' }] });
      const result = await handle.result();
      await recordHistory(handle, 'ml-bounded-adjust');
      return result;
    });
    expect(final.status).toBe('completed');
    expect(final.totalEpochs).toBe(14);
    expect(final.currentEpoch).toBe(14);
    expect(final.metrics.slice(0, 5).every((m) => m.learningRate === 0.01)).toBe(true);
    expect(final.metrics.slice(5).every((m) => m.learningRate === 0.002)).toBe(true);
    expect(final.hyperparameters).toMatchObject({ learningRate: 0.002, epochs: 14, optimizer: 'SGD', batchSize: 16 });
    expect(final.decisions).toEqual([
      expect.objectContaining({ epoch: 5, action: 'adjust', reason: 'Learning rate too high', author: 'dr-smith', timedOut: false }),
      expect.objectContaining({ epoch: 10, action: 'continue', timedOut: false }),
    ]);
    expect(final.decisions[0]!.hyperparameters).toMatchObject({ learningRate: 0.002, epochs: 14, optimizer: 'SGD' });
  });

  it('stops early on a stop decision, evaluates, and answers a decision nobody waits for with NotAwaiting', async () => {
    const store = fileStore();
    const { final, afterEnd } = await withWorker(env.nativeConnection, store, async (taskQueue) => {
      const handle = await startTraining(env.client, taskQueue, irisConfig({ reviewInterval: 4, reviewTimeoutSeconds: 600 }));
      await waitForStatus(handle, 'awaiting_decision');
      await handle.executeUpdate(mlDecisionUpdate, { args: [{ action: 'stop', reason: 'Model has converged', author: 'alice' }] });
      const final = await handle.result();
      await recordHistory(handle, 'ml-bounded-stop');
      const afterEnd = await handle.executeUpdate(mlDecisionUpdate, { args: [{ action: 'continue', reason: 'x' }] }).then(() => undefined, (e: unknown) => e);
      return { final, afterEnd };
    });
    expect(final.status).toBe('stopped');
    expect(final.currentEpoch).toBe(4);
    expect(final.totalEpochs).toBe(12);
    expect(final.decisions).toEqual([expect.objectContaining({ epoch: 4, action: 'stop', author: 'alice', timedOut: false })]);
    expect(final.evaluation).not.toBeNull();
    expect(afterEnd).toBeInstanceOf(Error);
  });

  it('continues by default when the review times out', async () => {
    const store = fileStore();
    const final = await withWorker(env.nativeConnection, store, (taskQueue) =>
      startTraining(env.client, taskQueue, irisConfig({ reviewInterval: 6, reviewTimeoutSeconds: 1 })).then((h) => h.result()),
    );
    expect(final.status).toBe('completed');
    expect(final.decisions).toEqual([expect.objectContaining({ epoch: 6, action: 'continue', author: 'system', timedOut: true })]);
  });

  it('continues as new every epochsPerRun epochs, carrying checkpoints, generator and decisions, and ends bit-identical', async () => {
    const store = fileStore();
    const { chained, straight, firstRunStatus } = await withWorker(env.nativeConnection, store, async (taskQueue) => {
      const config = irisConfig({ epochsPerRun: 4, reviewInterval: 4, reviewTimeoutSeconds: 600, checkpointInterval: 2 });
      const handle = await startTraining(env.client, taskQueue, config);
      // The review at epoch 4 coincides with the first continue-as-new: the decision must survive it.
      await waitForReview(handle, 4);
      await handle.executeUpdate(mlDecisionUpdate, { args: [{ action: 'continue', reason: 'fine', author: 'bob' }] });
      await waitForReview(handle, 8);
      await handle.executeUpdate(mlDecisionUpdate, { args: [{ action: 'continue', reason: 'still fine' }] });
      const chained = await handle.result();
      await recordHistory(handle, 'ml-bounded-continue-as-new');
      const firstRun = await env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
      const straightHandle = await startTraining(env.client, taskQueue, { ...config, modelId: uniqueId('iris-straight'), epochsPerRun: 100, reviewInterval: 1000 });
      return { chained, straight: await straightHandle.result(), firstRunStatus: firstRun.status.name };
    });
    expect(firstRunStatus).toBe('CONTINUED_AS_NEW');
    expect(chained.continuedAsNew).toBe(2);
    expect(chained.currentEpoch).toBe(12);
    expect(chained.metrics.map((m) => m.epoch)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(chained.decisions.map((d) => [d.epoch, d.author])).toEqual([[4, 'bob'], [8, 'anonymous']]);
    expect(chained.checkpoints.map((c) => c.epoch)).toEqual([2, 4, 6, 8, 10, 12]);
    expect(chained.merkleRoot).toBe(merkleRoot(chained.checkpoints.map((c) => c.sha256)));
    expect(chained.evaluation!.weightsSha256).toBe(straight.evaluation!.weightsSha256);
  });

  it('resumes from the last checkpoint when the training activity fails mid-span, and ends bit-identical', async () => {
    const healthy = fileStore();
    // Fails the third checkpoint write once: the attempt dies after heartbeating checkpoint 2.
    let puts = 0;
    const flaky: ArtifactStore = {
      get: (uri) => healthy.get(uri),
      put: async (key, bytes) => {
        if (++puts === 3) throw new Error('disk full (injected)');
        return healthy.put(key, bytes);
      },
    };
    const config = irisConfig({ checkpointInterval: 2 });
    const resumed = await withWorker(env.nativeConnection, flaky, (taskQueue) => startTraining(env.client, taskQueue, config).then((h) => h.result()));
    const straight = await withWorker(env.nativeConnection, fileStore(), (taskQueue) =>
      startTraining(env.client, taskQueue, { ...config, modelId: uniqueId('iris-straight') }).then((h) => h.result()),
    );
    expect(resumed.recoveries).toEqual([{ attempt: 2, resumedFromEpoch: 4, reachedEpoch: 5, epochsRerun: 1 }]);
    expect(resumed.evaluation!.weightsSha256).toBe(straight.evaluation!.weightsSha256);
    expect(resumed.metrics).toEqual(straight.metrics);
  });

  it.each([
    ['a zero checkpoint interval', irisConfig({ checkpointInterval: 0 }), 'checkpointInterval must be a positive integer'],
    ['gigabytes of data set', irisConfig({ dataset: { name: 'synthetic', samples: 1_000_000, features: 512 } }), 'dataset.samples samples × features must be at most 2000000'],
    ['a hidden layer over the limit', irisConfig({ model: { hiddenUnits: 100_000 } }), 'model.hiddenUnits must be an integer in [0, 1024]'],
    ['a batch over the limit', irisConfig({ hyperparameters: { learningRate: 0.01, batchSize: 1_000_000, epochs: 5, optimizer: 'Adam' } }), 'hyperparameters.batchSize'],
  ])('fails a config with %s, started directly on Temporal, with a non-retryable InvalidRequest naming the field', async (_name, config, message) => {
    const err = await withWorker(env.nativeConnection, fileStore(), (taskQueue) =>
      startTraining(env.client, taskQueue, config).then((h) => h.result()).then(() => undefined, (e: unknown) => e),
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    const cause = (err as WorkflowFailedError).cause as ApplicationFailure;
    expect(cause.type).toBe(ErrorType.InvalidRequest);
    expect(cause.nonRetryable).toBe(true);
    expect(cause.message).toContain(message);
  });
});

describe('auditCheckpointsWorkflow', () => {
  it('verifies a finished run, then names the tampered and the missing checkpoint', async () => {
    const store = fileStore();
    const { clean, broken, tampered, removed } = await withWorker(env.nativeConnection, store, async (taskQueue) => {
      const handle = await startTraining(env.client, taskQueue, irisConfig({ checkpointInterval: 3 }));
      await handle.result();
      const state = await handle.query(mlTrainingStateQuery);
      const audit = () =>
        env.client.workflow.execute<typeof auditCheckpointsWorkflow>(MlWorkflowType.AuditCheckpoints, {
          taskQueue,
          workflowId: mlAuditWorkflowId(handle.workflowId, uniqueId('a')),
          args: [{ trainingWorkflowId: handle.workflowId, storeKey: state.historyStoreKey!, merkleRoot: state.merkleRoot }],
        });
      const clean: AuditReport = await audit();
      const [tampered, removed] = state.checkpoints;
      writeFileSync(fileURLToPath(tampered!.uri), Buffer.from('not the checkpoint'));
      rmSync(fileURLToPath(removed!.uri));
      return { clean, broken: await audit(), tampered: tampered!, removed: removed! };
    });
    expect(clean.verified).toBe(true);
    expect(clean.checked).toBe(4);
    expect(clean.checkpoints).toEqual([]);
    expect(broken.verified).toBe(false);
    expect(broken.merkleRoot.ok).toBe(false);
    expect(broken.checkpoints.find((c) => c.checkpointId === tampered.checkpointId)!.status).toBe('tampered');
    expect(broken.checkpoints.find((c) => c.checkpointId === removed.checkpointId)!.status).toBe('missing');
    expect(broken.problems.some((p) => p.includes(tampered.checkpointId) && p.includes('modified'))).toBe(true);
    expect(broken.problems.some((p) => p.includes(removed.uri) && p.includes('missing'))).toBe(true);
  });
});
