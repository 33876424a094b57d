import { ApplicationFailure, Context, log } from '@temporalio/activity';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import {
  ML_RECENT,
  SeededRng,
  sha256Hex,
  type CheckpointRecord,
  type DatasetSummary,
  type EpochMetrics,
  type Evaluation,
  type RecoveryRecord,
  type ResolvedMlTrainingConfig,
} from '@temporal-ecommerce/contracts/ml';
import { decodeCheckpoint, encodeCheckpoint, weightBytes, type Checkpoint } from '../training/checkpoint-format';
import { Mlp, type ModelSpec } from '../training/model';
import { newOptimizerState } from '../training/optimizer';
import type { ModelState } from '../training/trainer';
import { openRunner, ThreadSlots, type EpochRunner } from '../training/training-thread';
import { ArtifactNotFoundError, type ArtifactStore } from './artifact-store';
import type { TrainingHistoryStore } from './history-store';
import type { EvaluateModelInput, PrepareTrainingInput, SpanProgress, TrainSpanInput, TrainSpanResult } from './types';

export interface TrainingDeps {
  store: ArtifactStore;
  history: TrainingHistoryStore;
  /** Training threads this worker may run at once (default: one per core); further spans wait, heartbeating. */
  threads?: ThreadSlots;
  /** How often a running activity heartbeats its latest progress while the thread computes. */
  heartbeatEveryMs?: number;
}

const specFor = (config: ResolvedMlTrainingConfig, data: Pick<DatasetSummary, 'features' | 'classes'>): ModelSpec => ({
  features: data.features,
  classes: data.classes,
  hiddenUnits: config.model.hiddenUnits,
  activation: config.model.activation,
});

export const checkpointKey = (modelId: string, workflowId: string, epoch: number): string =>
  `checkpoints/${modelId}/${workflowId}/epoch-${String(epoch).padStart(6, '0')}.ckpt`;

const keepRecent = <T>(rows: T[], limit: number | undefined): T[] => (limit === undefined ? rows : rows.slice(-limit));

/** Reads a checkpoint and refuses it unless its bytes still hash to what was recorded. */
export async function loadVerifiedCheckpoint(store: ArtifactStore, record: CheckpointRecord): Promise<Checkpoint> {
  let bytes: Uint8Array;
  try {
    bytes = await store.get(record.uri);
  } catch (err) {
    if (err instanceof ArtifactNotFoundError) {
      throw ApplicationFailure.nonRetryable(`checkpoint ${record.checkpointId} (epoch ${record.epoch}) is missing: ${err.message}`, ErrorType.CheckpointMissing);
    }
    throw err;
  }
  const actual = sha256Hex(bytes);
  if (actual !== record.sha256) {
    throw ApplicationFailure.nonRetryable(
      `checkpoint ${record.checkpointId} (epoch ${record.epoch}) at ${record.uri} was modified: sha256 ${actual} != recorded ${record.sha256}`,
      ErrorType.CheckpointCorrupt,
    );
  }
  return decodeCheckpoint(bytes);
}

/** Span epochs are at most ML_LIMITS.epochsPerRun, so reading a whole span back is bounded. */
const SPAN_ROWS = 1_000_000;

/**
 * Runs `work` with a runner for the run's data set (a training thread unless epochs are tiny), heartbeating
 * `beat()` every `everyMs` from the free main thread, and always stops the thread (freeing its slot) afterwards.
 */
async function withRunner<T>(threads: ThreadSlots, data: { config: ResolvedMlTrainingConfig; dataSeed: number }, everyMs: number, beat: () => unknown, work: (runner: EpochRunner) => Promise<T>): Promise<T> {
  const ctx = Context.current();
  const keepAlive = setInterval(() => ctx.heartbeat(beat()), everyMs);
  let runner: EpochRunner | undefined;
  try {
    runner = await openRunner(threads, { config: data.config, dataSeed: data.dataSeed }, ctx.cancellationSignal);
    return await work(runner);
  } finally {
    clearInterval(keepAlive);
    await runner?.close();
  }
}

export function createTrainingActivities({ store, history, threads = new ThreadSlots(), heartbeatEveryMs = 1000 }: TrainingDeps) {
  return {
    /** Builds the dataset once up front (in a training thread) so a bad config fails before any training. */
    async prepareTraining({ config, dataSeed }: PrepareTrainingInput): Promise<DatasetSummary> {
      return withRunner(threads, { config, dataSeed }, heartbeatEveryMs, () => undefined, async (runner) => runner.summary);
    },

    /**
     * Trains epochs (startEpoch, endEpoch]. Resumes from the newest checkpoint a previous attempt reported
     * by heartbeat (or the span's starting checkpoint), so a retry after a crash reruns only the epochs
     * since that checkpoint and ends with the same bits an uninterrupted attempt would have produced.
     */
    async trainEpochs(input: TrainSpanInput): Promise<TrainSpanResult> {
      const ctx = Context.current();
      const { config, workflowId, storeKey } = input;

      const previous = ctx.info.heartbeatDetails as SpanProgress | undefined;
      let from = input.resumeFrom;
      let checkpoints: CheckpointRecord[] = [];
      let metrics: EpochMetrics[] = [];
      if (previous?.checkpoint && previous.checkpoint.epoch > input.startEpoch) {
        const resumeAt = previous.checkpoint.epoch;
        from = previous.checkpoint;
        // A bounded run's heartbeat holds only recent rows: what came before is in the store.
        checkpoints = storeKey ? (await history.checkpoints(storeKey, input.startEpoch, SPAN_ROWS, resumeAt)).slice(-ML_RECENT.checkpoints) : previous.checkpoints.filter((c) => c.epoch <= resumeAt);
        metrics = storeKey ? (await history.metrics(storeKey, input.startEpoch, SPAN_ROWS, resumeAt)).slice(-ML_RECENT.metrics) : previous.metrics.filter((m) => m.epoch <= resumeAt);
      }
      if (!from && input.startEpoch !== 0) throw ApplicationFailure.nonRetryable(`span starting at epoch ${input.startEpoch} has no checkpoint to resume from`, ErrorType.InvalidState);

      // Heartbeated as it is before the thread starts, so a worker that dies while waiting for a slot
      // leaves the same resume point it was given.
      let progress: SpanProgress = { epoch: from?.epoch ?? 0, loss: metrics.at(-1)?.validationLoss ?? null, checkpoint: from, checkpoints, metrics };
      ctx.heartbeat(progress);
      return withRunner(threads, { config, dataSeed: input.dataSeed }, heartbeatEveryMs, () => progress, async (runner) => {
        const model = new Mlp(specFor(config, runner.summary));
        let state: ModelState;
        let rng: SeededRng;
        let epoch: number;
        if (from) {
          const checkpoint = await loadVerifiedCheckpoint(store, from);
          if (checkpoint.header.workflowId !== workflowId || checkpoint.header.epoch !== from.epoch || checkpoint.params.length !== model.paramCount) {
            throw ApplicationFailure.nonRetryable(`checkpoint ${from.checkpointId} does not belong to ${workflowId} at epoch ${from.epoch}`, ErrorType.CheckpointCorrupt);
          }
          state = { params: checkpoint.params, optimizer: checkpoint.optimizer };
          rng = SeededRng.fromState(checkpoint.header.rngState);
          epoch = from.epoch;
        } else {
          state = { params: model.init(SeededRng.fromSeed(input.initSeed)), optimizer: newOptimizerState(model.paramCount) };
          rng = SeededRng.fromState(input.rngStateAtStart);
          epoch = 0;
        }

        let recovery: RecoveryRecord | null = null;
        if (ctx.info.attempt > 1) {
          const reached = Math.max(previous?.epoch ?? input.startEpoch, epoch);
          recovery = { attempt: ctx.info.attempt, resumedFromEpoch: epoch, reachedEpoch: reached, epochsRerun: reached - epoch };
          log.warn('resuming training span after a failed attempt', { workflowId, ...recovery, span: [input.startEpoch, input.endEpoch] });
        }

        const h = input.hyperparameters;
        while (epoch < input.endEpoch) {
          const shuffleSeed = rng.nextUint32();
          const expected = input.shuffleSeeds[epoch - input.startEpoch];
          if (shuffleSeed !== expected) {
            throw ApplicationFailure.nonRetryable(`generator out of step at epoch ${epoch + 1}: ${shuffleSeed} != workflow seed ${expected}`, ErrorType.InvalidState);
          }
          const trained = await runner.epoch(state.params, state.optimizer, h, shuffleSeed);
          state = { params: trained.params, optimizer: trained.optimizer };
          const trainLoss = trained.trainLoss;
          const validation = { loss: trained.validationLoss, accuracy: trained.validationAccuracy };
          epoch += 1;
          if (!Number.isFinite(trainLoss) || !Number.isFinite(validation.loss)) {
            throw ApplicationFailure.nonRetryable(`loss diverged at epoch ${epoch} (learning rate ${h.learningRate})`, ErrorType.TrainingDiverged);
          }
          const epochMetrics: EpochMetrics = { epoch, trainLoss, validationLoss: validation.loss, validationAccuracy: validation.accuracy, learningRate: h.learningRate, shuffleSeed };
          metrics = keepRecent([...metrics, epochMetrics], storeKey ? ML_RECENT.metrics : undefined);
          if (storeKey) await history.putMetrics(storeKey, epochMetrics);

          let latest = progress.checkpoint;
          if (epoch % config.checkpointInterval === 0 || epoch === input.endEpoch) {
            const bytes = encodeCheckpoint({
              header: {
                modelId: config.modelId,
                workflowId,
                epoch,
                validationLoss: validation.loss,
                spec: model.spec,
                hyperparameters: h,
                optimizerStep: state.optimizer.step,
                rngState: rng.state(),
                initSeed: input.initSeed,
                dataSeed: input.dataSeed,
              },
              params: state.params,
              optimizer: state.optimizer,
            });
            const stored = await store.put(checkpointKey(config.modelId, workflowId, epoch), bytes);
            latest = {
              checkpointId: `chk_${stored.sha256.slice(0, 12)}`,
              epoch,
              loss: validation.loss,
              uri: stored.uri,
              sha256: stored.sha256,
              sizeBytes: stored.sizeBytes,
              trigger: epoch % config.checkpointInterval === 0 ? 'interval' : 'boundary',
            };
            checkpoints = keepRecent([...checkpoints, latest], storeKey ? ML_RECENT.checkpoints : undefined);
            // Recorded before the heartbeat that names it, so a retry resuming from it finds its row.
            if (storeKey) await history.putCheckpoint(storeKey, latest);
            log.info('checkpoint written', { workflowId, epoch, uri: stored.uri, sha256: stored.sha256 });
          }
          progress = { epoch, loss: validation.loss, checkpoint: latest, checkpoints, metrics };
          ctx.heartbeat(progress);
          if (ctx.cancellationSignal.aborted) throw ctx.cancellationSignal.reason;
        }

        const weightsSha256 = sha256Hex(weightBytes(state.params));
        if (!storeKey) return { metrics, checkpoints, recovery, weightsSha256 };
        // The store is the record: the summary is read back from it, rows of an earlier attempt included.
        const spanCheckpoints = await history.checkpoints(storeKey, input.startEpoch, SPAN_ROWS, input.endEpoch);
        let best: { loss: number; epoch: number } | null = null;
        for (const m of await history.metrics(storeKey, input.startEpoch, SPAN_ROWS, input.endEpoch)) {
          if (best === null || m.validationLoss < best.loss) best = { loss: m.validationLoss, epoch: m.epoch };
        }
        return {
          metrics: await history.metrics(storeKey, Math.max(input.startEpoch, input.endEpoch - ML_RECENT.metrics), ML_RECENT.metrics, input.endEpoch),
          checkpoints: spanCheckpoints.slice(-ML_RECENT.checkpoints),
          checkpointHashes: spanCheckpoints.map((c) => c.sha256),
          best,
          recovery,
          weightsSha256,
        };
      });
    },

    /** Final metrics on the held-out test split, from the last checkpoint's weights. */
    async evaluateModel(input: EvaluateModelInput): Promise<Evaluation> {
      const checkpoint = await loadVerifiedCheckpoint(store, input.checkpoint);
      // A large test split with a wide model takes seconds: in the thread, heartbeating from here.
      const test = await withRunner(threads, input, heartbeatEveryMs, () => ({ evaluating: input.checkpoint.epoch }), (runner) => runner.evaluate(checkpoint.params));
      return { split: 'test', samples: test.samples, loss: test.loss, accuracy: test.accuracy, weightsSha256: sha256Hex(weightBytes(checkpoint.params)) };
    },
  };
}
