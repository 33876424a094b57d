import type {
  CheckpointRecord,
  EpochMetrics,
  Hyperparameters,
  RecoveryRecord,
  ResolvedMlTrainingConfig,
  RngState,
  TrainingHeartbeat,
} from '@temporal-ecommerce/contracts/ml';

/** One span of epochs (startEpoch, endEpoch] run by one `trainEpochs` activity. */
export interface TrainSpanInput {
  workflowId: string;
  config: ResolvedMlTrainingConfig;
  hyperparameters: Hyperparameters;
  initSeed: number;
  dataSeed: number;
  /** Epochs completed before this span. */
  startEpoch: number;
  endEpoch: number;
  /** The workflow generator's state before drawing this span's seeds; stored in checkpoints. */
  rngStateAtStart: RngState;
  /** One shuffle seed per epoch of the span, drawn by the workflow from its generator. */
  shuffleSeeds: number[];
  /** The checkpoint at `startEpoch` (null only for a fresh start at epoch 0). */
  resumeFrom: CheckpointRecord | null;
  /**
   * Set by bounded runs: every epoch's row goes to the history store under this key and the result
   * carries only recent windows and the span's checkpoint hashes. Unset: the whole span, as before.
   */
  storeKey?: string;
}

/** Heartbeat details: what a retry of the same span needs to resume instead of restarting it. */
export type SpanProgress = TrainingHeartbeat;

export interface TrainSpanResult {
  /** The span's metrics: all of them, or (with `storeKey`) the most recent ML_RECENT.metrics. */
  metrics: EpochMetrics[];
  /** The span's checkpoints: all of them, or (with `storeKey`) the most recent ML_RECENT.checkpoints. */
  checkpoints: CheckpointRecord[];
  recovery: RecoveryRecord | null;
  weightsSha256: string;
  /** With `storeKey`: the SHA-256 of every checkpoint of the span, in order, for the Merkle frontier. */
  checkpointHashes?: string[];
  /** With `storeKey`: the span's lowest validation loss. */
  best?: { loss: number; epoch: number } | null;
}

export interface PrepareTrainingInput {
  config: ResolvedMlTrainingConfig;
  dataSeed: number;
}

export interface EvaluateModelInput {
  workflowId: string;
  config: ResolvedMlTrainingConfig;
  dataSeed: number;
  checkpoint: CheckpointRecord;
}
