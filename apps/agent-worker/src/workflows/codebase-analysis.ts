import { ActivityCancellationType, ActivityFailure, ApplicationFailure, type Duration } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import {
  analysisProgressQuery,
  approveBudgetUpdate,
  approvePlanUpdate,
  DEFAULT_BUDGET,
  DEFAULT_BUDGET_APPROVAL_TIMEOUT,
  DEFAULT_CONTINUE_AS_NEW_EVERY,
  DEFAULT_PLAN_APPROVAL_TIMEOUT,
  emptyIssueCounts,
  MAX_ANALYSIS_FILES,
  SEVERITY_RANK,
  type AnalysisProgress,
  type AnalysisStage,
  type AnalysisStatus,
  type AnalysisStrategy,
  type BatchOutcome,
  type BudgetApprovalBody,
  type CodebaseAnalysisInput,
  type CodebaseAnalysisResult,
  type PlanApprovalBody,
  type PlanBatch,
} from '@temporal-ecommerce/contracts/agent';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { SA } from '@temporal-ecommerce/contracts/search-attributes';
import { Saga } from '@temporal-ecommerce/saga';
import type { AgentActivities, FileSummary } from '../activities';
import type { RuleId } from '../analysis/rules';
import { nextStrategy } from './strategy';

const NON_RETRYABLE = [ErrorType.InvalidRequest, ErrorType.RepositoryUnavailable, ErrorType.LlmRequestRejected];

/** One file per call: a completed file is in history and never analysed again, even after a crash. */
const analysis = proxyActivities<AgentActivities>({
  startToCloseTimeout: '5 minutes',
  // Heartbeats every second; a worker killed mid-file is noticed within seconds, not minutes.
  heartbeatTimeout: '5 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
});

/**
 * The file step as runs with FILE_STEP_QUICK_RECOVERY_PATCH schedule it: a worker killed mid-file is
 * noticed after 2 s without a heartbeat (the activity heartbeats every 500 ms, the agent worker sends them
 * at least every 500 ms: 1.5 s of slack for a stalled event loop) and the file is retried 0.5 s later,
 * instead of 5 s + 1 s. With the agent's 1 s sticky queue timeout, a crashed worker's analysis moves again
 * within ~3 s of its replacement polling (bench/RESULTS.md (c); trade-offs in docs/performance.md).
 */
const quickAnalysis = proxyActivities<AgentActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '2 seconds',
  retry: { initialInterval: '500 milliseconds', backoffCoefficient: 2, maximumInterval: '30 seconds', maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
});

/** Patch id: the file step's heartbeat timeout and first retry sized for a quick recovery (quickAnalysis). */
const FILE_STEP_QUICK_RECOVERY_PATCH = 'file-step-quick-recovery';

const refactoring = proxyActivities<AgentActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '30 seconds',
  // A cancelled workflow waits until the activity has stopped (its test run killed, its writes done)
  // before the rollback restores the files: nothing may write into the workspace after the restore.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE },
});

/**
 * A codebase's test run: heartbeats every second, so a short heartbeat timeout gets a cancellation to
 * it within seconds (the SDK throttles heartbeats to 80 % of the timeout) and the run is killed at once.
 */
const testing = proxyActivities<AgentActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '5 seconds',
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE },
});

const bookkeeping = proxyActivities<AgentActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE },
});

/** Patch id: a batch cancelled mid-way is rolled back before the cancellation ends the run. */
const ROLLBACK_ON_CANCEL_PATCH = 'rollback-batch-on-cancel';

/** A workflow started directly on the server is not limited by the gateway's schema. */
function tooManyFiles(files: readonly string[] | undefined): void {
  if (files && files.length > MAX_ANALYSIS_FILES) {
    throw ApplicationFailure.create({ type: ErrorType.InputTooLarge, message: `files has ${files.length} entries; at most ${MAX_ANALYSIS_FILES}`, nonRetryable: true });
  }
}

/** The status list keeps the most severe issues seen, capped so the query stays small. */
const ISSUE_CAP = 50;
const TEST_DETAIL_CHARS = 600;

function notAwaiting(what: string, status: AnalysisStatus): ApplicationFailure {
  return ApplicationFailure.create({ type: ErrorType.NotAwaiting, message: `No ${what} approval is pending (status: ${status})`, nonRetryable: true });
}

function initialStrategy(input: CodebaseAnalysisInput): AnalysisStrategy {
  return input.analysisType === 'security' ? 'security-focused' : 'thorough';
}

/**
 * The codebase-analysis agent: analyse every file (one activity each), pausing on a budget approval
 * when the spend passes the budget; plan fixes in batches by priority; optionally wait up to 24 h for
 * the plan's approval; refactor batch by batch in a working copy, running the codebase's tests after
 * each batch and rolling a failing batch back; report. Per-file results live in the worker's store,
 * and the workflow continues as new every `continueAsNewEvery` files, so history stays small.
 */
export async function codebaseAnalysisWorkflow(input: CodebaseAnalysisInput): Promise<CodebaseAnalysisResult> {
  const info = workflowInfo();
  const carry = input.carryOver;
  const storeKey = carry?.storeKey ?? `${info.workflowId}/${info.firstExecutionRunId}`;
  const budget = carry?.budget ?? input.budget ?? DEFAULT_BUDGET;
  const costSoFar = carry?.costSoFar ?? 0;
  const state: AnalysisProgress = {
    taskId: input.taskId,
    status: 'analyzing',
    currentStage: 'file-analysis',
    filesAnalyzed: carry?.filesAnalyzed ?? 0,
    totalFiles: input.files?.length ?? 0,
    costSoFar,
    budget,
    budgetRemaining: budget - costSoFar,
    issues: carry?.issues ?? [],
    issueCounts: carry?.issueCounts ?? emptyIssueCounts(),
    strategy: carry?.strategy ?? initialStrategy(input),
    strategySwitches: carry?.strategySwitches ?? [],
    batches: [],
  };
  let budgetDecision: BudgetApprovalBody | undefined;
  let planDecision: PlanApprovalBody | undefined;

  const setStatus = (status: AnalysisStatus, stage: AnalysisStage): void => {
    if (state.status !== status) upsertSearchAttributes([{ key: SA.AgentStatus, value: status }]);
    state.status = status;
    state.currentStage = stage;
  };

  setHandler(analysisProgressQuery, () => state);
  setHandler(
    approveBudgetUpdate,
    async (decision) => {
      budgetDecision = decision;
      await condition(() => state.status !== 'awaiting_budget_approval');
      return state;
    },
    {
      validator: (decision) => {
        if (state.status !== 'awaiting_budget_approval' || budgetDecision) throw notAwaiting('budget', state.status);
        if (decision.approved && (decision.newBudget === undefined || decision.newBudget <= state.costSoFar)) {
          throw ApplicationFailure.create({
            type: ErrorType.InvalidRequest,
            message: `newBudget must be given and exceed the cost so far ($${state.costSoFar.toFixed(4)})`,
            nonRetryable: true,
          });
        }
      },
    },
  );
  setHandler(
    approvePlanUpdate,
    async (decision) => {
      planDecision = decision;
      await condition(() => state.status !== 'awaiting_plan_approval');
      return state;
    },
    {
      validator: (_decision) => {
        if (state.status !== 'awaiting_plan_approval' || planDecision) throw notAwaiting('plan', state.status);
      },
    },
  );

  const finish = async (status: 'completed' | 'cancelled', cancelReason?: string): Promise<CodebaseAnalysisResult> => {
    setStatus(status, 'report');
    if (cancelReason) {
      state.cancelReason = cancelReason;
      log.info('Analysis cancelled', { taskId: input.taskId, reason: cancelReason });
    }
    const { reportPath } = await bookkeeping.writeReport({ storeKey, progress: state });
    state.reportPath = reportPath;
    state.currentStage = 'done';
    await condition(allHandlersFinished);
    return state;
  };

  const record = (summary: FileSummary): void => {
    state.filesAnalyzed++;
    state.costSoFar = Math.round((state.costSoFar + summary.cost) * 1e6) / 1e6;
    state.budgetRemaining = Math.round((state.budget - state.costSoFar) * 1e6) / 1e6;
    for (const severity of Object.keys(state.issueCounts) as (keyof typeof state.issueCounts)[]) {
      state.issueCounts[severity] += summary.issueCounts[severity];
    }
    // Stable sort: among equally severe issues the earlier files stay first.
    state.issues = [...state.issues, ...summary.topIssues].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]).slice(0, ISSUE_CAP);
    const change = nextStrategy(state, summary);
    if (change) {
      state.strategySwitches.push({ atFile: state.filesAnalyzed, from: state.strategy, to: change.to, reason: change.reason });
      log.info('Strategy switched', { taskId: input.taskId, from: state.strategy, to: change.to, reason: change.reason });
      state.strategy = change.to;
    }
  };

  /** Waits for a budget decision. Undefined: go on with the new budget; otherwise why the run is cancelled. */
  const budgetGate = async (): Promise<string | undefined> => {
    setStatus('awaiting_budget_approval', 'budget-approval');
    log.info('Budget exceeded; waiting for approval', { taskId: input.taskId, costSoFar: state.costSoFar, budget: state.budget });
    const timeout = input.budgetApprovalTimeout ?? DEFAULT_BUDGET_APPROVAL_TIMEOUT;
    const decided = await condition(() => budgetDecision !== undefined, timeout as Duration);
    const decision = budgetDecision;
    budgetDecision = undefined;
    if (!decided || !decision) return `budget approval timed out after ${String(timeout)}`;
    if (!decision.approved) return `budget increase rejected${decision.approvedBy ? ` by ${decision.approvedBy}` : ''}${decision.reason ? `: ${decision.reason}` : ''}`;
    state.budget = decision.newBudget!;
    state.budgetRemaining = Math.round((state.budget - state.costSoFar) * 1e6) / 1e6;
    const change = nextStrategy(state, undefined);
    if (change) {
      state.strategySwitches.push({ atFile: state.filesAnalyzed, from: state.strategy, to: change.to, reason: change.reason });
      state.strategy = change.to;
    }
    setStatus('analyzing', 'file-analysis');
    return undefined;
  };

  // ---- 1. File analysis -------------------------------------------------------------------------
  tooManyFiles(input.files);
  const files = input.files ?? (await bookkeeping.listSourceFiles({ repositoryPath: input.repositoryPath }));
  state.totalFiles = files.length;
  const firstOfRun = state.filesAnalyzed;
  const every = input.continueAsNewEvery ?? DEFAULT_CONTINUE_AS_NEW_EVERY;
  for (let i = state.filesAnalyzed; i < files.length; i++) {
    if (i - firstOfRun >= every || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      log.info('Continuing as new', { taskId: input.taskId, filesAnalyzed: state.filesAnalyzed });
      const { issues, issueCounts, strategy, strategySwitches, filesAnalyzed } = state;
      return continueAsNew<typeof codebaseAnalysisWorkflow>({
        ...input,
        files,
        carryOver: { storeKey, filesAnalyzed, costSoFar: state.costSoFar, budget: state.budget, issues, issueCounts, strategy, strategySwitches },
      });
    }
    // Histories recorded before the patch keep the 5 s heartbeat timeout their activities were scheduled with.
    const fileStep = patched(FILE_STEP_QUICK_RECOVERY_PATCH) ? quickAnalysis : analysis;
    const summary = await fileStep.analyzeFile({ storeKey, repositoryPath: input.repositoryPath, file: files[i]!, strategy: state.strategy });
    record(summary);
    if (state.costSoFar > state.budget) {
      const cancelled = await budgetGate();
      if (cancelled) return finish('cancelled', cancelled);
    }
  }

  if (!input.targetImprovement) return finish('completed');

  // ---- 2. Plan -----------------------------------------------------------------------------------
  setStatus('planning', 'refactor-planning');
  const plan = await bookkeeping.generateRefactorPlan({ storeKey, targetImprovement: input.targetImprovement });
  state.plan = { planId: plan.planId, totalFixes: plan.totalFixes, batches: plan.batches };
  if (plan.batches.length === 0) {
    state.refactorSkippedReason = 'no automatic fixes apply';
    return finish('completed');
  }

  if (input.requiresApproval) {
    setStatus('awaiting_plan_approval', 'plan-approval');
    const timeout = input.planApprovalTimeout ?? DEFAULT_PLAN_APPROVAL_TIMEOUT;
    const decided = await condition(() => planDecision !== undefined, timeout as Duration);
    if (!decided || !planDecision) return finish('cancelled', `plan approval timed out after ${String(timeout)}`);
    if (!planDecision.approved) {
      const by = planDecision.approvedBy ? ` by ${planDecision.approvedBy}` : '';
      return finish('cancelled', `plan rejected${by}${planDecision.reason ? `: ${planDecision.reason}` : ''}`);
    }
    log.info('Plan approved', { taskId: input.taskId, approvedBy: planDecision.approvedBy });
  }

  // ---- 3. Refactor, batch by batch ---------------------------------------------------------------
  setStatus('refactoring', 'refactoring');
  const { workspacePath } = await refactoring.prepareWorkspace({ storeKey, repositoryPath: input.repositoryPath, inPlace: input.applyInPlace ?? false });
  state.workspacePath = workspacePath;
  let baseline;
  try {
    baseline = await testing.runTests({ workspacePath, label: 'baseline' });
  } catch (err) {
    const cause = err instanceof ActivityFailure ? err.cause : undefined;
    if (!(cause instanceof ApplicationFailure) || cause.type !== ErrorType.SandboxUnavailable) throw err;
    state.refactorSkippedReason = `the worker cannot sandbox the codebase's tests: ${cause.message}`;
    return finish('completed');
  }
  if (!baseline.passed) {
    state.refactorSkippedReason = baseline.hasTests
      ? `the tests fail before any change (${baseline.command}), so a failing batch could not be told apart`
      : 'the codebase has no test script, so no change could be verified';
    return finish('completed');
  }

  for (const batch of plan.batches) {
    state.batches.push(await refactorBatch(batch, workspacePath, plan.rules, storeKey, setStatus));
    setStatus('refactoring', 'refactoring');
  }
  return finish('completed');
}

/**
 * Applies one batch and runs the tests. The batch's rollback is on the saga's stack before anything
 * is written, so a failure at any point (a fix that throws, tests that fail) restores every file the
 * batch touched. A rollback that itself fails fails the run: the workspace can no longer be trusted.
 */
async function refactorBatch(
  batch: PlanBatch,
  workspacePath: string,
  rules: RuleId[],
  storeKey: string,
  setStatus: (status: AnalysisStatus, stage: AnalysisStage) => void,
): Promise<BatchOutcome> {
  const saga = new Saga();
  const ids = { storeKey, batchId: batch.batchId, workspacePath };
  saga.addCompensation(`rollback ${batch.batchId}`, () => refactoring.rollbackBatch(ids));
  let filesChanged: string[] = [];
  try {
    const change = await refactoring.applyBatchFixes({ ...ids, files: batch.files, rules });
    filesChanged = change.filesChanged;
    setStatus('testing', 'refactoring');
    const tests = await testing.runTests({ workspacePath, label: batch.batchId });
    if (tests.passed) return { batchId: batch.batchId, status: 'applied', filesChanged, fixesApplied: change.fixesApplied, detail: 'tests passed' };
    await saga.compensate();
    log.info('Batch rolled back: tests failed', { batchId: batch.batchId });
    return { batchId: batch.batchId, status: 'rolled_back', filesChanged, fixesApplied: 0, detail: tests.summary.slice(0, TEST_DETAIL_CHARS) };
  } catch (err) {
    if (err instanceof ApplicationFailure && err.type === ErrorType.CompensationFailed) throw err;
    if (isCancellation(err)) {
      // Cancelled mid-batch: the batch's untested edits must not stay behind (in the user's repository
      // with applyInPlace). The saga runs the rollback in a non-cancellable scope. Histories recorded
      // before this rule skipped it, so they replay unchanged.
      if (patched(ROLLBACK_ON_CANCEL_PATCH)) {
        log.info('Batch cancelled; rolling back', { batchId: batch.batchId });
        await saga.compensate();
      }
      throw err;
    }
    await saga.compensate();
    const message = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    return { batchId: batch.batchId, status: 'failed', filesChanged, fixesApplied: 0, detail: message };
  }
}
