import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import {
  ControlsResponseSchema,
  LoadRequestSchema,
  LoadStateSchema,
  OrderFaultsSchema,
  SUPERVISED_WORKERS,
  SUPERVISED_WORKER_NAMES,
  SupervisedProcessSchema,
  TaskQueuesResponseSchema,
  WorkerParamsSchema,
  type LoadState,
  type OrderFaults,
  type SupervisedProcess,
  type SupervisorState,
  type TaskQueueInfo,
} from '@temporal-ecommerce/contracts/ops';
import { API_ERRORS, errorResponses } from '../../schemas/error';
import { StreamEventSchema } from '../../schemas/sse';
import { PollingHub } from '../../streams/hub';
import { supervisorClient, SupervisorRefusedError, type SupervisorClient } from '../../supervisor';

// temporal.api.enums.v1 values (the proto package is not a dependency of the gateway).
const TASK_QUEUE_KIND_NORMAL = 1;
const TASK_QUEUE_TYPE = { workflow: 1, activity: 2 } as const;

const LOOPBACK_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

type Long = { toString(): string } | number | null | undefined;
const toNumber = (value: Long): number => (value === null || value === undefined ? 0 : Number(value.toString()));

const LoadEventSchema = StreamEventSchema('LoadEvent', 'load', '/api/ops/controls (its `load`)');

const ops: FastifyPluginAsyncTypebox = async (fastify) => {
  const { config, calls, temporal } = fastify;
  const supervisor: SupervisorClient | undefined = config.supervisor ? supervisorClient(config.supervisor, config.temporalTimeouts.rpcMs) : undefined;

  const requireSupervisor = (): SupervisorClient => {
    if (!supervisor) {
      throw new SupervisorRefusedError(409, 'Worker controls are off: they exist only under `pnpm start` with OPS_CONTROLS=on (local development)');
    }
    return supervisor;
  };

  /**
   * Process control from a browser: a page on another site must not drive it through the visitor's
   * browser (CSRF), nor through a DNS name rebound to 127.0.0.1 when auth is off. A request that names
   * an Origin must come from this gateway's own; without auth, the Host must be a loopback name.
   */
  const sameOriginOnly = async (request: FastifyRequest): Promise<void> => {
    const host = request.headers.host ?? '';
    const origin = request.headers.origin;
    if (!config.auth && !LOOPBACK_HOST.test(host)) throw new SupervisorRefusedError(403, `Worker controls answer only on a loopback address without authentication, not on Host ${host}`);
    if (origin !== undefined && origin !== `http://${host}` && origin !== `https://${host}`) {
      throw new SupervisorRefusedError(403, `Worker controls refuse requests from another origin (${origin})`);
    }
  };

  async function describeKind(taskQueue: string, type: number) {
    const res = await calls.server(() =>
      temporal.workflowService.describeTaskQueue({
        namespace: config.temporalNamespace,
        taskQueue: { name: taskQueue, kind: TASK_QUEUE_KIND_NORMAL },
        taskQueueType: type,
        reportStats: true,
      }),
    );
    const stats = res.stats;
    return {
      pollers: (res.pollers ?? []).map((p) => {
        const lastAccess = optionalTsToMs(p.lastAccessTime);
        const buildId = p.deploymentOptions?.buildId;
        return {
          identity: p.identity ?? '',
          ...(lastAccess !== undefined ? { lastAccessTime: new Date(lastAccess).toISOString() } : {}),
          ...(p.ratePerSecond ? { ratePerSecond: p.ratePerSecond } : {}),
          ...(buildId ? { buildId } : {}),
        };
      }),
      ...(stats
        ? {
            backlog: {
              approximateCount: toNumber(stats.approximateBacklogCount as Long),
              approximateAgeMs: Math.round(optionalTsToMs(stats.approximateBacklogAge) ?? 0),
              addRate: stats.tasksAddRate ?? 0,
              dispatchRate: stats.tasksDispatchRate ?? 0,
            },
          }
        : {}),
    };
  }

  fastify.get(
    '/task-queues',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['ops'],
        operationId: 'listTaskQueues',
        summary: "Each worker's task queue as Temporal sees it: pollers and backlog",
        description:
          'DescribeTaskQueue with stats for the order, ML and agent queues, their workflow and activity sides: the workers polling ' +
          '(identity, last poll, build) and the backlog (approximate count and age, add and dispatch rates). No poller means no worker is running.',
        response: { 200: TaskQueuesResponseSchema, ...errorResponses(400, ...API_ERRORS) },
      },
    },
    async () => {
      const queues = await Promise.all(
        SUPERVISED_WORKER_NAMES.map(async (worker): Promise<TaskQueueInfo> => {
          const taskQueue = SUPERVISED_WORKERS[worker];
          const [workflow, activity] = await Promise.all([describeKind(taskQueue, TASK_QUEUE_TYPE.workflow), describeKind(taskQueue, TASK_QUEUE_TYPE.activity)]);
          return { worker, taskQueue, workflow, activity };
        }),
      );
      return { namespace: config.temporalNamespace, queues };
    },
  );

  fastify.get(
    '/controls',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['ops'],
        operationId: 'getControls',
        summary: "Whether this gateway may kill and start workers, and the supervisor's state",
        description:
          '`enabled: false` with the reason unless the gateway runs under `pnpm start` with OPS_CONTROLS=on (never in production). ' +
          'Otherwise each supervised worker (running, pid), the order worker\'s faults and the load run.',
        response: { 200: ControlsResponseSchema, ...errorResponses(400, ...API_ERRORS) },
      },
    },
    async () => {
      if (!supervisor) return { enabled: false as const, reason: 'Worker controls are off: they exist only under `pnpm start` with OPS_CONTROLS=on (local development)' };
      const state = await supervisor.call<SupervisorState>('GET', '/state');
      return { enabled: true as const, ...state };
    },
  );

  for (const action of ['kill', 'start'] as const) {
    fastify.post(
      `/workers/:worker/${action}`,
      {
        config: { auth: 'operator' },
        preHandler: sameOriginOnly,
        schema: {
          tags: ['ops'],
          operationId: action === 'kill' ? 'killWorker' : 'startWorker',
          summary: action === 'kill' ? 'Kill a worker process (SIGKILL), local dev only' : 'Start a stopped worker process, local dev only',
          description:
            (action === 'kill'
              ? 'SIGKILL, no graceful shutdown: its workflows wait in Temporal and resume on the next worker. '
              : 'The same entry file and environment `pnpm start` used. ') +
            '409 when the worker is already in that state, or when worker controls are off (only `pnpm start` with OPS_CONTROLS=on, never production).',
          params: WorkerParamsSchema,
          response: { 200: SupervisedProcessSchema, ...errorResponses(400, 403, 409, ...API_ERRORS) },
        },
      },
      async (request) => {
        const result = await requireSupervisor().call<SupervisedProcess>('POST', `/workers/${request.params.worker}/${action}`);
        request.log.warn({ worker: request.params.worker, action }, 'worker process control');
        return result;
      },
    );
  }

  fastify.put(
    '/faults',
    {
      config: { auth: 'operator' },
      preHandler: sameOriginOnly,
      schema: {
        tags: ['ops'],
        operationId: 'setOrderFaults',
        summary: "Set the order worker's injected faults, local dev only (restarts it)",
        description:
          'The failure modes the order worker supports (ORDER_FAULT_*), each one the saga retries or compensates. The supervisor restarts the order ' +
          'worker with them: a graceful stop, so no activity is cut short. 409 when worker controls are off.',
        body: OrderFaultsSchema,
        response: { 200: OrderFaultsSchema, ...errorResponses(400, 403, 409, 413, 415, ...API_ERRORS) },
      },
    },
    async (request) => {
      const faults = await requireSupervisor().call<OrderFaults>('PUT', '/faults', request.body);
      request.log.warn({ faults }, 'order worker faults set');
      return faults;
    },
  );

  fastify.post(
    '/load',
    {
      config: { auth: 'operator' },
      preHandler: sameOriginOnly,
      schema: {
        tags: ['ops'],
        operationId: 'startLoad',
        summary: 'Start the load generator (pnpm load) against this gateway, local dev only',
        description:
          'Orders per second (at most 20), a duration (at most 300 s) and a mix of scenarios. It runs with the caller\'s own token, so it can do no ' +
          'more than the caller. One run at a time: 409 while one runs, or when worker controls are off. Follow it with GET /api/ops/load/events.',
        body: LoadRequestSchema,
        response: { 202: LoadStateSchema, ...errorResponses(400, 403, 409, 413, 415, ...API_ERRORS) },
      },
    },
    async (request, reply) => {
      const weights = Object.values(request.body.mix).reduce((a, b) => a + (b ?? 0), 0);
      if (weights <= 0) throw new SupervisorRefusedError(400, 'body/mix: the weights add up to 0');
      const auth = request.headers.authorization;
      const token = config.auth && auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
      const state = await requireSupervisor().call<LoadState>('POST', '/load', { request: request.body, ...(token ? { token } : {}) });
      request.log.info({ load: request.body }, 'load run started');
      return reply.status(202).send(state);
    },
  );

  const loadHub = new PollingHub<LoadState>(
    async () => {
      const state = await requireSupervisor().call<LoadState>('GET', '/load');
      return { id: `${state.startedAt ?? 0}.${state.snapshots.length}`, data: state, final: !state.running };
    },
    config.streams.pollIntervalMs,
    fastify.log,
  );

  fastify.get(
    '/load/events',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['ops'],
        operationId: 'streamLoad',
        summary: 'The load run live, as Server-Sent Events',
        description: 'A `load` event (the run with one snapshot a second: throughput, p50/p99 latency, errors) whenever it changes, then `end` when the run is over.',
        response: { 200: { description: 'Server-Sent Events: `load`, then `end`', content: { 'text/event-stream': { schema: LoadEventSchema } } }, ...errorResponses(400, 409, 429, ...API_ERRORS) },
      },
    },
    async (request, reply) => fastify.sse(request, reply, { hub: loadHub, key: 'load', event: 'load', end: (final) => ({ exited: final.exited ?? null }) }),
  );
};

export default ops;
