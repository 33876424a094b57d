/**
 * TypeBox schemas for the agent HTTP API: one definition gives the TypeScript type (Static<>) and the
 * OpenAPI schema. The workflow's progress is defined here too, because GET /api/agent/analyze/:id returns it.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ExecutionStatusSchema, PageSizeSchema, PageTokenSchema, RunIdSchema } from '../http';
import { ANALYSIS_STAGES, ANALYSIS_STATUSES, ANALYSIS_STRATEGIES, BATCH_STATUSES, SEVERITIES, SPECIALIST_KINDS, SPECIALIST_STATUSES } from './index';

const literals = <T extends string>(values: readonly T[], description: string) =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  );

const Id = (description: string, example: string) =>
  Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$', description, examples: [example] });

/** A path relative to the repository root, without `..` segments or a leading slash. */
const RelativePath = Type.String({
  minLength: 1,
  maxLength: 512,
  pattern: '^(?!/)(?!.*(^|/)\\.\\.(/|$))[^\\0]+$',
  examples: ['src/utils/api.ts'],
});

export const AnalyzeRequestSchema = Type.Object(
  {
    taskId: Id('Client-chosen task id; the workflow id is agent-analysis-<taskId>', 'analysis-001'),
    repositoryPath: Type.String({
      minLength: 1,
      maxLength: 1024,
      description: 'Directory to analyse; must exist under one of the gateway\'s allowed roots. Relative paths resolve against the first root.',
      examples: ['sample-codebase'],
    }),
    files: Type.Optional(
      Type.Array(RelativePath, { minItems: 1, maxItems: 5000, description: 'Files to analyse, relative to repositoryPath. Default: every .ts/.tsx/.js file under src/.' }),
    ),
    analysisType: Type.Optional(literals(['architectural', 'security', 'performance', 'quality'] as const, 'Focus of the analysis; security starts with the security-focused strategy')),
    targetImprovement: Type.Optional(
      literals(['performance', 'maintainability', 'security'] as const, 'What the refactor should improve; without it the run stops after analysis'),
    ),
    budget: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10_000, description: 'Maximum spend in dollars before a budget approval is needed (default 5)', examples: [5] })),
    requiresApproval: Type.Optional(Type.Boolean({ description: 'Wait (up to 24 h) for a plan approval before refactoring', default: false })),
    applyInPlace: Type.Optional(Type.Boolean({ description: 'Refactor the repository itself instead of a working copy', default: false })),
  },
  { additionalProperties: false },
);
export type AnalyzeRequest = Static<typeof AnalyzeRequestSchema>;

export const AnalyzeStartResponseSchema = Type.Object({
  taskId: Type.String({ examples: ['analysis-001'] }),
  workflowId: Type.String({ examples: ['agent-analysis-analysis-001'] }),
  runId: RunIdSchema,
  message: Type.String({ examples: ['Codebase analysis started'] }),
  uiLink: Type.String(),
});
export type AnalyzeStartResponse = Static<typeof AnalyzeStartResponseSchema>;

export const IssueSchema = Type.Object({
  severity: literals(SEVERITIES, 'critical > high > medium > low'),
  type: Type.String({ description: 'security-risk, correctness, maintainability, performance-issue, type-safety', examples: ['security-risk'] }),
  message: Type.String({ examples: ['SQL injection vulnerability detected'] }),
  line: Type.Integer({ minimum: 1 }),
  file: Type.Optional(Type.String()),
  rule: Type.Optional(Type.String({ description: 'Analyser rule id, e.g. sql-injection' })),
});
export type Issue = Static<typeof IssueSchema>;

export const IssueCountsSchema = Type.Object({
  critical: Type.Integer(),
  high: Type.Integer(),
  medium: Type.Integer(),
  low: Type.Integer(),
});
export type IssueCounts = Static<typeof IssueCountsSchema>;

export const StrategySchema = literals(ANALYSIS_STRATEGIES, 'How deeply each file is analysed (and what it costs)');

export const StrategySwitchSchema = Type.Object({
  atFile: Type.Integer({ description: 'Number of files analysed when the switch happened' }),
  from: StrategySchema,
  to: StrategySchema,
  reason: Type.String(),
});
export type StrategySwitch = Static<typeof StrategySwitchSchema>;

export const PlanBatchSchema = Type.Object({
  batchId: Type.String({ examples: ['batch-1'] }),
  priority: literals(SEVERITIES, 'Worst issue the batch fixes'),
  files: Type.Array(Type.String()),
  fixCount: Type.Integer(),
});
export type PlanBatch = Static<typeof PlanBatchSchema>;

export const RefactorPlanSchema = Type.Object({
  planId: Type.String(),
  totalFixes: Type.Integer(),
  batches: Type.Array(PlanBatchSchema),
});
export type RefactorPlan = Static<typeof RefactorPlanSchema>;

export const BatchOutcomeSchema = Type.Object({
  batchId: Type.String(),
  status: literals(BATCH_STATUSES, 'applied: tests passed; rolled_back: tests failed and the files were restored; failed: the fix itself failed and was undone'),
  filesChanged: Type.Array(Type.String()),
  fixesApplied: Type.Integer(),
  detail: Type.Optional(Type.String({ description: 'Test summary or error' })),
});
export type BatchOutcome = Static<typeof BatchOutcomeSchema>;

export const AnalysisProgressSchema = Type.Object({
  taskId: Type.String(),
  status: literals(ANALYSIS_STATUSES, 'Where the run is'),
  currentStage: literals(ANALYSIS_STAGES, 'Step of the flow'),
  filesAnalyzed: Type.Integer(),
  totalFiles: Type.Integer(),
  costSoFar: Type.Number({ description: 'Dollars spent on analysis so far' }),
  budget: Type.Number(),
  budgetRemaining: Type.Number(),
  issues: Type.Array(IssueSchema, { description: 'The most severe issues found so far (at most 50)' }),
  issueCounts: IssueCountsSchema,
  strategy: StrategySchema,
  strategySwitches: Type.Array(StrategySwitchSchema),
  plan: Type.Optional(RefactorPlanSchema),
  batches: Type.Array(BatchOutcomeSchema),
  workspacePath: Type.Optional(Type.String({ description: 'Where the refactor was applied' })),
  reportPath: Type.Optional(Type.String({ description: 'The final report (JSON) on the worker\'s data volume' })),
  refactorSkippedReason: Type.Optional(Type.String({ description: 'Why no batch was attempted (e.g. the tests failed before any change)' })),
  cancelReason: Type.Optional(Type.String()),
  error: Type.Optional(Type.String({ description: 'Why the run failed, when status is failed' })),
});
export type AnalysisProgress = Static<typeof AnalysisProgressSchema>;

export const BudgetApprovalBodySchema = Type.Object(
  {
    approved: Type.Boolean(),
    newBudget: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10_000, description: 'Required when approved; must exceed the cost so far', examples: [10] })),
    approvedBy: Type.Optional(Type.String({ maxLength: 200 })),
    reason: Type.Optional(Type.String({ maxLength: 1000, examples: ['High-priority security issues found'] })),
  },
  { additionalProperties: false },
);
export type BudgetApprovalBody = Static<typeof BudgetApprovalBodySchema>;

export const PlanApprovalBodySchema = Type.Object(
  {
    approved: Type.Boolean(),
    approvedBy: Type.Optional(Type.String({ maxLength: 200, examples: ['senior-engineer@company.com'] })),
    reason: Type.Optional(Type.String({ maxLength: 1000, examples: ['Plan looks good, proceed with refactoring'] })),
  },
  { additionalProperties: false },
);
export type PlanApprovalBody = Static<typeof PlanApprovalBodySchema>;

export const AnalysisWorkflowIdParamsSchema = Type.Object({
  workflowId: Type.String({ minLength: 1, maxLength: 200, examples: ['agent-analysis-analysis-001'] }),
});

export const MultiAgentRequestSchema = Type.Object(
  {
    projectName: Id('Project label; the coordinator\'s workflow id is multi-agent-<projectName>', 'my-app'),
    requirements: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 10, examples: [['security', 'performance', 'maintainability']] }),
    repositoryPath: Type.Optional(Type.String({ minLength: 1, maxLength: 1024, description: 'Default: the sample codebase' })),
    files: Type.Optional(Type.Array(RelativePath, { minItems: 1, maxItems: 5000 })),
  },
  { additionalProperties: false },
);
export type MultiAgentRequest = Static<typeof MultiAgentRequestSchema>;

export const MultiAgentStartResponseSchema = Type.Object({
  projectName: Type.String(),
  workflowId: Type.String({ examples: ['multi-agent-my-app'] }),
  runId: RunIdSchema,
  message: Type.String(),
  uiLink: Type.String(),
});
export type MultiAgentStartResponse = Static<typeof MultiAgentStartResponseSchema>;

export const SpecialistOutcomeSchema = Type.Object({
  kind: literals(SPECIALIST_KINDS, 'Which specialist'),
  status: literals(SPECIALIST_STATUSES, 'skipped: its precondition did not hold'),
  workflowId: Type.Optional(Type.String({ description: 'The child workflow, with its own history' })),
  filesAnalyzed: Type.Optional(Type.Integer()),
  cost: Type.Optional(Type.Number()),
  issueCounts: Type.Optional(IssueCountsSchema),
  issues: Type.Optional(Type.Array(IssueSchema)),
  error: Type.Optional(Type.String()),
  reason: Type.Optional(Type.String()),
});
export type SpecialistOutcome = Static<typeof SpecialistOutcomeSchema>;

export const MultiAgentStatusSchema = Type.Object({
  projectName: Type.String(),
  requirements: Type.Array(Type.String()),
  status: literals(['running', 'completed', 'partial'] as const, 'partial: at least one specialist failed; the others\' results stand'),
  specialists: Type.Array(SpecialistOutcomeSchema),
  failures: Type.Array(Type.String(), { description: 'Specialists that failed, with the reason' }),
});
export type MultiAgentStatus = Static<typeof MultiAgentStatusSchema>;

export const BatchDiffParamsSchema = Type.Object({
  workflowId: AnalysisWorkflowIdParamsSchema.properties.workflowId,
  batchId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9._-]+$', examples: ['batch-1'] }),
});

export const BatchDiffResponseSchema = Type.Object({
    batchId: Type.String(),
    files: Type.Array(Type.Object({ file: Type.String(), added: Type.Integer({ minimum: 0 }), removed: Type.Integer({ minimum: 0 }) }), {
      description: 'Each changed file with its added and removed line counts (of the whole diff, also when it is truncated)',
    }),
    diff: Type.String({ description: 'Unified diff (diff -u) of what the batch wrote, file after file; for a rolled-back batch, what was written and then undone' }),
    truncated: Type.Boolean({ description: 'True when `diff` was cut at the cap (64 KiB) at a line end' }),
    bytes: Type.Integer({ minimum: 0, description: 'Size of the whole diff in bytes, before any cut' }),
});
export type BatchDiffResponse = Static<typeof BatchDiffResponseSchema>;

export const MultiAgentWorkflowIdParamsSchema = Type.Object({
  workflowId: Type.String({ minLength: 1, maxLength: 200, examples: ['multi-agent-my-app'] }),
});

const ExecutionRef = {
  workflowId: Type.String(),
  runId: Type.String({ description: 'The current run (a long analysis continues as new)' }),
  uiLink: Type.String(),
};

/** GET /api/agent/analyze/:workflowId: the workflow's progress plus where to find it. */
export const AnalysisStatusResponseSchema = Type.Composite([AnalysisProgressSchema, Type.Object(ExecutionRef)]);
export type AnalysisStatusResponse = Static<typeof AnalysisStatusResponseSchema>;

/** GET /api/agent/multi-agent/:workflowId. */
export const MultiAgentStatusResponseSchema = Type.Composite([MultiAgentStatusSchema, Type.Object(ExecutionRef)]);
export type MultiAgentStatusResponse = Static<typeof MultiAgentStatusResponseSchema>;

export const ListAnalysesQuerySchema = Type.Object(
  {
    pageSize: Type.Optional(PageSizeSchema),
    nextPageToken: Type.Optional(PageTokenSchema),
    status: Type.Optional(Type.Unsafe<(typeof ANALYSIS_STATUSES)[number]>({ type: 'string', enum: [...ANALYSIS_STATUSES], description: 'Only analyses in this status' })),
  },
  { additionalProperties: false },
);
export type ListAnalysesQuery = Static<typeof ListAnalysesQuerySchema>;

export const AnalysisSummarySchema = Type.Object({
  taskId: Type.String({ examples: ['analysis-001'] }),
  workflowId: Type.String({ examples: ['agent-analysis-analysis-001'] }),
  runId: RunIdSchema,
  status: Type.Optional(literals(ANALYSIS_STATUSES, 'Status the workflow last recorded')),
  executionStatus: ExecutionStatusSchema,
  startTime: Type.String({ format: 'date-time' }),
  closeTime: Type.Optional(Type.String({ format: 'date-time' })),
});
export type AnalysisSummary = Static<typeof AnalysisSummarySchema>;

export const ListAnalysesResponseSchema = Type.Object({
  analyses: Type.Array(AnalysisSummarySchema),
  nextPageToken: Type.Optional(Type.String({ description: 'Present when there are more analyses: pass it as nextPageToken for the next page' })),
});
export type ListAnalysesResponse = Static<typeof ListAnalysesResponseSchema>;
