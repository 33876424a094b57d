import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { WorkflowFailedError, WorkflowNotFoundError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { workflowUiLink } from '@temporal-ecommerce/contracts/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { SA } from '@temporal-ecommerce/contracts/search-attributes';
import {
  AGENT_TASK_QUEUE,
  ANALYSIS_STATUSES,
  type AnalysisStatus,
  AgentWorkflowType,
  TERMINAL_ANALYSIS_STATUSES,
  agentAnalysisWorkflowId,
  agentBatchDiffWorkflowId,
  analysisProgressQuery,
  approveBudgetUpdate,
  approvePlanUpdate,
  emptyIssueCounts,
  multiAgentStatusQuery,
  multiAgentWorkflowId,
  type AnalysisProgress,
  type BatchDiffInput,
  type BatchDiffRecord,
  type CodebaseAnalysisInput,
  type MultiAgentInput,
  type MultiAgentStatus,
} from '@temporal-ecommerce/contracts/agent';
import {
  AnalysisStatusResponseSchema,
  AnalysisWorkflowIdParamsSchema,
  BatchDiffParamsSchema,
  BatchDiffResponseSchema,
  ListAnalysesQuerySchema,
  ListAnalysesResponseSchema,
  type AnalysisSummary,
  AnalyzeRequestSchema,
  AnalyzeStartResponseSchema,
  BudgetApprovalBodySchema,
  MultiAgentRequestSchema,
  MultiAgentStartResponseSchema,
  MultiAgentStatusResponseSchema,
  MultiAgentWorkflowIdParamsSchema,
  PlanApprovalBodySchema,
  type AnalysisStatusResponse,
} from '@temporal-ecommerce/contracts/agent/http';
import { IdempotencyHeadersSchema, updateIdOf } from '../../schemas/idempotency';
import { StreamEventSchema } from '../../schemas/sse';
import { API_ERRORS, errorResponses } from '../../schemas/error';
import { resolveRepository } from './repository';
import type { WorkerRef } from '../../temporal-calls';
import { PollingHub } from '../../streams/hub';
import { listPage } from '../../visibility';

const AnalysisEventSchema = StreamEventSchema('AnalysisEvent', 'progress', '/api/agent/analyze/{workflowId}');

const AGENT_WORKER: WorkerRef = { name: 'agent', taskQueue: AGENT_TASK_QUEUE };
/** How long GET …/diff waits for the agent worker to read a batch's diff from its store. */
const DIFF_TIMEOUT = '15 seconds';
const DIFF_TIMEOUT_MS = 15_000;
const DEFAULT_MULTI_AGENT_REPOSITORY = 'sample-codebase';
const ANALYSIS_PREFIX = agentAnalysisWorkflowId('');
const MULTI_AGENT_PREFIX = multiAgentWorkflowId('');

function notFound(message: string): never {
  throw Object.assign(new Error(message), { statusCode: 404 });
}

function conflict(message: string): never {
  throw ApplicationFailure.create({ type: ErrorType.InvalidState, message, nonRetryable: true });
}

/** What a run that ended without a result (failed, terminated, timed out) reports, when no worker can answer. */
function closedWithoutResult(taskId: string, status: 'failed' | 'cancelled', error: string): AnalysisProgress {
  return {
    taskId,
    status,
    currentStage: 'done',
    filesAnalyzed: 0,
    totalFiles: 0,
    costSoFar: 0,
    budget: 0,
    budgetRemaining: 0,
    issues: [],
    issueCounts: emptyIssueCounts(),
    strategy: 'thorough',
    strategySwitches: [],
    batches: [],
    error,
  };
}

const agent: FastifyPluginAsyncTypebox = async (fastify) => {
  const { config } = fastify;
  const client = (): Client => fastify.temporal;
  const uiLink = (workflowId: string, runId?: string) => workflowUiLink(config.temporalUiUrl, config.temporalNamespace, workflowId, runId);
  const { calls } = fastify;
  const withWorker = <T>(fn: () => Promise<T>) => calls.worker(AGENT_WORKER, fn);

  /** Only ids this API hands out are looked up; anything else is an unknown analysis (404). */
  async function describe(workflowId: string, prefix: string): Promise<WorkflowExecutionDescription> {
    if (!workflowId.startsWith(prefix)) throw new WorkflowNotFoundError(`${workflowId} is not an agent workflow`, workflowId, undefined);
    return calls.server(() => client().workflow.getHandle(workflowId).describe());
  }

  /**
   * A running analysis answers its progress query; a completed one is read from its result (no worker
   * needed); a failed or terminated one from a query when a worker can answer, else from its failure.
   */
  async function progress(workflowId: string, desc: WorkflowExecutionDescription): Promise<AnalysisStatusResponse> {
    const handle = client().workflow.getHandle(workflowId, desc.runId);
    const ref = { workflowId, runId: desc.runId, uiLink: uiLink(workflowId, desc.runId) };
    const taskId = workflowId.slice(ANALYSIS_PREFIX.length);
    if (desc.status.name === 'RUNNING') return { ...(await withWorker(() => handle.query(analysisProgressQuery))), ...ref };
    if (desc.status.name === 'COMPLETED') return { ...((await calls.server(() => handle.result())) as AnalysisProgress), ...ref };
    const reason = await calls.server(() => handle.result()).then(
      () => desc.status.name.toLowerCase(),
      (err: unknown) => (err instanceof WorkflowFailedError && err.cause ? err.cause.message : desc.status.name.toLowerCase()),
    );
    const status = desc.status.name === 'CANCELLED' ? 'cancelled' : 'failed';
    const last = await withWorker(() => handle.query(analysisProgressQuery)).catch(() => undefined);
    return { ...(last ?? closedWithoutResult(taskId, status, reason)), status, error: reason, ...ref };
  }

  /** One poll loop per analysis, whoever watches it; the event id is the history length the snapshot was read at. */
  const progressHub = new PollingHub<AnalysisStatusResponse>(
    async (workflowId) => {
      const desc = await describe(workflowId, ANALYSIS_PREFIX);
      const data = await progress(workflowId, desc);
      return { id: `${desc.runId}.${desc.historyLength}`, data, final: TERMINAL_ANALYSIS_STATUSES.includes(data.status) };
    },
    config.streams.pollIntervalMs,
    fastify.log,
  );

  /** A finished analysis is a 409 before anything is sent, unless a retry may be answered (see orders' requireRunning). */
  async function requireRunning(workflowId: string, updateId?: string): Promise<void> {
    const desc = await describe(workflowId, ANALYSIS_PREFIX);
    if (desc.status.name !== 'RUNNING' && updateId === undefined) conflict(`Analysis ${workflowId} is ${desc.status.name.toLowerCase()}: nothing awaits an approval`);
  }

  fastify.post(
    '/analyze',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['agent'],
        operationId: 'startAnalysis',
        summary: 'Start a codebase analysis',
        description:
          'Starts workflow `agent-analysis-<taskId>`: every file is analysed by its own activity (a crash resumes at the next file), ' +
          'the run pauses for POST .../approve-budget when its cost passes `budget`, and with `requiresApproval` waits up to 24 h for POST .../approve-plan ' +
          'before refactoring a working copy batch by batch. `repositoryPath` must be a directory under AGENT_REPOSITORY_ROOTS.',
        body: AnalyzeRequestSchema,
        response: { 201: AnalyzeStartResponseSchema, ...errorResponses(400, 409, 413, 415, ...API_ERRORS) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const repositoryPath = await resolveRepository(body.repositoryPath, config.agentRepositoryRoots, body.files, 'body');
      const workflowId = agentAnalysisWorkflowId(body.taskId);
      const input: CodebaseAnalysisInput = { ...body, repositoryPath };
      try {
        const handle = await calls.server(() =>
          client().workflow.start(AgentWorkflowType.CodebaseAnalysis, {
            taskQueue: AGENT_TASK_QUEUE,
            workflowId,
            args: [input],
            typedSearchAttributes: [
              { key: SA.AgentTaskId, value: body.taskId },
              { key: SA.AgentStatus, value: 'analyzing' },
            ],
            staticSummary: `Analyse ${body.files?.length ?? 'all'} file(s) of ${repositoryPath}, budget $${body.budget ?? 5}`,
          }),
        );
        request.log.info({ taskId: body.taskId, workflowId, runId: handle.firstExecutionRunId }, 'analysis started');
        return reply.status(201).send({
          taskId: body.taskId,
          workflowId,
          runId: handle.firstExecutionRunId,
          message: 'Codebase analysis started',
          uiLink: uiLink(workflowId, handle.firstExecutionRunId),
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) conflict(`Analysis ${body.taskId} is already running (${workflowId})`);
        throw err;
      }
    },
  );

  fastify.get(
    '/analyze',
    {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['agent'],
        operationId: 'listAnalyses',
        summary: 'List codebase analyses, newest first (Temporal visibility)',
        description: 'Filter by `status`; pass `nextPageToken` from a response to get the next page.',
        querystring: ListAnalysesQuerySchema,
        response: { 200: ListAnalysesResponseSchema, ...errorResponses(400, ...API_ERRORS) },
      },
    },
    async (request) => {
      const { pageSize, nextPageToken, status } = request.query;
      const page = await listPage(client(), calls, {
        workflowType: AgentWorkflowType.CodebaseAnalysis,
        filters: [{ attribute: SA.AgentStatus, value: status, field: 'status' }],
        pageSize,
        nextPageToken,
      });
      const analyses = page.executions.map(({ attribute, ...exec }): AnalysisSummary => {
        const taskId = attribute(SA.AgentTaskId);
        const recorded = attribute(SA.AgentStatus);
        return {
          taskId: typeof taskId === 'string' ? taskId : exec.workflowId.slice(ANALYSIS_PREFIX.length),
          ...exec,
          ...(typeof recorded === 'string' && (ANALYSIS_STATUSES as readonly string[]).includes(recorded) ? { status: recorded as AnalysisStatus } : {}),
        };
      });
      return { analyses, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
    },
  );

  fastify.get(
    '/analyze/:workflowId',
    {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['agent'],
        operationId: 'getAnalysis',
        summary: 'Progress of an analysis',
        params: AnalysisWorkflowIdParamsSchema,
        response: { 200: AnalysisStatusResponseSchema, ...errorResponses(400, 404, 414, ...API_ERRORS) },
      },
    },
    async (request) => {
      const { workflowId } = request.params;
      const desc = await describe(workflowId, ANALYSIS_PREFIX);
      return progress(workflowId, desc);
    },
  );

  fastify.post(
    '/analyze/:workflowId/approve-budget',
    {
      config: { auth: 'approver' },
      schema: {
        tags: ['agent'],
        operationId: 'approveAnalysisBudget',
        summary: 'Decide on a budget increase the analysis is waiting for',
        description: 'Approve with a `newBudget` above the cost so far, or reject (the analysis is cancelled). 409 when no budget approval is pending.',
        params: AnalysisWorkflowIdParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: BudgetApprovalBodySchema,
        response: { 200: AnalysisStatusResponseSchema, ...errorResponses(400, 404, 409, 413, 414, 415, ...API_ERRORS) },
      },
    },
    async (request) => {
      const { workflowId } = request.params;
      const updateId = updateIdOf(request, approveBudgetUpdate.name);
      await requireRunning(workflowId, updateId);
      const handle = client().workflow.getHandle(workflowId);
      const state = await calls.update(AGENT_WORKER, handle, approveBudgetUpdate, request.body, updateId);
      request.log.info({ workflowId, approved: request.body.approved, newBudget: request.body.newBudget }, 'budget decision delivered');
      const desc = await calls.server(() => handle.describe());
      return { ...state, workflowId, runId: desc.runId, uiLink: uiLink(workflowId, desc.runId) };
    },
  );

  fastify.post(
    '/analyze/:workflowId/approve-plan',
    {
      config: { auth: 'approver' },
      schema: {
        tags: ['agent'],
        operationId: 'approveAnalysisPlan',
        summary: 'Approve or reject the refactor plan the analysis is waiting for',
        description: 'Rejecting cancels the analysis; approving starts the batch refactor. 409 when no plan approval is pending.',
        params: AnalysisWorkflowIdParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: PlanApprovalBodySchema,
        response: { 200: AnalysisStatusResponseSchema, ...errorResponses(400, 404, 409, 413, 414, 415, ...API_ERRORS) },
      },
    },
    async (request) => {
      const { workflowId } = request.params;
      const updateId = updateIdOf(request, approvePlanUpdate.name);
      await requireRunning(workflowId, updateId);
      const handle = client().workflow.getHandle(workflowId);
      const state = await calls.update(AGENT_WORKER, handle, approvePlanUpdate, request.body, updateId);
      request.log.info({ workflowId, approved: request.body.approved, approvedBy: request.body.approvedBy }, 'plan decision delivered');
      const desc = await calls.server(() => handle.describe());
      return { ...state, workflowId, runId: desc.runId, uiLink: uiLink(workflowId, desc.runId) };
    },
  );

  fastify.get(
    '/analyze/:workflowId/batches/:batchId/diff',
    {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['agent'],
        operationId: 'getAnalysisBatchDiff',
        summary: 'The diff a refactor batch applied (or applied and then rolled back)',
        description:
          "A unified diff of the files the batch changed, read from the agent worker's store by a short `batchDiffWorkflow` on the agent task queue " +
          '(diffs are kept out of the analysis history; a worker that does not read it within 15 s is a 503). ' +
          'At most 64 KiB: a larger diff is cut at a line end with `truncated: true` and its full size in `bytes`. ' +
          'A rolled-back batch answers the diff that was written and then undone; its reason is in the analysis progress. ' +
          '404 when the analysis is unknown or the batch changed no file.',
        params: BatchDiffParamsSchema,
        response: { 200: BatchDiffResponseSchema, ...errorResponses(400, 404, 414, ...API_ERRORS) },
      },
    },
    async (request) => {
      const { workflowId, batchId } = request.params;
      const desc = await describe(workflowId, ANALYSIS_PREFIX);
      // The worker keys its store by the first run (stable across continue-as-new): workflow id + first run id.
      const firstRunId = desc.raw.workflowExecutionInfo?.firstRunId || desc.runId;
      const input: BatchDiffInput = { storeKey: `${workflowId}/${firstRunId}`, batchId };
      let found: BatchDiffRecord | null;
      try {
        const read = await calls.server(() =>
          client().workflow.start(AgentWorkflowType.BatchDiff, {
            taskQueue: AGENT_TASK_QUEUE,
            workflowId: agentBatchDiffWorkflowId(workflowId, randomUUID().slice(0, 8)),
            args: [input],
            workflowExecutionTimeout: DIFF_TIMEOUT,
          }),
        );
        // The server ends the read at DIFF_TIMEOUT; the deadline only guards against a server that never answers.
        found = await fastify.temporal.withDeadline(Date.now() + DIFF_TIMEOUT_MS + config.temporalTimeouts.rpcMs, () => read.result());
      } catch (err) {
        if (err instanceof WorkflowFailedError) throw Object.assign(new Error(`No agent worker read the diff within ${DIFF_TIMEOUT}: is the agent worker running?`), { statusCode: 503 });
        throw err;
      }
      if (!found) throw notFound(`Analysis ${workflowId} has no diff for batch ${batchId}: the batch changed no file, or does not exist`);
      return { batchId, ...found };
    },
  );

  fastify.get(
    '/analyze/:workflowId/events',
    {
      // Holds a connection and polls Temporal while open: never anonymous.
      config: { auth: 'authenticated' },
      schema: {
        tags: ['agent'],
        operationId: 'streamAnalysisEvents',
        summary: 'Live progress as Server-Sent Events',
        description:
          'A `progress` event (the same JSON as GET /api/agent/analyze/{workflowId}) whenever the progress changes, then `end` when the analysis is over. ' +
          'Each event has an `id`; reconnect with `Last-Event-ID` and the snapshot you already have is not sent again. A `: keep-alive` comment comes every ' +
          'SSE_KEEPALIVE_MS; after SSE_IDLE_TIMEOUT_MS without an event the stream sends `idle` and ends. At most SSE_MAX_STREAMS_PER_CLIENT streams per client (429) ' +
          'and SSE_MAX_STREAMS in total (503), both with Retry-After. All viewers of one analysis share one poll of the workflow.',
        params: AnalysisWorkflowIdParamsSchema,
        response: { 200: { description: 'Server-Sent Events: `progress`, then `end` (or `idle`)', content: { 'text/event-stream': { schema: AnalysisEventSchema } } }, ...errorResponses(400, 404, 414, 429, ...API_ERRORS) },
      },
    },
    async (request, reply) => {
      const { workflowId } = request.params;
      if (!workflowId.startsWith(ANALYSIS_PREFIX)) throw new WorkflowNotFoundError(`${workflowId} is not an agent workflow`, workflowId, undefined);
      return fastify.sse(request, reply, { hub: progressHub, key: workflowId, event: 'progress', end: (final) => ({ status: final.status }) });
    },
  );

  fastify.post(
    '/multi-agent',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['agent'],
        operationId: 'startMultiAgentAnalysis',
        summary: 'Start a multi-agent analysis',
        description:
          'Starts `multi-agent-<projectName>`: architecture and security specialists run as child workflows in parallel, performance only when ' +
          'architecture finds issues. A failed specialist is reported; the others are neither failed nor rerun. `repositoryPath` defaults to the sample codebase.',
        body: MultiAgentRequestSchema,
        response: { 201: MultiAgentStartResponseSchema, ...errorResponses(400, 409, 413, 415, ...API_ERRORS) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const repositoryPath = await resolveRepository(body.repositoryPath ?? DEFAULT_MULTI_AGENT_REPOSITORY, config.agentRepositoryRoots, body.files, 'body');
      const workflowId = multiAgentWorkflowId(body.projectName);
      const input: MultiAgentInput = { ...body, repositoryPath };
      try {
        const handle = await calls.server(() =>
          client().workflow.start(AgentWorkflowType.MultiAgentCoordinator, {
            taskQueue: AGENT_TASK_QUEUE,
            workflowId,
            args: [input],
            staticSummary: `Specialist agents for ${body.projectName}: ${body.requirements.join(', ')}`,
          }),
        );
        request.log.info({ projectName: body.projectName, workflowId }, 'multi-agent analysis started');
        return reply.status(201).send({
          projectName: body.projectName,
          workflowId,
          runId: handle.firstExecutionRunId,
          message: 'Multi-agent analysis started: architecture and security specialists running in parallel',
          uiLink: uiLink(workflowId, handle.firstExecutionRunId),
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) conflict(`A multi-agent analysis of ${body.projectName} is already running (${workflowId})`);
        throw err;
      }
    },
  );

  fastify.get(
    '/multi-agent/:workflowId',
    {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['agent'],
        operationId: 'getMultiAgentAnalysis',
        summary: 'Status of a multi-agent analysis, one entry per specialist',
        params: MultiAgentWorkflowIdParamsSchema,
        response: { 200: MultiAgentStatusResponseSchema, ...errorResponses(400, 404, 414, ...API_ERRORS) },
      },
    },
    async (request) => {
      const { workflowId } = request.params;
      const desc = await describe(workflowId, MULTI_AGENT_PREFIX);
      const handle = client().workflow.getHandle(workflowId, desc.runId);
      const status: MultiAgentStatus =
        desc.status.name === 'COMPLETED'
          ? ((await calls.server(() => handle.result())) as MultiAgentStatus)
          : await withWorker(() => handle.query(multiAgentStatusQuery));
      return { ...status, workflowId, runId: desc.runId, uiLink: uiLink(workflowId, desc.runId) };
    },
  );
};

export default agent;
