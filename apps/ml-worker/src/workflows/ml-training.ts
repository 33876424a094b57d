import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import {
  ML_BOUNDED_HISTORY_PATCH,
  ML_RECENT,
  SeededRng,
  emptyMerkleFrontier,
  hashToSeed,
  hyperparameterProblems,
  merkleAppend,
  merkleFrontierRoot,
  merkleRoot,
  mlConfigProblems,
  mlDecisionUpdate,
  mlHistoryStoreKey,
  mlTrainingStateQuery,
  resolveMlConfig,
  type CarriedTrainingState,
  type DecisionRecord,
  type DecisionResponse,
  type MlTrainingState,
  type MlTrainingStatus,
  type MlTrainingWorkflowInput,
  type ResearcherDecision,
} from '@temporal-ecommerce/contracts/ml';
import { SA } from '@temporal-ecommerce/contracts/search-attributes';
import type { MlActivities, TrainSpanResult } from '../activities';

const NON_RETRYABLE = [ErrorType.TrainingDiverged, ErrorType.CheckpointCorrupt, ErrorType.CheckpointMissing, ErrorType.InvalidState, ErrorType.InvalidRequest];

const { prepareTraining } = proxyActivities<MlActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
});

/** Evaluation heartbeats between chunks of the test split, so a dead worker is noticed in seconds. */
const { evaluateModel } = proxyActivities<MlActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
});

/**
 * Spans of epochs run as one long activity. The short heartbeat timeout is what notices a dead worker:
 * within seconds the attempt times out and the retry resumes from the checkpoint in its last heartbeat.
 */
const { trainEpochs } = proxyActivities<MlActivities>({
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '5 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds', maximumAttempts: 20, nonRetryableErrorTypes: NON_RETRYABLE },
});

/**
 * Trains a model in spans of epochs, pausing every `reviewInterval` epochs for a researcher's decision,
 * keeping a Merkle root over the checkpoint hashes, and continuing as new every `epochsPerRun` epochs.
 * Every epoch's metrics and checkpoint record live in the worker's history store; the workflow carries
 * a Merkle frontier, counters and recent windows, so its state stays the same size for any run length.
 * Runs started before ML_BOUNDED_HISTORY_PATCH keep every record in state, as they did.
 */
export async function mlTrainingWorkflow(input: MlTrainingWorkflowInput): Promise<MlTrainingState> {
  const { workflowId } = workflowInfo();
  const config = resolveMlConfig(input.config);
  const problems = mlConfigProblems(input.config);
  if (problems.length > 0) {
    throw ApplicationFailure.nonRetryable(`invalid training config: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, ErrorType.InvalidRequest, problems);
  }

  // A continuation follows the chain's first run; only a first run asks which version it is.
  const bounded = input.carried ? input.carried.storeKey !== undefined : patched(ML_BOUNDED_HISTORY_PATCH);
  const storeKey = bounded ? (input.carried?.storeKey ?? mlHistoryStoreKey(workflowId, workflowInfo().firstExecutionRunId)) : undefined;
  let merkle = input.carried?.merkle ?? emptyMerkleFrontier();
  const carried = input.carried ?? freshState(workflowId, input, storeKey);
  const state = carried.state;
  // State carried from before the counters existed.
  state.checkpointCount ??= state.checkpoints.length;
  state.decisionCount ??= state.decisions.length;
  state.recoveryCount ??= state.recoveries.length;
  state.historyStoreKey ??= storeKey ?? null;
  const keepRecent = <T>(rows: T[], limit: number): T[] => (bounded ? rows.slice(-limit) : rows);
  const addDecision = (decision: DecisionRecord): void => {
    state.decisions = keepRecent([...state.decisions, decision], ML_RECENT.decisions);
    state.decisionCount += 1;
  };
  const rng = SeededRng.fromState(carried.rngState);
  let stopRequested = carried.stopRequested;
  let pending: ResearcherDecision | undefined;
  const runStartEpoch = state.currentEpoch;

  const setStatus = (status: MlTrainingStatus): void => {
    state.status = status;
    upsertSearchAttributes([
      { key: SA.MlTrainingStatus, value: status },
      { key: SA.MlEpoch, value: state.currentEpoch },
    ]);
  };

  setHandler(mlTrainingStateQuery, () => state);
  setHandler(
    mlDecisionUpdate,
    (decision): DecisionResponse => {
      const review = state.awaitingDecision!;
      pending = decision;
      const record: DecisionRecord = {
        epoch: review.epoch,
        action: decision.action,
        reason: decision.reason,
        author: decision.author ?? 'anonymous',
        timedOut: false,
        decidedAt: new Date().toISOString(),
        ...(decision.action === 'adjust' ? { hyperparameters: { ...state.hyperparameters, ...decision.newHyperparameters } } : {}),
      };
      addDecision(record);
      log.info('researcher decision', { workflowId, epoch: review.epoch, action: decision.action, author: record.author });
      return { workflowId, accepted: true, epoch: review.epoch, action: decision.action, message: `decision "${decision.action}" recorded at epoch ${review.epoch}` };
    },
    {
      validator: (decision) => {
        if (!state.awaitingDecision || pending !== undefined) {
          throw ApplicationFailure.create({
            type: ErrorType.NotAwaiting,
            message: `no review is waiting for a decision (status ${state.status}, epoch ${state.currentEpoch}/${state.totalEpochs})`,
            nonRetryable: true,
          });
        }
        if (decision.action !== 'adjust') return;
        const changes = decision.newHyperparameters;
        const invalid = (field: string, message: string) => ApplicationFailure.create({ type: ErrorType.InvalidRequest, message: `${field} ${message}`, nonRetryable: true, details: [{ field, message }] });
        if (!changes || Object.keys(changes).length === 0) throw invalid('newHyperparameters', 'is required for "adjust"');
        const [problem] = hyperparameterProblems(changes, 'newHyperparameters');
        if (problem) throw invalid(problem.field, problem.message);
        // The adjusted run must still fit the limits a new run would be held to (checkpoint volume).
        const [limit] = mlConfigProblems({ ...input.config, hyperparameters: { ...state.hyperparameters, ...changes } });
        if (limit) throw invalid(limit.field.startsWith('hyperparameters.') ? `newHyperparameters.${limit.field.slice('hyperparameters.'.length)}` : 'newHyperparameters', limit.message);
        if (changes.epochs !== undefined && changes.epochs <= state.currentEpoch) {
          throw invalid('newHyperparameters.epochs', `must be greater than the epochs already trained (${state.currentEpoch})`);
        }
      },
    },
  );

  const applyDecision = (): void => {
    const decision = pending;
    pending = undefined;
    if (!decision) return;
    if (decision.action === 'stop') stopRequested = true;
    if (decision.action === 'adjust') {
      state.hyperparameters = { ...state.hyperparameters, ...decision.newHyperparameters };
      state.totalEpochs = state.hyperparameters.epochs;
    }
  };

  const awaitReview = async (epoch: number): Promise<void> => {
    const timeoutMs = config.reviewTimeoutSeconds * 1000;
    state.awaitingDecision = { epoch, deadline: new Date(Date.now() + timeoutMs).toISOString() };
    setStatus('awaiting_decision');
    await condition(() => pending !== undefined, timeoutMs);
    state.awaitingDecision = null;
    // A decision accepted in the same task the timer fired in still counts.
    if (pending === undefined) {
      addDecision({ epoch, action: 'continue', reason: `no decision within ${config.reviewTimeoutSeconds}s: continuing`, author: 'system', timedOut: true, decidedAt: new Date().toISOString() });
      return;
    }
    applyDecision();
  };

  const record = (result: TrainSpanResult, endEpoch: number): void => {
    if (bounded) {
      // A worker from before the store (mid-deploy) returns the whole span's records instead of hashes.
      for (const hash of result.checkpointHashes ?? result.checkpoints.map((c) => c.sha256)) merkle = merkleAppend(merkle, hash);
      state.merkleRoot = merkleFrontierRoot(merkle);
      state.checkpointCount = merkle.size;
      state.metrics = keepRecent([...state.metrics, ...result.metrics], ML_RECENT.metrics);
      state.checkpoints = keepRecent([...state.checkpoints, ...result.checkpoints], ML_RECENT.checkpoints);
    } else {
      state.metrics.push(...result.metrics);
      state.checkpoints.push(...result.checkpoints);
      state.merkleRoot = merkleRoot(state.checkpoints.map((c) => c.sha256));
      state.checkpointCount = state.checkpoints.length;
    }
    if (result.recovery) {
      state.recoveries = keepRecent([...state.recoveries, result.recovery], ML_RECENT.recoveries);
      state.recoveryCount += 1;
    }
    state.currentEpoch = endEpoch;
    const last = result.metrics.at(-1);
    if (last) {
      state.currentLoss = last.validationLoss;
      state.currentAccuracy = last.validationAccuracy;
    }
    // A bounded span reports its best epoch; a span from before reports every epoch.
    const candidates = result.best !== undefined ? (result.best ? [{ validationLoss: result.best.loss, epoch: result.best.epoch }] : []) : result.metrics;
    for (const m of candidates) {
      if (state.bestLoss === null || m.validationLoss < state.bestLoss) {
        state.bestLoss = m.validationLoss;
        state.bestEpoch = m.epoch;
      }
    }
  };

  try {
    if (!state.dataset) {
      upsertSearchAttributes([{ key: SA.MlModelId, value: config.modelId }]);
      state.dataset = await prepareTraining({ config, dataSeed: carried.dataSeed });
    }
    while (state.currentEpoch < state.totalEpochs && !stopRequested) {
      if (state.currentEpoch - runStartEpoch >= config.epochsPerRun || workflowInfo().continueAsNewSuggested) {
        await condition(allHandlersFinished);
        log.info('continuing as new', { workflowId, epoch: state.currentEpoch });
        state.continuedAsNew += 1;
        const next: CarriedTrainingState = { state, rngState: rng.state(), initSeed: carried.initSeed, dataSeed: carried.dataSeed, stopRequested, ...(storeKey ? { storeKey, merkle } : {}) };
        return await continueAsNew<typeof mlTrainingWorkflow>({ config: input.config, carried: next });
      }
      const start = state.currentEpoch;
      const nextReview = (Math.floor(start / config.reviewInterval) + 1) * config.reviewInterval;
      const end = Math.min(state.totalEpochs, nextReview, runStartEpoch + config.epochsPerRun);
      setStatus('training');
      const rngStateAtStart = rng.state();
      const shuffleSeeds = Array.from({ length: end - start }, () => rng.nextUint32());
      const resumeFrom = state.checkpoints.at(-1) ?? null;
      const result = await trainEpochs({
        workflowId,
        config,
        hyperparameters: state.hyperparameters,
        initSeed: carried.initSeed,
        dataSeed: carried.dataSeed,
        startEpoch: start,
        endEpoch: end,
        rngStateAtStart,
        shuffleSeeds,
        resumeFrom,
        ...(storeKey ? { storeKey } : {}),
      });
      record(result, end);
      if (end % config.reviewInterval === 0 && end < state.totalEpochs) await awaitReview(end);
    }

    setStatus('evaluating');
    const last = state.checkpoints.at(-1);
    if (last) state.evaluation = await evaluateModel({ workflowId, config, dataSeed: carried.dataSeed, checkpoint: last });
    setStatus(stopRequested && state.currentEpoch < state.totalEpochs ? 'stopped' : 'completed');
    log.info('training finished', { workflowId, status: state.status, epoch: state.currentEpoch, accuracy: state.evaluation?.accuracy });
    return state;
  } catch (err) {
    const cause = err instanceof ActivityFailure ? err.cause : err;
    state.error = cause instanceof Error ? cause.message : String(cause);
    setStatus('failed');
    if (cause instanceof ApplicationFailure && cause.type) {
      throw ApplicationFailure.create({ type: cause.type, message: `training failed at epoch ${state.currentEpoch}: ${cause.message}`, nonRetryable: true, cause: err as Error });
    }
    throw err;
  }
}

function freshState(workflowId: string, input: MlTrainingWorkflowInput, storeKey: string | undefined): CarriedTrainingState {
  const config = resolveMlConfig(input.config);
  const seed = config.randomSeed ?? hashToSeed(workflowId);
  const rng = SeededRng.fromSeed(seed);
  // Drawn first, in this order, so a seed always gives the same initial weights and data split.
  const initSeed = rng.nextUint32();
  const dataSeed = rng.nextUint32();
  return {
    state: {
      workflowId,
      modelId: config.modelId,
      status: 'initializing',
      currentEpoch: 0,
      totalEpochs: config.hyperparameters.epochs,
      currentLoss: null,
      currentAccuracy: null,
      bestLoss: null,
      bestEpoch: null,
      hyperparameters: config.hyperparameters,
      seed,
      dataset: null,
      checkpoints: [],
      checkpointCount: 0,
      merkleRoot: merkleRoot([]),
      decisions: [],
      decisionCount: 0,
      awaitingDecision: null,
      metrics: [],
      recoveries: [],
      recoveryCount: 0,
      historyStoreKey: storeKey ?? null,
      evaluation: null,
      continuedAsNew: 0,
      error: null,
    },
    rngState: rng.state(),
    initSeed,
    dataSeed,
    stopRequested: false,
  };
}
