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
}

/** Heartbeat details: what a retry of the same span needs to resume instead of restarting it. */
export type SpanProgress = TrainingHeartbeat;

export interface TrainSpanResult {
  metrics: EpochMetrics[];
  checkpoints: CheckpointRecord[];
  recovery: RecoveryRecord | null;
  weightsSha256: string;
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
