import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { WorkflowFailedError, WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';
import { workflowUiLink } from '@temporal-ecommerce/contracts/common';
import {
  ML_PAGE,
  ML_TASK_QUEUE,
  ML_TRAIN_ACTIVITY,
  ML_TRAINING_WORKFLOW_ID_PREFIX,
  MlWorkflowType,
  mlAuditWorkflowId,
  mlConfigProblems,
  mlDecisionUpdate,
  mlHistoryPageWorkflowId,
  mlTrainingStateQuery,
  mlTrainingWorkflowId,
  type AuditCheckpointsInput,
  type AuditReport,
  type CheckpointsPage,
  type MlHistoryKind,
  type MlHistoryPage,
  type MetricsPage,
  type MlTrainingProgress,
  type MlTrainingState,
  type MlTrainingStatus,
  TRAINING_STATUSES,
  type MlTrainingWorkflowInput,
  type TrainingHeartbeat,
} from '@temporal-ecommerce/contracts/ml';
import {
  AuditReportSchema,
  CheckpointsPageSchema,
  HistoryPageQuerySchema,
  MetricsPageSchema,
  DecisionRequestSchema,
  DecisionResponseSchema,
  MlTrainingConfigSchema,
  ListMlTrainingQuerySchema,
  ListMlTrainingResponseSchema,
  MlTrainingProgressSchema,
  type MlTrainingSummary,
  MlWorkflowIdParamsSchema,
  StartMlTrainingResponseSchema,
} from '@temporal-ecommerce/contracts/ml/http';
import { SA } from '@temporal-ecommerce/contracts/search-attributes';
import { IdempotencyHeadersSchema, updateIdOf } from '../../schemas/idempotency';
import { StreamEventSchema } from '../../schemas/sse';
import { API_ERRORS, errorResponses } from '../../schemas/error';
import type { WorkerRef } from '../../temporal-calls';
import { PollingHub } from '../../streams/hub';
import { listPage } from '../../visibility';

/** An error the one error handler turns into `status` with this message (it passes 4xx messages through). */
const httpError = (statusCode: number, message: string): Error => Object.assign(new Error(message), { statusCode });

/** How long GET …/audit waits for the ML worker to re-read the artifacts. */
const AUDIT_TIMEOUT = '60 seconds';
/** How long GET …/metrics and …/checkpoints wait for the ML worker to read a page of its store. */
const PAGE_TIMEOUT = '15 seconds';
const PAGE_TIMEOUT_MS = 15_000;
const AUDIT_TIMEOUT_MS = 60_000;

const ML_WORKER: WorkerRef = { name: 'ML', taskQueue: ML_TASK_QUEUE };

/** Training statuses after which the run changes no more. */
const FINAL_TRAINING_STATUSES: readonly MlTrainingProgress['status'][] = ['completed', 'stopped', 'failed'];

const MlTrainingEventSchema = StreamEventSchema('MlTrainingEvent', 'progress', '/api/ml-training/{workflowId}');

const mlTraining: FastifyPluginAsyncTypebox = async (fastify) => {
  const { temporal, config, calls } = fastify;

  /** A handle for an ML training workflow; ids of other domains are "not found", not a failed query. */
  const trainingHandle = (workflowId: string): WorkflowHandle => {
    if (!workflowId.startsWith(ML_TRAINING_WORKFLOW_ID_PREFIX)) throw new WorkflowNotFoundError(`not an ML training workflow id`, workflowId, undefined);
    return temporal.workflow.getHandle(workflowId);
  };

  /**
   * The workflow learns a span's results when the span ends; while it runs, the training activity's
   * heartbeat (kept by the server) says which epoch it has reached and which checkpoints it has written.
   */
  const withLiveProgress = async (handle: WorkflowHandle, state: MlTrainingState): Promise<MlTrainingProgress> => {
    if (state.status !== 'training') return { ...state, live: null };
    const { raw } = await calls.server(() => handle.describe());
    const activity = raw.pendingActivities?.find((a) => a.activityType?.name === ML_TRAIN_ACTIVITY);
    const payloads = activity?.heartbeatDetails?.payloads;
    if (!activity || !payloads?.length) return { ...state, live: null };
    const beat = await decodeFromPayloadsAtIndex<TrainingHeartbeat>(temporal.options.loadedDataConverter, 0, payloads);
    const spanLosses = beat.metrics.filter((m) => m.epoch > state.currentEpoch).map((m) => m.validationLoss);
    const best = Math.min(state.bestLoss ?? Infinity, ...spanLosses);
    return {
      ...state,
      currentEpoch: Math.max(state.currentEpoch, beat.epoch),
      currentLoss: beat.loss ?? state.currentLoss,
      bestLoss: Number.isFinite(best) ? best : state.bestLoss,
      live: { epoch: beat.epoch, loss: beat.loss, attempt: activity.attempt ?? 1, pendingCheckpoints: beat.checkpoints.filter((c) => c.epoch > state.currentEpoch) },
    };
  };

  /** The run's progress, as GET …/:workflowId answers it. */
  const progress = async (handle: WorkflowHandle): Promise<MlTrainingProgress> =>
    withLiveProgress(handle, await calls.worker(ML_WORKER, () => handle.query(mlTrainingStateQuery)));

  /** One poll loop per run, whoever watches it; the event id is the history length the snapshot was read at. */
  const progressHub = new PollingHub<MlTrainingProgress>(
    async (workflowId) => {
      const handle = trainingHandle(workflowId);
      const desc = await calls.server(() => handle.describe());
      const data = await progress(handle);
      return { id: `${desc.runId}.${desc.historyLength}`, data, final: FINAL_TRAINING_STATUSES.includes(data.status) };
    },
    config.streams.pollIntervalMs,
    fastify.log,
  );

  fastify.post(
    '',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['ml-training'],
        operationId: 'startMlTraining',
        summary: 'Start a training run',
        description: 'Starts `mlTrainingWorkflow` on the ml-training task queue. The workflow id is `ml-training-<modelId>-<timestamp>`.',
        body: MlTrainingConfigSchema,
        response: { 201: StartMlTrainingResponseSchema, ...errorResponses(400, 409, 413, 415, ...API_ERRORS) },
      },
    },
    async (request, reply) => {
      const [problem] = mlConfigProblems(request.body);
      if (problem) throw httpError(400, `body/${problem.field.replaceAll('.', '/')} ${problem.message}`);
      const { modelId } = request.body;
      const workflowId = mlTrainingWorkflowId(modelId, Date.now());
      const input: MlTrainingWorkflowInput = { config: request.body };
      const handle = await calls.server(() =>
        temporal.workflow.start(MlWorkflowType.Training, {
          taskQueue: ML_TASK_QUEUE,
          workflowId,
          args: [input],
          typedSearchAttributes: [{ key: SA.MlModelId, value: modelId }],
        }),
      );
      request.log.info({ workflowId, modelId, runId: handle.firstExecutionRunId }, 'ml training started');
      return reply.status(201).send({
        modelId,
        workflowId,
        runId: handle.firstExecutionRunId,
        message: 'ML training started successfully',
        uiLink: workflowUiLink(config.temporalUiUrl, config.temporalNamespace, workflowId, handle.firstExecutionRunId),
      });
    },
  );

  fastify.get(
    '',
    {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['ml-training'],
        operationId: 'listMlTrainingRuns',
        summary: 'List training runs, newest first (Temporal visibility)',
        description: 'Filter by `modelId` or `status`; pass `nextPageToken` from a response to get the next page.',
        querystring: ListMlTrainingQuerySchema,
        response: { 200: ListMlTrainingResponseSchema, ...errorResponses(400, ...API_ERRORS) },
      },
    },
    async (request) => {
      const { pageSize, nextPageToken, modelId, status } = request.query;
      const page = await listPage(temporal, calls, {
        workflowType: MlWorkflowType.Training,
        filters: [
          { attribute: SA.MlModelId, value: modelId, field: 'modelId' },
          { attribute: SA.MlTrainingStatus, value: status, field: 'status' },
        ],
        pageSize,
        nextPageToken,
      });
      const runs = page.executions.map(({ attribute, ...exec }): MlTrainingSummary => {
        const model = attribute(SA.MlModelId);
        const trainingStatus = attribute(SA.MlTrainingStatus);
        const epoch = attribute(SA.MlEpoch);
        return {
          ...exec,
          ...(typeof model === 'string' ? { modelId: model } : {}),
          ...(typeof trainingStatus === 'string' && (TRAINING_STATUSES as readonly string[]).includes(trainingStatus) ? { status: trainingStatus as MlTrainingStatus } : {}),
          ...(typeof epoch === 'number' && Number.isInteger(epoch) ? { epoch } : {}),
        };
      });
      return { runs, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
    },
  );

  fastify.get(
    '/:workflowId',
    {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['ml-training'],
        operationId: 'getMlTraining',
        summary: 'Training progress: epochs, losses, checkpoints, Merkle root, decisions',
        description: 'The workflow state; while a span of epochs runs, `currentEpoch`/`currentLoss` and `live` come from the training heartbeat.',
        params: MlWorkflowIdParamsSchema,
        response: { 200: MlTrainingProgressSchema, ...errorResponses(400, 404, 414, ...API_ERRORS) },
      },
    },
    async (request) => progress(trainingHandle(request.params.workflowId)),
  );

  fastify.get(
    '/:workflowId/events',
    {
      // Holds a connection and polls Temporal while open: never anonymous.
      config: { auth: 'authenticated' },
      schema: {
        tags: ['ml-training'],
        operationId: 'streamMlTrainingEvents',
        summary: 'Training progress live, as Server-Sent Events',
        description:
          'A `progress` event (the same JSON as GET /api/ml-training/{workflowId}) whenever the progress changes, then `end` once the run is completed, stopped or failed. ' +
          'Each event has an `id`; reconnect with `Last-Event-ID` and the snapshot you already have is not sent again. A `: keep-alive` comment comes every ' +
          'SSE_KEEPALIVE_MS; after SSE_IDLE_TIMEOUT_MS without an event the stream sends `idle` and ends. At most SSE_MAX_STREAMS_PER_CLIENT streams per client (429) ' +
          'and SSE_MAX_STREAMS in total (503), both with Retry-After. All viewers of one run share one poll.',
        params: MlWorkflowIdParamsSchema,
        response: { 200: { description: 'Server-Sent Events: `progress`, then `end` (or `idle`)', content: { 'text/event-stream': { schema: MlTrainingEventSchema } } }, ...errorResponses(400, 404, 414, 429, ...API_ERRORS) },
      },
    },
    async (request, reply) => {
      const { workflowId } = request.params;
      trainingHandle(workflowId); // another domain's id is a 404 before a stream opens
      return fastify.sse(request, reply, { hub: progressHub, key: workflowId, event: 'progress', end: (final) => ({ status: final.status }) });
    },
  );

  /**
   * A page of a run's per-epoch history. The workflow keeps only recent windows; the rest is in the ML
   * worker's store, which the gateway reaches through a short read workflow on the ML task queue (the
   * store is on the worker's disk, and a finished run takes no Updates). Runs from before the store keep
   * every row in their state and are paged from it.
   */
  const historyPage = async (workflowId: string, kind: MlHistoryKind, cursor: number, limit: number): Promise<MlHistoryPage> => {
    const handle = trainingHandle(workflowId);
    const state: MlTrainingState = await calls.worker(ML_WORKER, () => handle.query(mlTrainingStateQuery));
    if (!state.historyStoreKey) {
      const rows = kind === 'metrics' ? state.metrics : state.checkpoints;
      const after = rows.filter((r) => r.epoch > cursor);
      const items = after.slice(0, limit);
      const nextCursor = after.length > limit ? items.at(-1)!.epoch : null;
      return kind === 'metrics' ? { kind, items: items as MetricsPage['items'], nextCursor } : { kind, items: items as CheckpointsPage['items'], nextCursor };
    }
    try {
      const read = await calls.server(() =>
        temporal.workflow.start(MlWorkflowType.HistoryPage, {
          taskQueue: ML_TASK_QUEUE,
          workflowId: mlHistoryPageWorkflowId(workflowId, randomUUID().slice(0, 8)),
          args: [{ storeKey: state.historyStoreKey!, kind, after: cursor, limit }],
          workflowExecutionTimeout: PAGE_TIMEOUT,
        }),
      );
      // The server ends the read at PAGE_TIMEOUT; the deadline only guards against a server that never answers.
      return await temporal.withDeadline(Date.now() + PAGE_TIMEOUT_MS + config.temporalTimeouts.rpcMs, () => read.result());
    } catch (err) {
      if (err instanceof WorkflowFailedError) throw httpError(503, `the ML worker did not read the ${kind} page within ${PAGE_TIMEOUT}`);
      throw err;
    }
  };

  fastify.get(
    '/:workflowId/metrics',
    {
      // A read, but each page runs a short workflow on the ML worker: never anonymous when auth is on.
      config: { auth: 'authenticated' },
      schema: {
        tags: ['ml-training'],
        operationId: 'listMlTrainingMetrics',
        summary: "Every epoch's metrics, a page at a time",
        description: 'Epochs after `cursor`, oldest first. The progress view holds only the most recent 50; this pages all of them from the ML worker\'s store.',
        params: MlWorkflowIdParamsSchema,
        querystring: HistoryPageQuerySchema,
        response: { 200: MetricsPageSchema, ...errorResponses(400, 404, ...API_ERRORS) },
      },
    },
    async (request): Promise<MetricsPage> => {
      const { workflowId } = request.params;
      const page = await historyPage(workflowId, 'metrics', request.query.cursor ?? 0, request.query.limit ?? ML_PAGE.defaultLimit);
      return { workflowId, items: page.items as MetricsPage['items'], nextCursor: page.nextCursor };
    },
  );

  fastify.get(
    '/:workflowId/checkpoints',
    {
      // A read, but each page runs a short workflow on the ML worker: never anonymous when auth is on.
      config: { auth: 'authenticated' },
      schema: {
        tags: ['ml-training'],
        operationId: 'listMlTrainingCheckpoints',
        summary: 'Every checkpoint record, a page at a time',
        description: 'Checkpoints after epoch `cursor`, oldest first: id, epoch, loss, URI, SHA-256. The progress view holds only the most recent 10.',
        params: MlWorkflowIdParamsSchema,
        querystring: HistoryPageQuerySchema,
        response: { 200: CheckpointsPageSchema, ...errorResponses(400, 404, ...API_ERRORS) },
      },
    },
    async (request): Promise<CheckpointsPage> => {
      const { workflowId } = request.params;
      const page = await historyPage(workflowId, 'checkpoints', request.query.cursor ?? 0, request.query.limit ?? ML_PAGE.defaultLimit);
      return { workflowId, items: page.items as CheckpointsPage['items'], nextCursor: page.nextCursor };
    },
  );

  fastify.post(
    '/:workflowId/decision',
    {
      config: { auth: 'approver' },
      schema: {
        tags: ['ml-training'],
        operationId: 'decideMlTraining',
        summary: "Send the researcher's decision at a review point",
        description: '`continue`, `adjust` (with `newHyperparameters`, applied from the next epoch) or `stop` (go to evaluation). 409 when no review is waiting.',
        params: MlWorkflowIdParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: DecisionRequestSchema,
        response: { 200: DecisionResponseSchema, ...errorResponses(400, 404, 409, 413, 414, 415, ...API_ERRORS) },
      },
    },
    async (request) => {
      // A finished run is a 409 and an unknown id a 404 in calls.update, as for every Update route.
      const handle = trainingHandle(request.params.workflowId);
      return calls.update(ML_WORKER, handle, mlDecisionUpdate, request.body, updateIdOf(request, mlDecisionUpdate.name));
    },
  );

  fastify.get(
    '/:workflowId/audit',
    {
      // A read that starts a workflow re-hashing every checkpoint: an operator's job, never anonymous.
      config: { auth: 'operator' },
      schema: {
        tags: ['ml-training'],
        operationId: 'auditMlTraining',
        summary: 'Re-read every checkpoint, verify its SHA-256 and the Merkle root',
        description: 'Runs `auditCheckpointsWorkflow` on the ML worker, which owns the artifact store. `verified: false` names each tampered or missing file in `problems`.',
        params: MlWorkflowIdParamsSchema,
        response: { 200: AuditReportSchema, ...errorResponses(400, 404, 414, ...API_ERRORS) },
      },
    },
    async (request, reply) => {
      const { workflowId } = request.params;
      const handle = trainingHandle(workflowId);
      const state: MlTrainingState = await calls.worker(ML_WORKER, () => handle.query(mlTrainingStateQuery));
      // A run with a store is audited from it; one from before the store holds every record in its state.
      const input: AuditCheckpointsInput = state.historyStoreKey
        ? { trainingWorkflowId: workflowId, storeKey: state.historyStoreKey, merkleRoot: state.merkleRoot }
        : { trainingWorkflowId: workflowId, checkpoints: state.checkpoints, merkleRoot: state.merkleRoot };
      try {
        const audit = await calls.server(() =>
          temporal.workflow.start(MlWorkflowType.AuditCheckpoints, {
            taskQueue: ML_TASK_QUEUE,
            workflowId: mlAuditWorkflowId(workflowId, randomUUID().slice(0, 8)),
            args: [input],
            workflowExecutionTimeout: AUDIT_TIMEOUT,
          }),
        );
        // The server ends the audit at AUDIT_TIMEOUT; the deadline only guards against a server that never answers.
        const report: AuditReport = await temporal.withDeadline(Date.now() + AUDIT_TIMEOUT_MS + config.temporalTimeouts.rpcMs, () => audit.result());
        if (!report.verified) request.log.warn({ workflowId, problems: report.problems }, 'checkpoint audit failed');
        return report;
      } catch (err) {
        if (err instanceof WorkflowFailedError) {
          request.log.error({ err, workflowId }, 'checkpoint audit did not run');
          return reply.status(503).send({ statusCode: 503, error: 'Service Unavailable', message: `the ML worker did not complete the audit within ${AUDIT_TIMEOUT}` });
        }
        throw err;
      }
    },
  );
};

export default mlTraining;
