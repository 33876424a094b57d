/**
 * The ML training domain's public contract. Sandbox-safe: names, message definitions, types and the pure
 * helpers both the workflow and the worker need (seeded generator, SHA-256, Merkle root, config rules).
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  CheckpointRecord,
  EpochMetrics,
  DatasetConfig,
  DecisionResponse,
  Hyperparameters,
  MlTrainingConfig,
  MlTrainingState,
  ModelConfig,
  ResearcherDecision,
} from './http';

export type {
  MlTrainingProgress,
  AuditCheckpoint,
  AuditReport,
  CheckpointRecord,
  DatasetConfig,
  DatasetSummary,
  DecisionRecord,
  DecisionResponse,
  EpochMetrics,
  Evaluation,
  Hyperparameters,
  MlTrainingConfig,
  MlTrainingState,
  ModelConfig,
  RecoveryRecord,
  ResearcherDecision,
  StartMlTrainingResponse,
  HistoryPageQuery,
  MetricsPage,
  CheckpointsPage,
} from './http';
export { SeededRng, hashToSeed, type RngState } from './prng';
export { sha256, sha256Hex, toHex, fromHex } from './sha256';
export { merkleRoot, merkleAppend, merkleFrontierRoot, emptyMerkleFrontier, type MerkleFrontier } from './merkle';
import type { MerkleFrontier } from './merkle';

export const ML_TASK_QUEUE = 'ml-training';
/** The ML worker's Worker Deployment (docs/versioning.md); its runs Auto-Upgrade to the current build. */
export const ML_WORKER_DEPLOYMENT = 'ml-worker';

export const MlWorkflowType = {
  Training: 'mlTrainingWorkflow',
  AuditCheckpoints: 'auditCheckpointsWorkflow',
  HistoryPage: 'mlHistoryPageWorkflow',
} as const;

export const OPTIMIZERS = ['SGD', 'Adam', 'AdamW'] as const;
export const DATASETS = ['iris', 'synthetic'] as const;
export const ACTIVATIONS = ['tanh', 'relu'] as const;
export const DECISION_ACTIONS = ['continue', 'adjust', 'stop'] as const;
export const CHECKPOINT_TRIGGERS = ['interval', 'boundary'] as const;
export const TRAINING_STATUSES = ['initializing', 'training', 'awaiting_decision', 'evaluating', 'completed', 'stopped', 'failed'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];
export type DecisionAction = (typeof DECISION_ACTIONS)[number];
export type MlTrainingStatus = (typeof TRAINING_STATUSES)[number];

/** The README's id shape: `ml-training-<modelId>-<timestamp>`. */
export const mlTrainingWorkflowId = (modelId: string, timestampMs: number): string => `ml-training-${modelId}-${timestampMs}`;
export const ML_TRAINING_WORKFLOW_ID_PREFIX = 'ml-training-';
export const mlAuditWorkflowId = (trainingWorkflowId: string, nonce: string): string => `ml-audit-${trainingWorkflowId}-${nonce}`;
export const mlHistoryPageWorkflowId = (trainingWorkflowId: string, nonce: string): string => `ml-history-${trainingWorkflowId}-${nonce}`;
/** Where a run's per-epoch rows live in the worker's store: stable across continue-as-new, unique per chain. */
export const mlHistoryStoreKey = (workflowId: string, firstExecutionRunId: string): string => `${workflowId}/${firstExecutionRunId}`;

/**
 * Marks the workflow version whose state is bounded: per-epoch metrics and checkpoint records go to the
 * worker's store, the workflow keeps a Merkle frontier, counters and these recent windows.
 */
export const ML_BOUNDED_HISTORY_PATCH = 'ml-bounded-history';
export const ML_RECENT = { metrics: 50, checkpoints: 10, decisions: 20, recoveries: 20 } as const;
/** Page sizes of GET …/metrics and …/checkpoints. */
export const ML_PAGE = { defaultLimit: 100, maxLimit: 500 } as const;

/**
 * What one request may make the worker hold or write. The schema bounds each field; these bound the
 * products a schema cannot express.
 */
export const ML_LIMITS = {
  /** samples × features: the data set in float64, about 16 MB per copy at the limit. */
  datasetCells: 2_000_000,
  /** Checkpoints are weights plus two optimizer moments in float64: parameters × 24 bytes each. */
  checkpointBytesPerRun: 1024 ** 3,
  /** A span's activity result lists one hash per checkpoint it wrote; this keeps it far below 2 MB. */
  epochsPerRun: 1000,
  /** The schema's maxima, checked again by the workflow for starts that bypass the gateway. */
  epochs: 100_000,
  batchSize: 4096,
  hiddenUnits: 1024,
  features: 512,
  classes: 64,
  samples: 1_000_000,
} as const;

/** Activity type of the span trainer; the gateway reads its heartbeat for live progress. */
export const ML_TRAIN_ACTIVITY = 'trainEpochs';

/**
 * Heartbeat details of the training activity: progress inside the running span, and what a retry of the
 * span resumes from (the newest checkpoint it wrote).
 */
export interface TrainingHeartbeat {
  /** Epochs completed. */
  epoch: number;
  loss: number | null;
  checkpoint: CheckpointRecord | null;
  /** Checkpoints this span has written so far (the most recent ones only, once the run keeps a store). */
  checkpoints: CheckpointRecord[];
  metrics: EpochMetrics[];
}

/** Progress, checkpoints, Merkle root and decisions; answered by running and closed workflows alike. */
export const mlTrainingStateQuery = defineQuery<MlTrainingState>('mlTrainingState');
/** A researcher's decision at a review point. Rejected (NotAwaiting) when no review is open. */
export const mlDecisionUpdate = defineUpdate<DecisionResponse, [ResearcherDecision]>('mlResearcherDecision');

/** Defaults applied by the workflow, so every client (gateway, CLI, tests) gets the same run. */
export const ML_DEFAULTS = {
  reviewTimeoutSeconds: 300,
  validationSplit: 0.2,
  testSplit: 0.2,
  epochsPerRun: 100,
  dataset: { name: 'iris' } as DatasetConfig,
  model: { hiddenUnits: 16, activation: 'tanh' } as ModelConfig,
  synthetic: { samples: 3000, features: 8, classes: 4, noise: 1.5 },
} as const;

export interface ResolvedDataset {
  name: (typeof DATASETS)[number];
  samples: number;
  features: number;
  classes: number;
  noise: number;
}

export interface ResolvedMlTrainingConfig {
  modelId: string;
  hyperparameters: Hyperparameters;
  checkpointInterval: number;
  reviewInterval: number;
  reviewTimeoutSeconds: number;
  randomSeed: number | undefined;
  dataset: ResolvedDataset;
  model: { hiddenUnits: number; activation: (typeof ACTIVATIONS)[number] };
  validationSplit: number;
  testSplit: number;
  epochsPerRun: number;
}

export function resolveMlConfig(config: MlTrainingConfig): ResolvedMlTrainingConfig {
  const dataset = config.dataset ?? ML_DEFAULTS.dataset;
  const synthetic = ML_DEFAULTS.synthetic;
  return {
    modelId: config.modelId,
    hyperparameters: { ...config.hyperparameters },
    checkpointInterval: config.checkpointInterval,
    reviewInterval: config.reviewInterval,
    reviewTimeoutSeconds: config.reviewTimeoutSeconds ?? ML_DEFAULTS.reviewTimeoutSeconds,
    randomSeed: config.randomSeed,
    dataset:
      dataset.name === 'iris'
        ? { name: 'iris', samples: 150, features: 4, classes: 3, noise: 0 }
        : {
            name: 'synthetic',
            samples: dataset.samples ?? synthetic.samples,
            features: dataset.features ?? synthetic.features,
            classes: dataset.classes ?? synthetic.classes,
            noise: dataset.noise ?? synthetic.noise,
          },
    model: {
      hiddenUnits: config.model?.hiddenUnits ?? ML_DEFAULTS.model.hiddenUnits,
      activation: config.model?.activation ?? ML_DEFAULTS.model.activation ?? 'tanh',
    },
    validationSplit: config.validationSplit ?? ML_DEFAULTS.validationSplit,
    testSplit: config.testSplit ?? ML_DEFAULTS.testSplit,
    epochsPerRun: config.epochsPerRun ?? ML_DEFAULTS.epochsPerRun,
  };
}

export interface ConfigProblem {
  /** Dotted path of the offending field, e.g. `hyperparameters.learningRate`. */
  field: string;
  message: string;
}

const isPositiveInt = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n > 0;
const isIntIn = (n: unknown, min: number, max: number): boolean => typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
const isUnitInterval = (n: unknown): boolean => typeof n === 'number' && n >= 0 && n < 1;

/**
 * Rules for hyperparameters, shared by the config check and the `adjust` decision's validator. The
 * gateway's schema catches most of these first; the workflow checks again for clients that bypass it.
 */
export function hyperparameterProblems(h: Partial<Hyperparameters>, prefix: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const at = (name: string) => `${prefix}.${name}`;
  if (h.learningRate !== undefined && !(typeof h.learningRate === 'number' && h.learningRate > 0 && h.learningRate <= 10)) {
    problems.push({ field: at('learningRate'), message: 'must be a number in (0, 10]' });
  }
  if (h.batchSize !== undefined && !isIntIn(h.batchSize, 1, ML_LIMITS.batchSize)) problems.push({ field: at('batchSize'), message: `must be an integer in [1, ${ML_LIMITS.batchSize}]` });
  if (h.epochs !== undefined && !isIntIn(h.epochs, 1, ML_LIMITS.epochs)) problems.push({ field: at('epochs'), message: `must be an integer in [1, ${ML_LIMITS.epochs}]` });
  if (h.optimizer !== undefined && !(OPTIMIZERS as readonly string[]).includes(h.optimizer)) {
    problems.push({ field: at('optimizer'), message: `must be one of ${OPTIMIZERS.join(', ')}` });
  }
  if (h.momentum !== undefined && !isUnitInterval(h.momentum)) problems.push({ field: at('momentum'), message: 'must be in [0, 1)' });
  if (h.beta1 !== undefined && !isUnitInterval(h.beta1)) problems.push({ field: at('beta1'), message: 'must be in [0, 1)' });
  if (h.beta2 !== undefined && !isUnitInterval(h.beta2)) problems.push({ field: at('beta2'), message: 'must be in [0, 1)' });
  if (h.weightDecay !== undefined && !(typeof h.weightDecay === 'number' && h.weightDecay >= 0 && h.weightDecay <= 1)) {
    problems.push({ field: at('weightDecay'), message: 'must be in [0, 1]' });
  }
  return problems;
}

/** Everything a schema cannot say (required-ness inside the workflow, cross-field rules). Empty = valid. */
export function mlConfigProblems(config: MlTrainingConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (typeof config.modelId !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(config.modelId)) {
    problems.push({ field: 'modelId', message: 'must be 1-100 letters, digits, ".", "_" or "-"' });
  }
  const h = config.hyperparameters;
  if (!h || typeof h !== 'object') {
    problems.push({ field: 'hyperparameters', message: 'is required' });
  } else {
    for (const name of ['learningRate', 'batchSize', 'epochs', 'optimizer'] as const) {
      if (h[name] === undefined) problems.push({ field: `hyperparameters.${name}`, message: 'is required' });
    }
    problems.push(...hyperparameterProblems(h, 'hyperparameters'));
  }
  if (!isPositiveInt(config.checkpointInterval)) problems.push({ field: 'checkpointInterval', message: 'must be a positive integer' });
  if (!isPositiveInt(config.reviewInterval)) problems.push({ field: 'reviewInterval', message: 'must be a positive integer' });
  if (config.reviewTimeoutSeconds !== undefined && !isPositiveInt(config.reviewTimeoutSeconds)) {
    problems.push({ field: 'reviewTimeoutSeconds', message: 'must be a positive integer' });
  }
  if (config.epochsPerRun !== undefined && !isPositiveInt(config.epochsPerRun)) problems.push({ field: 'epochsPerRun', message: 'must be a positive integer' });
  if (config.randomSeed !== undefined && !(Number.isInteger(config.randomSeed) && config.randomSeed >= 0 && config.randomSeed < 2 ** 32)) {
    problems.push({ field: 'randomSeed', message: 'must be an integer in [0, 2^32)' });
  }
  const resolved = resolveMlConfig({ ...config, hyperparameters: h ?? ({} as Hyperparameters) });
  if (resolved.validationSplit + resolved.testSplit > 0.8) {
    problems.push({ field: 'testSplit', message: 'validationSplit + testSplit must leave at least 20% for training' });
  }
  const perClassFloor = resolved.dataset.classes * 2;
  const smallest = Math.floor(resolved.dataset.samples * Math.min(resolved.validationSplit, resolved.testSplit));
  if (smallest < perClassFloor) {
    problems.push({ field: 'dataset.samples', message: `too few samples: each split needs at least ${perClassFloor}` });
  }
  const sized = [
    ['dataset.samples', config.dataset?.samples, 1, ML_LIMITS.samples],
    ['dataset.features', config.dataset?.features, 1, ML_LIMITS.features],
    ['dataset.classes', config.dataset?.classes, 2, ML_LIMITS.classes],
    ['model.hiddenUnits', config.model?.hiddenUnits, 0, ML_LIMITS.hiddenUnits],
  ] as const;
  for (const [field, value, min, max] of sized) {
    if (value !== undefined && !isIntIn(value, min, max)) problems.push({ field, message: `must be an integer in [${min}, ${max}]` });
  }
  const cells = resolved.dataset.samples * resolved.dataset.features;
  if (cells > ML_LIMITS.datasetCells) {
    problems.push({ field: 'dataset.samples', message: `samples × features must be at most ${ML_LIMITS.datasetCells} (got ${resolved.dataset.samples} × ${resolved.dataset.features} = ${cells})` });
  }
  if (config.epochsPerRun !== undefined && config.epochsPerRun > ML_LIMITS.epochsPerRun) {
    problems.push({ field: 'epochsPerRun', message: `must be at most ${ML_LIMITS.epochsPerRun}` });
  }
  if (h && isPositiveInt(h.epochs) && isPositiveInt(config.checkpointInterval)) {
    const bytes = estimatedCheckpointBytes(resolved, h.epochs);
    if (bytes > ML_LIMITS.checkpointBytesPerRun) {
      problems.push({
        field: 'checkpointInterval',
        message: `too many checkpoints for this model: about ${Math.ceil(bytes / 1024 ** 2)} MiB of checkpoints, at most ${ML_LIMITS.checkpointBytesPerRun / 1024 ** 2} MiB (raise checkpointInterval or lower epochs or hiddenUnits)`,
      });
    }
  }
  if (config.dataset?.name === 'iris') {
    for (const name of ['samples', 'features', 'classes', 'noise'] as const) {
      if (config.dataset[name] !== undefined) problems.push({ field: `dataset.${name}`, message: 'applies to the synthetic dataset only' });
    }
  }
  return problems;
}

/** Trainable parameters of the model a config describes (the same count `Mlp` allocates). */
export function mlParameterCount(config: ResolvedMlTrainingConfig): number {
  const { features, classes } = config.dataset;
  const hidden = config.model.hiddenUnits;
  return hidden > 0 ? features * hidden + hidden + hidden * classes + classes : features * classes + classes;
}

/**
 * Disk a run's checkpoints take: one every `checkpointInterval` epochs plus one at the end of every span
 * (review or continue-as-new point), each the weights and two optimizer moments in float64.
 */
export function estimatedCheckpointBytes(config: ResolvedMlTrainingConfig, epochs: number): number {
  const spanLength = Math.min(config.reviewInterval, config.epochsPerRun);
  const count = Math.ceil(epochs / config.checkpointInterval) + Math.ceil(epochs / Math.max(1, spanLength));
  return count * mlParameterCount(config) * 24;
}

/** Input of the training workflow. `carried` is set only by continue-as-new. */
export interface MlTrainingWorkflowInput {
  config: MlTrainingConfig;
  carried?: CarriedTrainingState;
}

/** What a run hands to its continuation: the public state plus the generator and review bookkeeping. */
export interface CarriedTrainingState {
  state: MlTrainingState;
  rngState: readonly [number, number, number, number];
  initSeed: number;
  dataSeed: number;
  stopRequested: boolean;
  /** Set by runs that keep their per-epoch rows in the worker's store (ML_BOUNDED_HISTORY_PATCH). */
  storeKey?: string;
  merkle?: MerkleFrontier;
}

/**
 * `checkpoints` for runs from before the store (their records are in workflow state); otherwise the
 * audit reads every record under `storeKey` from the worker's store.
 */
export interface AuditCheckpointsInput {
  trainingWorkflowId: string;
  merkleRoot: string;
  storeKey?: string;
  checkpoints?: CheckpointRecord[];
}

export type MlHistoryKind = 'metrics' | 'checkpoints';

/** One page of a run's stored history: rows with epoch > `after`, at most `limit`. */
export interface MlHistoryPageInput {
  storeKey: string;
  kind: MlHistoryKind;
  after: number;
  limit: number;
}

export type MlHistoryPage = { kind: 'metrics'; items: EpochMetrics[]; nextCursor: number | null } | { kind: 'checkpoints'; items: CheckpointRecord[]; nextCursor: number | null };

