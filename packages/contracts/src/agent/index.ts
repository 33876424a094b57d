/**
 * The agent domain's public contract: task queue, workflow types, id helpers, messages and types.
 * Sandbox-safe (imported by workflow code): no Node builtins, no I/O, no TypeBox values.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type {
  AnalysisProgress,
  AnalyzeRequest,
  BatchOutcome,
  BudgetApprovalBody,
  Issue,
  IssueCounts,
  MultiAgentRequest,
  MultiAgentStatus,
  PlanApprovalBody,
  PlanBatch,
  RefactorPlan,
  SpecialistOutcome,
  StrategySwitch,
} from './http';

export type {
  AnalysisProgress,
  AnalyzeRequest,
  BatchOutcome,
  BudgetApprovalBody,
  Issue,
  IssueCounts,
  MultiAgentRequest,
  MultiAgentStatus,
  PlanApprovalBody,
  PlanBatch,
  RefactorPlan,
  SpecialistOutcome,
  StrategySwitch,
};

export const AGENT_TASK_QUEUE = 'agent-tasks';
/** The agent worker's Worker Deployment (docs/versioning.md); its runs Auto-Upgrade to the current build. */
export const AGENT_WORKER_DEPLOYMENT = 'agent-worker';

export const AgentWorkflowType = {
  CodebaseAnalysis: 'codebaseAnalysisWorkflow',
  MultiAgentCoordinator: 'multiAgentCoordinatorWorkflow',
  Specialist: 'specialistAgentWorkflow',
  BatchDiff: 'batchDiffWorkflow',
} as const;

/** A short read of one refactor batch's diff from the agent worker's store; a fresh id per read. */
export function agentBatchDiffWorkflowId(analysisWorkflowId: string, nonce: string): string {
  return `agent-diff-${analysisWorkflowId}-${nonce}`;
}

/** Which diff to read: the analysis's store key (workflow id + first run id) and the batch. */
export interface BatchDiffInput {
  storeKey: string;
  batchId: string;
}

/** A batch's unified diff as the worker stored it (capped; `bytes` is the full size); null when it has none. */
export interface BatchDiffRecord {
  files: { file: string; added: number; removed: number }[];
  diff: string;
  truncated: boolean;
  bytes: number;
}

/** One workflow per analysis task; the id doubles as the duplicate-task guard while it runs. */
export function agentAnalysisWorkflowId(taskId: string): string {
  return `agent-analysis-${taskId}`;
}

export function multiAgentWorkflowId(projectName: string): string {
  return `multi-agent-${projectName}`;
}

export function specialistWorkflowId(coordinatorWorkflowId: string, kind: SpecialistKind): string {
  return `${coordinatorWorkflowId}-${kind}`;
}

export const DEFAULT_BUDGET = 5;
export const DEFAULT_PLAN_APPROVAL_TIMEOUT = '24 hours';
export const DEFAULT_BUDGET_APPROVAL_TIMEOUT = '24 hours';
/** Files analysed per workflow run before it continues as new, keeping each run's history small. */
export const DEFAULT_CONTINUE_AS_NEW_EVERY = 500;
/** Most files one analysis or specialist takes (the gateway's maxItems; the workflows check it too). */
export const MAX_ANALYSIS_FILES = 5000;

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ANALYSIS_STRATEGIES = ['thorough', 'fast', 'security-focused'] as const;
export type AnalysisStrategy = (typeof ANALYSIS_STRATEGIES)[number];

export const ANALYSIS_STATUSES = [
  'analyzing',
  'awaiting_budget_approval',
  'planning',
  'awaiting_plan_approval',
  'refactoring',
  'testing',
  'completed',
  'cancelled',
  'failed',
] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];
export const TERMINAL_ANALYSIS_STATUSES: readonly AnalysisStatus[] = ['completed', 'cancelled', 'failed'];

export const ANALYSIS_STAGES = [
  'file-analysis',
  'budget-approval',
  'refactor-planning',
  'plan-approval',
  'refactoring',
  'report',
  'done',
] as const;
export type AnalysisStage = (typeof ANALYSIS_STAGES)[number];

export const BATCH_STATUSES = ['applied', 'rolled_back', 'failed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export const SPECIALIST_KINDS = ['architecture', 'security', 'performance'] as const;
export type SpecialistKind = (typeof SPECIALIST_KINDS)[number];
export const SPECIALIST_STATUSES = ['pending', 'running', 'completed', 'failed', 'skipped'] as const;
export type SpecialistStatus = (typeof SPECIALIST_STATUSES)[number];

/** What a run hands to its continuation so the next run starts where this one stopped. */
export interface AnalysisCarryOver {
  filesAnalyzed: number;
  costSoFar: number;
  budget: number;
  issues: Issue[];
  issueCounts: IssueCounts;
  strategy: AnalysisStrategy;
  strategySwitches: StrategySwitch[];
  /** Key of the per-file results in the worker's store: stable across continue-as-new. */
  storeKey: string;
}

/**
 * Workflow input: the request as the client sent it (files resolved) plus knobs that travel in the
 * input, not env, so the workflow stays deterministic and tests can change them.
 */
export interface CodebaseAnalysisInput extends AnalyzeRequest {
  /** Absolute path, checked by the gateway and again by the worker (AGENT_REPOSITORY_ROOTS). */
  repositoryPath: string;
  /** Default DEFAULT_CONTINUE_AS_NEW_EVERY. */
  continueAsNewEvery?: number;
  /** Default DEFAULT_PLAN_APPROVAL_TIMEOUT; ms-format string or milliseconds. */
  planApprovalTimeout?: string | number;
  /** Default DEFAULT_BUDGET_APPROVAL_TIMEOUT. */
  budgetApprovalTimeout?: string | number;
  /** Set by the workflow itself when it continues as new. */
  carryOver?: AnalysisCarryOver;
}

export type CodebaseAnalysisResult = AnalysisProgress;

export interface MultiAgentInput extends MultiAgentRequest {
  /** Absolute path, checked by the gateway and again by the worker (AGENT_REPOSITORY_ROOTS). */
  repositoryPath: string;
}

export interface SpecialistInput {
  kind: SpecialistKind;
  projectName: string;
  repositoryPath: string;
  files?: string[];
  requirements: string[];
  /** Default DEFAULT_CONTINUE_AS_NEW_EVERY files per run. */
  continueAsNewEvery?: number;
  /** Set by the specialist itself when it continues as new: bounded totals, never per-file results. */
  carryOver?: SpecialistCarryOver;
}

/** What a specialist run hands to its continuation: counters and the capped top issues. */
export interface SpecialistCarryOver {
  storeKey: string;
  filesAnalyzed: number;
  cost: number;
  issueCounts: IssueCounts;
  issues: Issue[];
}

export type SpecialistResult = Required<Pick<SpecialistOutcome, 'kind' | 'filesAnalyzed' | 'cost' | 'issueCounts' | 'issues'>>;

export const analysisProgressQuery = defineQuery<AnalysisProgress>('analysisProgress');
/** Accepted only while the run waits for a budget decision; resolves once the run acted on it. */
export const approveBudgetUpdate = defineUpdate<AnalysisProgress, [BudgetApprovalBody]>('approveBudget');
/** Accepted only while the run waits for a plan decision; resolves once the run acted on it. */
export const approvePlanUpdate = defineUpdate<AnalysisProgress, [PlanApprovalBody]>('approvePlan');
export const multiAgentStatusQuery = defineQuery<MultiAgentStatus>('multiAgentStatus');

export function emptyIssueCounts(): IssueCounts {
  return { critical: 0, high: 0, medium: 0, low: 0 };
}

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };
