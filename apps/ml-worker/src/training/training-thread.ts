import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DatasetSummary, Hyperparameters, ResolvedMlTrainingConfig } from '@temporal-ecommerce/contracts/ml';
import { loadDataset, type Dataset } from './dataset';
import { Mlp } from './model';
import type { OptimizerState } from './optimizer';
import { trainEpoch } from './trainer';

/** What a thread is started with: enough to rebuild the data set and the model's shape. */
export interface ThreadData {
  config: Pick<ResolvedMlTrainingConfig, 'dataset' | 'validationSplit' | 'testSplit' | 'model'>;
  dataSeed: number;
}

export type EpochRequest =
  | { kind: 'epoch'; params: Float64Array; optimizer: OptimizerState; hyperparameters: Hyperparameters; shuffleSeed: number }
  | { kind: 'evaluate'; params: Float64Array };

export type EpochReply =
  | { kind: 'ready'; summary: DatasetSummary }
  | { kind: 'epoch'; params: Float64Array; optimizer: OptimizerState; trainLoss: number; validationLoss: number; validationAccuracy: number }
  | { kind: 'evaluated'; loss: number; accuracy: number; samples: number };

type Reply<K extends EpochReply['kind']> = Extract<EpochReply, { kind: K }>;

/** What an activity computes with: in a worker thread, or inline for epochs too small to be worth a thread. */
export interface EpochRunner {
  readonly summary: DatasetSummary;
  epoch(params: Float64Array, optimizer: OptimizerState, hyperparameters: Hyperparameters, shuffleSeed: number): Promise<Reply<'epoch'>>;
  evaluate(params: Float64Array): Promise<Reply<'evaluated'>>;
  close(): Promise<void>;
}

/**
 * Multiply-adds of one epoch's forward pass (the backward pass is about twice that). Below this, an epoch
 * takes a few milliseconds: the event loop is held no longer than by a checkpoint write, and two thread
 * messages per epoch would cost more than the epoch (3,000 tiny epochs spent minutes in messages).
 */
export const INLINE_EPOCH_MAX_MULTIPLY_ADDS = 2_000_000;

/** The forward multiply-adds of one epoch over the whole data set, from the config alone. */
export function epochMultiplyAdds(config: ThreadData['config']): number {
  const iris = config.dataset.name === 'iris';
  const samples = iris ? 150 : (config.dataset.samples ?? 0);
  const features = iris ? 4 : (config.dataset.features ?? 0);
  const classes = iris ? 3 : (config.dataset.classes ?? 0);
  const hidden = config.model.hiddenUnits;
  return samples * (hidden > 0 ? features * hidden + hidden * classes : features * classes);
}

/** A runner for the run's data set: inline when an epoch is small, else a worker thread from `slots`. */
export function openRunner(slots: ThreadSlots, data: ThreadData, signal: AbortSignal): Promise<EpochRunner> {
  if (epochMultiplyAdds(data.config) <= INLINE_EPOCH_MAX_MULTIPLY_ADDS) return Promise.resolve(new InlineRunner(data));
  return TrainingThread.start(slots, data, signal);
}

/** The same functions as the thread runs, on the calling thread: the same bits either way. */
class InlineRunner implements EpochRunner {
  readonly summary: DatasetSummary;
  private readonly data: Dataset;
  private readonly model: Mlp;

  constructor({ config, dataSeed }: ThreadData) {
    this.data = loadDataset(config, dataSeed);
    this.model = new Mlp({ features: this.data.features, classes: this.data.classes, hiddenUnits: config.model.hiddenUnits, activation: config.model.activation });
    this.summary = datasetSummary(this.data, this.model);
  }

  async epoch(params: Float64Array, optimizer: OptimizerState, hyperparameters: Hyperparameters, shuffleSeed: number): Promise<Reply<'epoch'>> {
    const trainLoss = await trainEpoch(this.model, { params, optimizer }, this.data.train, hyperparameters, shuffleSeed);
    const validation = this.model.evaluate(params, this.data.validation);
    return { kind: 'epoch', params, optimizer, trainLoss, validationLoss: validation.loss, validationAccuracy: validation.accuracy };
  }

  async evaluate(params: Float64Array): Promise<Reply<'evaluated'>> {
    const test = this.model.evaluate(params, this.data.test);
    return { kind: 'evaluated', loss: test.loss, accuracy: test.accuracy, samples: this.data.test.n };
  }

  async close(): Promise<void> {}
}

/** What prepareTraining reports about a data set and model. */
export function datasetSummary(data: Dataset, model: Mlp): DatasetSummary {
  return {
    name: data.name,
    features: data.features,
    classes: data.classes,
    trainSamples: data.train.n,
    validationSamples: data.validation.n,
    testSamples: data.test.n,
    parameters: model.paramCount,
  };
}

/**
 * The compiled thread entry: beside this file in dist. Run from the sources (vitest), it is the built one
 * in dist, which turbo builds before every test run (`test` depends on `build`).
 */
function threadEntry(): string {
  const beside = path.join(__dirname, 'epoch-thread.js');
  if (existsSync(beside)) return beside;
  const built = path.resolve(__dirname, '../../dist/training/epoch-thread.js');
  if (existsSync(built)) return built;
  throw new Error(`the training thread entry ${built} is missing: run pnpm build`);
}

/** Counts threads, so N concurrent training activities on one worker use at most `size` cores. */
export class ThreadSlots {
  private readonly waiting: Array<() => void> = [];
  private free: number;

  constructor(readonly size: number = os.availableParallelism()) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`thread slots must be a positive integer, got ${size}`);
    this.free = size;
  }

  /** Resolves with a release function once a slot is free; rejects when `signal` aborts first. */
  acquire(signal: AbortSignal): Promise<() => void> {
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    };
    if (this.free > 0) {
      this.free -= 1;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal.removeEventListener('abort', onAbort);
        resolve(release);
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(grant);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }
}

/**
 * A data set and model held by one worker thread. The CPU-heavy parts of an activity (building the data
 * set, an epoch of mini-batches, a full evaluation) run there, so the worker's main thread stays free for
 * polls, heartbeats, cancellation and queries: a query to a run training a wide model answers in
 * milliseconds instead of after the batch, and the heartbeat timeout measures a dead worker, not a long batch.
 */
export class TrainingThread implements EpochRunner {
  private pending: { resolve: (reply: EpochReply) => void; reject: (err: unknown) => void } | undefined;
  private failure: unknown;

  private readonly onMessage = (reply: EpochReply): void => this.settle((p) => p.resolve(reply));
  private readonly onError = (err: Error): void => this.fail(err);
  private readonly onExit = (code: number): void => this.fail(new Error(`training thread exited with code ${code}`));

  private constructor(
    private readonly worker: Worker,
    private readonly release: () => void,
    readonly summary: DatasetSummary,
  ) {
    worker.on('message', this.onMessage).on('error', this.onError).on('exit', this.onExit);
  }

  /** Waits for a free slot, starts a thread, and resolves once its data set is built. Aborting stops it. */
  static async start(slots: ThreadSlots, data: ThreadData, signal: AbortSignal): Promise<TrainingThread> {
    const release = await slots.acquire(signal);
    const worker = new Worker(threadEntry(), { workerData: data });
    // Named listeners, removed one by one: Worker's own newListener/removeListener hooks must stay.
    let onMessage = (_reply: EpochReply): void => undefined;
    let onError = (_err: Error): void => undefined;
    let onExit = (_code: number): void => undefined;
    let onAbort = (): void => undefined;
    try {
      const ready = await new Promise<Reply<'ready'>>((resolve, reject) => {
        onMessage = (reply) => (reply.kind === 'ready' ? resolve(reply) : reject(new Error(`training thread sent ${reply.kind} before ready`)));
        onError = reject;
        onExit = (code) => reject(new Error(`training thread exited with code ${code} while loading the data set`));
        onAbort = () => reject(signal.reason);
        worker.on('message', onMessage).on('error', onError).on('exit', onExit);
        if (signal.aborted) onAbort();
        else signal.addEventListener('abort', onAbort, { once: true });
      }).finally(() => {
        signal.removeEventListener('abort', onAbort);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      });
      const thread = new TrainingThread(worker, release, ready.summary);
      signal.addEventListener('abort', () => thread.fail(signal.reason), { once: true });
      return thread;
    } catch (err) {
      void worker.terminate();
      release();
      throw err;
    }
  }

  /** One epoch; `params` and the optimizer's moments are moved to the thread and come back in the reply. */
  epoch(params: Float64Array, optimizer: OptimizerState, hyperparameters: Hyperparameters, shuffleSeed: number): Promise<Reply<'epoch'>> {
    return this.request({ kind: 'epoch', params, optimizer, hyperparameters, shuffleSeed }, [params.buffer, optimizer.m.buffer, optimizer.v.buffer]) as Promise<Reply<'epoch'>>;
  }

  /** Loss and accuracy on the held-out test split. `params` is copied, not moved. */
  evaluate(params: Float64Array): Promise<Reply<'evaluated'>> {
    return this.request({ kind: 'evaluate', params }, []) as Promise<Reply<'evaluated'>>;
  }

  /** Stops the thread and frees its slot; safe to call more than once. */
  async close(): Promise<void> {
    this.fail(new Error('training thread closed'));
  }

  private request(message: EpochRequest, transfer: ArrayBufferLike[]): Promise<EpochReply> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new Error('the training thread is busy: one request at a time'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(message, transfer as ArrayBuffer[]);
    });
  }

  private settle(action: (pending: NonNullable<TrainingThread['pending']>) => void): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) action(pending);
  }

  private fail(err: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = err;
    this.settle((p) => p.reject(err));
    this.worker.off('message', this.onMessage).off('error', this.onError).off('exit', this.onExit);
    void this.worker.terminate();
    this.release();
  }
}
