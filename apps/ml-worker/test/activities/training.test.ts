import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { ML_RECENT, ML_TRAIN_ACTIVITY, SeededRng, merkleRoot, resolveMlConfig, type MlHistoryPage } from '@temporal-ecommerce/contracts/ml';
import { createActivities, openTrainingHistoryStore, SqliteTrainingHistoryStore, type TrainingHistoryConfig, type TrainingHistoryStore } from '../../src/activities';
import { FileArtifactStore } from '../../src/activities/artifact-store';
import type { SpanProgress, TrainSpanResult } from '../../src/activities/types';
import { decodeCheckpoint } from '../../src/training/checkpoint-format';
import { loadDataset } from '../../src/training/dataset';
import { Mlp } from '../../src/training/model';
import { postgresDatabase } from '../helpers/postgres';
import { baseConfig, runIn, spanInput, tempDir } from './helpers';

const readArtifact = (uri: string): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(uri)));

function setup() {
  const store = new FileArtifactStore(tempDir('ml-act-'));
  const history = new SqliteTrainingHistoryStore(':memory:');
  return { store, history, activities: createActivities({ store, history }) };
}

async function failure(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ApplicationFailure);
  return err as ApplicationFailure;
}

describe('trainEpochs activity', () => {
  it('trains a span, checkpoints every interval and at the span end, and heartbeats progress', async () => {
    const { activities } = setup();
    const env = new MockActivityEnvironment();
    const beats: SpanProgress[] = [];
    env.on('heartbeat', (d: SpanProgress) => beats.push(d));
    const result = await runIn(env, activities.trainEpochs, spanInput(0, 10, SeededRng.fromSeed(5)));

    expect(result.metrics.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result.metrics[9]!.trainLoss).toBeLessThan(result.metrics[0]!.trainLoss);
    expect(result.checkpoints.map((c) => [c.epoch, c.trigger])).toEqual([[3, 'interval'], [6, 'interval'], [9, 'interval'], [10, 'boundary']]);
    expect(result.recovery).toBeNull();
    expect(beats.at(-1)!.epoch).toBe(10);
    expect(beats.at(-1)!.checkpoint!.epoch).toBe(10);
  });

  it('resumes a retried attempt from the checkpoint in its heartbeat and ends bit-identical', async () => {
    const { activities } = setup();
    const input = spanInput(0, 10, SeededRng.fromSeed(5));
    const beats: SpanProgress[] = [];
    const first = new MockActivityEnvironment();
    first.on('heartbeat', (d: SpanProgress) => beats.push(d));
    const straight: TrainSpanResult = await runIn(first, activities.trainEpochs, input);

    // The last heartbeat a worker that died during epoch 8 would have sent.
    const atSeven = beats.find((b) => b.epoch === 7)!;
    expect(atSeven.checkpoint!.epoch).toBe(6);
    const retry = new MockActivityEnvironment({ attempt: 2, heartbeatDetails: atSeven });
    const rerunEpochs: number[] = [];
    retry.on('heartbeat', (d: SpanProgress) => rerunEpochs.push(d.epoch));
    const resumed: TrainSpanResult = await runIn(retry, activities.trainEpochs, input);

    expect(resumed.recovery).toEqual({ attempt: 2, resumedFromEpoch: 6, reachedEpoch: 7, epochsRerun: 1 });
    expect(Math.min(...rerunEpochs)).toBe(6);
    expect(resumed.weightsSha256).toBe(straight.weightsSha256);
    expect(resumed.metrics).toEqual(straight.metrics);
    expect(resumed.checkpoints).toEqual(straight.checkpoints);
  });

  it('continues a following span from the checkpoint the workflow passes', async () => {
    const { activities } = setup();
    const rng = SeededRng.fromSeed(8);
    const whole = await runIn(new MockActivityEnvironment(), activities.trainEpochs, spanInput(0, 8, SeededRng.fromSeed(8), { workflowId: 'ml-training-whole-1' }));

    const first = await runIn(new MockActivityEnvironment(), activities.trainEpochs, spanInput(0, 5, rng));
    const second = await runIn(new MockActivityEnvironment(), activities.trainEpochs, spanInput(5, 8, rng, { resumeFrom: first.checkpoints.at(-1)! }));
    expect(second.weightsSha256).toBe(whole.weightsSha256);
  });

  it('refuses a checkpoint whose file was modified', async () => {
    const { activities } = setup();
    const rng = SeededRng.fromSeed(3);
    const first = await runIn(new MockActivityEnvironment(), activities.trainEpochs, spanInput(0, 3, rng));
    const checkpoint = first.checkpoints.at(-1)!;
    writeFileSync(fileURLToPath(checkpoint.uri), 'tampered');
    const err = await failure(runIn(new MockActivityEnvironment(), activities.trainEpochs, spanInput(3, 6, rng, { resumeFrom: checkpoint })));
    expect(err.type).toBe(ErrorType.CheckpointCorrupt);
    expect(err.nonRetryable).toBe(true);
    expect(err.message).toContain(checkpoint.checkpointId);
  });
});

describe('evaluateModel and auditCheckpoints activities', () => {
  it('evaluates a large test split in the training thread with the bits of one pass on the main thread', async () => {
    const { activities } = setup();
    const config = resolveMlConfig({ ...baseConfig, dataset: { name: 'synthetic', samples: 12_000, features: 4, classes: 3 }, model: { hiddenUnits: 4 } });
    const input = spanInput(0, 1, SeededRng.fromSeed(4), { config, hyperparameters: config.hyperparameters });
    const result = await runIn(new MockActivityEnvironment(), activities.trainEpochs, input);
    const checkpoint = result.checkpoints.at(-1)!;
    const evaluation = await runIn(new MockActivityEnvironment(), activities.evaluateModel, { workflowId: input.workflowId, config, dataSeed: input.dataSeed, checkpoint });
    expect(evaluation.samples).toBe(2400);
    const data = loadDataset(config, input.dataSeed);
    const whole = new Mlp({ features: 4, classes: 3, hiddenUnits: 4, activation: 'tanh' }).evaluate(decodeCheckpoint(readArtifact(checkpoint.uri)).params, data.test);
    expect([evaluation.loss, evaluation.accuracy]).toEqual([whole.loss, whole.accuracy]);
  });

  it('evaluates the final checkpoint on the test split', async () => {
    const { activities } = setup();
    const input = spanInput(0, 10, SeededRng.fromSeed(5));
    const result = await runIn(new MockActivityEnvironment(), activities.trainEpochs, input);
    const evaluation = await runIn(new MockActivityEnvironment(), activities.evaluateModel, {
      workflowId: input.workflowId,
      config: input.config,
      dataSeed: input.dataSeed,
      checkpoint: result.checkpoints.at(-1)!,
    });
    expect(evaluation.samples).toBe(30);
    expect(evaluation.accuracy).toBeGreaterThan(0.6);
    expect(evaluation.weightsSha256).toBe(result.weightsSha256);
  });

  it('verifies intact checkpoints and names a tampered and a missing file', async () => {
    const { activities } = setup();
    const { checkpoints } = await runIn(new MockActivityEnvironment(), activities.trainEpochs, spanInput(0, 9, SeededRng.fromSeed(2)));
    const root = merkleRoot(checkpoints.map((c) => c.sha256));
    const audit = (cs = checkpoints, r = root) =>
      runIn(new MockActivityEnvironment(), activities.auditCheckpoints, { trainingWorkflowId: 'w', checkpoints: cs, merkleRoot: r });

    const clean = await audit();
    expect(clean.verified).toBe(true);
    expect(clean.checked).toBe(3);
    expect(clean.checkpoints).toEqual([]);
    expect(clean.merkleRoot.ok).toBe(true);

    const wrongRoot = await audit(checkpoints, merkleRoot(checkpoints.slice(1).map((c) => c.sha256)));
    expect(wrongRoot.verified).toBe(false);
    expect(wrongRoot.problems[0]).toMatch(/recorded Merkle root/);

    const [a, b] = checkpoints;
    writeFileSync(fileURLToPath(a!.uri), 'tampered bytes');
    const { rmSync } = await import('node:fs');
    rmSync(fileURLToPath(b!.uri));
    const broken = await audit();
    expect(broken.verified).toBe(false);
    expect(broken.merkleRoot.ok).toBe(false);
    expect(broken.checked).toBe(3);
    expect(broken.checkpoints.map((c) => [c.checkpointId, c.status])).toEqual([[a!.checkpointId, 'tampered'], [b!.checkpointId, 'missing']]);
    expect(broken.problems.join('\n')).toContain(a!.checkpointId);
    expect(broken.problems.join('\n')).toContain(b!.uri);
  });
});

describe('activity names the gateway relies on', () => {
  it('registers the span trainer under ML_TRAIN_ACTIVITY, whose heartbeat the progress route reads', () => {
    expect(Object.keys(setup().activities)).toContain(ML_TRAIN_ACTIVITY);
  });
});

// The history is shared by replicas: on either engine, a replica opening the same store sees another's rows.
describe.each(['sqlite', 'postgres'] as const)('trainEpochs with a history store on %s (bounded runs)', (kind) => {
  const storeKey = 'ml-training-unit-model-1/run-1';
  const opened: TrainingHistoryStore[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((h) => h.close()));
  });
  /** Two replicas' activities over one store (one file, or one database through two pools) and one artifact folder. */
  async function replicas() {
    const config: TrainingHistoryConfig = kind === 'sqlite' ? { kind, file: path.join(tempDir('ml-history-'), 'history.sqlite') } : { kind, url: await postgresDatabase('ml_history') };
    const store = new FileArtifactStore(tempDir('ml-act-'));
    const open = async () => {
      const history = await openTrainingHistoryStore(config);
      opened.push(history);
      return { history, activities: createActivities({ store, history }) };
    };
    const a = await open();
    expect(a.history.kind).toBe(kind);
    return { ...a, other: (await open()).activities };
  }

  it('writes one row per epoch and checkpoint, returns recent windows and every checkpoint hash, and a retry on another replica resumes from the store and rewrites the same rows', async () => {
    const { activities, history, other } = await replicas();
    const input = spanInput(0, 70, SeededRng.fromSeed(5), { storeKey, config: { ...spanInput(0, 0, SeededRng.fromSeed(5)).config, checkpointInterval: 1 } });
    const beats: SpanProgress[] = [];
    const first = new MockActivityEnvironment();
    first.on('heartbeat', (d: SpanProgress) => beats.push(d));
    const result: TrainSpanResult = await runIn(first, activities.trainEpochs, input);

    const rows = await history.metrics(storeKey, 0, 1000);
    expect(rows.map((m) => m.epoch)).toEqual(Array.from({ length: 70 }, (_, i) => i + 1));
    const checkpoints = await history.checkpoints(storeKey, 0, 1000);
    expect(checkpoints).toHaveLength(70);
    expect(result.metrics).toEqual(rows.slice(-ML_RECENT.metrics));
    expect(result.checkpoints).toEqual(checkpoints.slice(-ML_RECENT.checkpoints));
    expect(result.checkpointHashes).toEqual(checkpoints.map((c) => c.sha256));
    const best = rows.reduce((a, b) => (b.validationLoss < a.validationLoss ? b : a));
    expect(result.best).toEqual({ loss: best.validationLoss, epoch: best.epoch });
    expect(Math.max(...beats.map((b) => b.metrics.length))).toBeLessThanOrEqual(ML_RECENT.metrics);
    expect(Math.max(...beats.map((b) => b.checkpoints.length))).toBeLessThanOrEqual(ML_RECENT.checkpoints);

    // A worker that died during epoch 41 left rows up to 40; the retry, on another replica, resumes from the
    // rows the heartbeat no longer holds and rewrites them, never adds.
    const atForty = beats.find((b) => b.epoch === 40)!;
    expect(atForty.checkpoints.length).toBeLessThan(40);
    const retry = new MockActivityEnvironment({ attempt: 2, heartbeatDetails: atForty });
    const resumed: TrainSpanResult = await runIn(retry, other.trainEpochs, input);
    expect(resumed.recovery).toMatchObject({ attempt: 2, resumedFromEpoch: 40 });
    expect(resumed.weightsSha256).toBe(result.weightsSha256);
    expect(resumed.checkpointHashes).toEqual(result.checkpointHashes);
    expect(await history.metrics(storeKey, 0, 1000)).toEqual(rows);
    expect(await history.checkpoints(storeKey, 0, 1000)).toEqual(checkpoints);
  });

  it('pages the stored rows with a cursor, and audits the whole chain from the store naming the tampered checkpoint', async () => {
    const { activities: trainer, other: activities } = await replicas();
    const config = { ...spanInput(0, 0, SeededRng.fromSeed(9)).config, checkpointInterval: 2 };
    const result: TrainSpanResult = await runIn(new MockActivityEnvironment(), trainer.trainEpochs, spanInput(0, 25, SeededRng.fromSeed(9), { storeKey, config }));

    const pages: MlHistoryPage[] = [];
    for (let after = 0; ; ) {
      const page: MlHistoryPage = await runIn(new MockActivityEnvironment(), activities.readHistoryPage, { storeKey, kind: 'metrics', after, limit: 10 });
      pages.push(page);
      if (page.nextCursor === null) break;
      after = page.nextCursor;
    }
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
    expect(pages.flatMap((p) => p.items.map((m) => m.epoch))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const checkpointPage: MlHistoryPage = await runIn(new MockActivityEnvironment(), activities.readHistoryPage, { storeKey, kind: 'checkpoints', after: 20, limit: 10 });
    expect(checkpointPage.items.map((c) => c.epoch)).toEqual([22, 24, 25]);
    expect(checkpointPage.nextCursor).toBeNull();
    const badLimit = await failure(runIn(new MockActivityEnvironment(), activities.readHistoryPage, { storeKey, kind: 'metrics', after: 0, limit: 100_000 }));
    expect(badLimit.type).toBe(ErrorType.InvalidRequest);

    const root = merkleRoot(result.checkpointHashes!);
    const audit = () => runIn(new MockActivityEnvironment(), activities.auditCheckpoints, { trainingWorkflowId: 'w', storeKey, merkleRoot: root });
    const clean = await audit();
    expect(clean).toMatchObject({ verified: true, checked: 13, checkpoints: [] });
    if (checkpointPage.kind !== 'checkpoints') throw new Error('expected a checkpoints page');
    const victim = checkpointPage.items[1]!;
    writeFileSync(fileURLToPath(victim.uri), 'tampered bytes');
    const broken = await audit();
    expect(broken.verified).toBe(false);
    expect(broken.checkpoints).toEqual([expect.objectContaining({ checkpointId: victim.checkpointId, epoch: 24, status: 'tampered' })]);
  });
});
