/**
 * The operations screen's contract: what the gateway reads from Temporal about each task queue, and the
 * local control channel between `pnpm start`'s supervisor (infra/src/control.ts) and the gateway
 * (apps/gateway/src/routes/ops). One definition gives the types, the validation on both sides and the
 * OpenAPI schema.
 */
import { Type, type Static, type TInteger, type TOptional, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { AGENT_TASK_QUEUE } from './agent/index';
import { ML_TASK_QUEUE } from './ml/index';
import { ORDER_TASK_QUEUE } from './order/index';

/** The workers `pnpm start` supervises, with the queue each polls. */
export const SUPERVISED_WORKERS = {
  'order-worker': ORDER_TASK_QUEUE,
  'ml-worker': ML_TASK_QUEUE,
  'agent-worker': AGENT_TASK_QUEUE,
} as const;
export type SupervisedWorker = keyof typeof SUPERVISED_WORKERS;
export const SUPERVISED_WORKER_NAMES = Object.keys(SUPERVISED_WORKERS) as SupervisedWorker[];

/**
 * Environment the supervisor hands to the gateway only: a Unix socket in a directory only this user can
 * enter, and a random secret it checks on every request. Neither exists outside `pnpm start` with
 * OPS_CONTROLS=on, and the gateway refuses them when NODE_ENV=production.
 */
export const SUPERVISOR_SOCKET_ENV = 'SUPERVISOR_SOCKET';
export const SUPERVISOR_TOKEN_ENV = 'SUPERVISOR_TOKEN';
/** What turns the controls on in `pnpm start`; anything but `on` leaves them off. */
export const OPS_CONTROLS_ENV = 'OPS_CONTROLS';

// ---- Temporal's view of a task queue ----

export const PollerSchema = Type.Object({
  identity: Type.String({ description: "The worker's identity (pid@host by default)", examples: ['4242@laptop'] }),
  lastAccessTime: Type.Optional(Type.String({ format: 'date-time' })),
  ratePerSecond: Type.Optional(Type.Number()),
  buildId: Type.Optional(Type.String({ description: "The worker's deployment build, when it polls with versioning" })),
});

export const BacklogSchema = Type.Object({
  approximateCount: Type.Integer({ minimum: 0, description: 'Tasks waiting for a worker' }),
  approximateAgeMs: Type.Integer({ minimum: 0, description: 'How long the oldest waiting task has waited' }),
  addRate: Type.Number({ description: 'Tasks added per second, recently' }),
  dispatchRate: Type.Number({ description: 'Tasks handed to workers per second, recently' }),
});

export const QueueKindSchema = Type.Object({
  pollers: Type.Array(PollerSchema),
  backlog: Type.Optional(BacklogSchema),
});

export const TaskQueueInfoSchema = Type.Object({
  worker: Type.Union(
    SUPERVISED_WORKER_NAMES.map((w) => Type.Literal(w)),
    { description: 'The worker that serves this queue' },
  ),
  taskQueue: Type.String({ examples: [ORDER_TASK_QUEUE] }),
  workflow: QueueKindSchema,
  activity: QueueKindSchema,
});
export type TaskQueueInfo = Static<typeof TaskQueueInfoSchema>;

export const TaskQueuesResponseSchema = Type.Object({
  namespace: Type.String(),
  queues: Type.Array(TaskQueueInfoSchema),
});
export type TaskQueuesResponse = Static<typeof TaskQueuesResponseSchema>;

// ---- The supervisor's controls ----

/**
 * The order worker's failure modes (apps/order-worker/src/activities/faults.ts) that a visitor may switch
 * on: each is retried or compensated by the saga. CHAOS_SABOTAGE is not here: it breaks guarantees on
 * purpose, for the chaos run's own tests only.
 */
export const OrderFaultsSchema = Type.Object(
  {
    paymentFailureRate: Type.Number({ minimum: 0, maximum: 1, description: 'Share of payment attempts that fail before charging (retried)', examples: [0.3] }),
    paymentLostResponses: Type.Integer({ minimum: 0, maximum: 5, description: 'First N attempts of each charge succeed but their answer is lost (idempotency prevents a double charge)' }),
    paymentDelayMs: Type.Integer({ minimum: 0, maximum: 60_000, description: 'The payment activity works this long after charging (kill the worker meanwhile)' }),
    carrier: Type.Union([Type.Literal('ok'), Type.Literal('reject'), Type.Literal('unavailable')], { description: 'reject: shipping fails for good (compensations run); unavailable: every attempt fails (retried)' }),
  },
  { additionalProperties: false, title: 'OrderFaults' },
);
export type OrderFaults = Static<typeof OrderFaultsSchema>;
export const NO_ORDER_FAULTS: OrderFaults = { paymentFailureRate: 0, paymentLostResponses: 0, paymentDelayMs: 0, carrier: 'ok' };

/** The order worker's environment for a set of faults (its env.ts reads these). */
export function orderFaultEnv(faults: OrderFaults): Record<string, string> {
  return {
    ORDER_FAULT_PAYMENT_FAILURE_RATE: String(faults.paymentFailureRate),
    ORDER_FAULT_PAYMENT_LOST_RESPONSES: String(faults.paymentLostResponses),
    ORDER_FAULT_PAYMENT_DELAY_MS: String(faults.paymentDelayMs),
    ORDER_FAULT_CARRIER: faults.carrier,
  };
}

export const SupervisedProcessSchema = Type.Object({
  name: Type.Union(SUPERVISED_WORKER_NAMES.map((w) => Type.Literal(w))),
  running: Type.Boolean(),
  pid: Type.Optional(Type.Integer()),
  /** How the last run ended ("signal SIGKILL"), when it is not running. */
  exited: Type.Optional(Type.String()),
});
export type SupervisedProcess = Static<typeof SupervisedProcessSchema>;

export const LOAD_SCENARIOS = ['normal', 'high-value', 'declined', 'out-of-stock', 'cancel'] as const;
export type LoadScenario = (typeof LOAD_SCENARIOS)[number];
export const MAX_LOAD_RATE = 20;
export const MAX_LOAD_DURATION_SECONDS = 300;

/** A load run from the console: bounded well below `pnpm load`'s own limits, since anyone with the operator role may start one. */
export const LoadRequestSchema = Type.Object(
  {
    rate: Type.Number({ exclusiveMinimum: 0, maximum: MAX_LOAD_RATE, description: 'Orders started per second', examples: [2] }),
    durationSeconds: Type.Integer({ minimum: 1, maximum: MAX_LOAD_DURATION_SECONDS, examples: [30] }),
    mix: Type.Object(
      Object.fromEntries(LOAD_SCENARIOS.map((s) => [s, Type.Optional(Type.Integer({ minimum: 0, maximum: 100 }))])) as Record<LoadScenario, TOptional<TInteger>>,
      { additionalProperties: false, minProperties: 1, description: 'Weight of each scenario (bench/src/load); they must add up to more than 0', examples: [{ normal: 80, 'high-value': 10, cancel: 10 }] },
    ),
  },
  { additionalProperties: false, title: 'LoadRequest' },
);
export type LoadRequest = Static<typeof LoadRequestSchema>;

/** One second of a load run (bench/src/load/stats.ts Snapshot). */
export const LoadSnapshotSchema = Type.Object({
  elapsedMs: Type.Number(),
  sent: Type.Integer(),
  ok: Type.Integer(),
  failed: Type.Integer(),
  inFlight: Type.Integer(),
  currentRate: Type.Number(),
  overallRate: Type.Number(),
  p50: Type.Number(),
  p99: Type.Number(),
  errors: Type.Array(Type.Object({ type: Type.String({ examples: ['create 503'] }), count: Type.Integer() }), { description: 'Failures by type, most frequent first' }),
});
export type LoadSnapshot = Static<typeof LoadSnapshotSchema>;

export const LoadStateSchema = Type.Object({
  running: Type.Boolean(),
  startedAt: Type.Optional(Type.Integer({ description: 'When the last run started (ms since the epoch)' })),
  request: Type.Optional(LoadRequestSchema),
  snapshots: Type.Array(LoadSnapshotSchema, { description: 'One a second, oldest first' }),
  exited: Type.Optional(Type.String()),
});
export type LoadState = Static<typeof LoadStateSchema>;

export const SupervisorStateSchema = Type.Object({
  workers: Type.Array(SupervisedProcessSchema),
  faults: OrderFaultsSchema,
  load: LoadStateSchema,
});
export type SupervisorState = Static<typeof SupervisorStateSchema>;

/** GET /api/ops/controls: whether this gateway may ask a supervisor, and what it says. */
export const ControlsResponseSchema = Type.Union([
  Type.Object({ enabled: Type.Literal(false), reason: Type.String() }),
  Type.Composite([Type.Object({ enabled: Type.Literal(true) }), SupervisorStateSchema]),
]);
export type ControlsResponse = Static<typeof ControlsResponseSchema>;

export const WorkerParamsSchema = Type.Object({
  worker: Type.Union(
    SUPERVISED_WORKER_NAMES.map((w) => Type.Literal(w)),
    { description: 'Which worker' },
  ),
});

/**
 * The first thing wrong with `value` against `schema`, naming the field ("body/carrier must be ..."), or
 * undefined: the supervisor checks what the gateway sends it as if it came from anywhere.
 */
export function firstProblem(schema: TSchema, value: unknown, context = 'body'): string | undefined {
  const error = Value.Errors(schema, value).First();
  return error ? `${context}${error.path} ${error.message}` : undefined;
}

/** What the supervisor's POST /load takes: the request as validated by the gateway, and the caller's token. */
export const SupervisorLoadBodySchema = Type.Object(
  {
    request: LoadRequestSchema,
    token: Type.Optional(Type.String({ minLength: 1, maxLength: 8192 })),
  },
  { additionalProperties: false },
);
export type SupervisorLoadBody = Static<typeof SupervisorLoadBodySchema>;
