import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { WithStartWorkflowOperation, WorkflowFailedError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, type Duration } from '@temporalio/common';
import { workflowUiLink } from '@temporal-ecommerce/contracts/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { SA } from '@temporal-ecommerce/contracts/search-attributes';
import {
  ORDER_STATUSES,
  ORDER_TASK_QUEUE,
  ORDER_WORKFLOW_TYPE,
  TERMINAL_ORDER_STATUSES,
  approveOrderUpdate,
  cancelOrderUpdate,
  getOrderStatusQuery,
  orderWorkflowId,
  orderWorkflowStartOptions,
  validateOrder,
  waitForChargeUpdate,
  type OrderState,
  type OrderStatus,
  type OrderWorkflowInput,
} from '@temporal-ecommerce/contracts/order';
import {
  ApproveOrderBodySchema,
  CancelOrderBodySchema,
  CreateOrderBodySchema,
  CreateOrderQuerySchema,
  CreateOrderResponseSchema,
  ListOrdersQuerySchema,
  ListOrdersResponseSchema,
  OrderDetailsResponseSchema,
  OrderParamsSchema,
  type OrderDetailsResponse,
  type OrderSummary,
} from '@temporal-ecommerce/contracts/order/http';
import { IdempotencyHeadersSchema, updateIdOf } from '../../schemas/idempotency';
import { StreamEventSchema } from '../../schemas/sse';
import { API_ERRORS, errorResponses } from '../../schemas/error';
import { PollingHub } from '../../streams/hub';
import { listPage } from '../../visibility';
import type { TemporalCalls, WorkerRef } from '../../temporal-calls';
import { priceOrderHook } from './pricing';
import { grantPriority } from './priority';

const OrderEventSchema = StreamEventSchema('OrderEvent', 'state', '/api/orders/{orderId}');

const ORDER_WORKER: WorkerRef = { name: 'order', taskQueue: ORDER_TASK_QUEUE };

function badRequest(message: string): never {
  throw ApplicationFailure.create({ type: ErrorType.InvalidRequest, message, nonRetryable: true });
}

function conflict(message: string): never {
  throw ApplicationFailure.create({ type: ErrorType.InvalidState, message, nonRetryable: true });
}

/**
 * The order's state. A running order answers the status query; a closed one is read from its result or
 * its failure's details (the workflow puts the final state there), so no worker is needed for history.
 */
async function readState(client: Client, calls: TemporalCalls, workflowId: string, description: WorkflowExecutionDescription): Promise<OrderState> {
  const handle = client.workflow.getHandle(workflowId, description.runId);
  if (description.status.name !== 'RUNNING') {
    try {
      return (await calls.server(() => handle.result())) as OrderState;
    } catch (err) {
      const details = err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure ? err.cause.details?.[0] : undefined;
      if (details && typeof details === 'object' && 'status' in details) return details as OrderState;
    }
  }
  return calls.worker(ORDER_WORKER, () => handle.query(getOrderStatusQuery));
}

const orders: FastifyPluginAsyncTypebox = async (fastify) => {
  const { config } = fastify;
  const client = (): Client => fastify.temporal;
  const { calls } = fastify;
  const uiLink = (workflowId: string, runId?: string) => workflowUiLink(config.temporalUiUrl, config.temporalNamespace, workflowId, runId);

  /** Describe, so that an unknown order is a 404 before anything else is tried. */
  const describe = (orderId: string) => calls.server(() => client().workflow.getHandle(orderWorkflowId(orderId)).describe());

  async function details(orderId: string, description?: WorkflowExecutionDescription): Promise<OrderDetailsResponse> {
    const workflowId = orderWorkflowId(orderId);
    const desc = description ?? (await describe(orderId));
    const state = await readState(client(), calls, workflowId, desc);
    return { ...state, workflowId, runId: desc.runId, uiLink: uiLink(workflowId, desc.runId) };
  }

  /** One poll loop per order, whoever watches it; the event id is the history length the state was read at. */
  const stateHub = new PollingHub<OrderDetailsResponse>(
    async (orderId) => {
      const desc = await describe(orderId);
      const data = await details(orderId, desc);
      return { id: `${desc.runId}.${desc.historyLength}`, data, final: TERMINAL_ORDER_STATUSES.includes(data.status) };
    },
    config.streams.pollIntervalMs,
    fastify.log,
  );

  /** The order must be running to take a message; a closed one is a conflict, naming its final status. */
  /**
   * The run an Update goes to. A finished order is a 409 before anything is sent, unless `updateId` is set
   * (an Idempotency-Key): the server still answers a retry of an Update the run applied with that Update's
   * outcome, and any other id on a finished run with a 409 (temporal-calls.ts).
   */
  async function requireRunning(orderId: string, action: string, updateId?: string): Promise<WorkflowExecutionDescription> {
    const desc = await describe(orderId);
    if (desc.status.name !== 'RUNNING' && updateId === undefined) {
      const status = desc.typedSearchAttributes.get(SA.OrderStatus) ?? desc.status.name.toLowerCase();
      conflict(`Order ${orderId} cannot be ${action}: it is ${status}`);
    }
    return desc;
  }

  fastify.post(
    '',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['orders'],
        operationId: 'createOrder',
        summary: 'Create an order (starts the order saga)',
        description:
          'Starts workflow `order-<orderId>` on the order-processing queue. Prices come from the catalog (GET /api/catalog): `price` and ' +
          '`totalAmount` may be left out, and when sent must equal the catalog\'s (400 naming the field and the current price). ' +
          'Orders whose catalog total is above 5000 wait for approval (POST /api/orders/{orderId}/approve) for up to 24 hours. ' +
          'With `?wait=charged` the same request starts the order and waits for its charge (Temporal Update-with-Start). ' +
          '`priority` sets how soon its tasks are dispatched under a backlog (raising it above the default needs the approver role).',
        querystring: CreateOrderQuerySchema,
        body: CreateOrderBodySchema,
        response: { 201: CreateOrderResponseSchema, 202: CreateOrderResponseSchema, ...errorResponses(400, 402, 409, 413, 415, ...API_ERRORS) },
      },
      preHandler: priceOrderHook,
    },
    async (request, reply) => {
      const priced = request.body;
      const issue = validateOrder(priced);
      if (issue) badRequest(`body${issue.field} ${issue.message}`);
      // The run records the priority it was granted: its start options and its activities run at it.
      const order = { ...priced, priority: grantPriority(request, priced) };
      const workflowId = orderWorkflowId(order.orderId);
      const input: OrderWorkflowInput = {
        order,
        approvalTimeout: config.orderApprovalTimeout as Duration,
        completionDelay: config.orderCompletionDelay as Duration,
      };
      const created = (runId: string) => ({ orderId: order.orderId, workflowId, runId, uiLink: uiLink(workflowId, runId) });
      try {
        if (request.query.wait !== 'charged') {
          const began = performance.now();
          const handle = await calls.server(() => client().workflow.start(ORDER_WORKFLOW_TYPE, orderWorkflowStartOptions(input)));
          // temporalMs: the start call's share of the request's time (the access line has the whole).
          const temporalMs = Math.round((performance.now() - began) * 100) / 100;
          request.log.info({ orderId: order.orderId, workflowId, runId: handle.firstExecutionRunId, temporalMs }, 'order started');
          return reply.status(201).send({ ...created(handle.firstExecutionRunId), message: 'Order created successfully' });
        }
        // The workflow holds its answer as long as this request waits for it (UPDATE_TIMEOUT_MS), then
        // answers with the state so far; the caller's deadline allows one worker timeout more for the trip.
        const { updateMs, workerMs } = config.temporalTimeouts;
        const start = new WithStartWorkflowOperation(ORDER_WORKFLOW_TYPE, orderWorkflowStartOptions(input));
        const { runId, result: state } = await calls.updateWithStart(ORDER_WORKER, waitForChargeUpdate, { timeoutMs: updateMs }, start, updateMs + workerMs);
        const charged = state.paymentProcessed && state.paymentId !== undefined;
        request.log.info({ orderId: order.orderId, workflowId, runId, status: state.status, paymentId: state.paymentId }, charged ? 'order started and charged' : 'order started, charge pending');
        return reply.status(charged ? 201 : 202).send({
          ...created(runId),
          message: charged ? 'Order created and charged' : `Order created; not charged within ${updateMs / 1000} s: follow GET /api/orders/${order.orderId}`,
          status: state.status,
          totalAmount: state.totalAmount,
          ...(state.paymentId !== undefined ? { paymentId: state.paymentId } : {}),
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) conflict(`Order ${order.orderId} already exists`);
        throw err;
      }
    },
  );

  fastify.get(
    '',
    {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['orders'],
        operationId: 'listOrders',
        summary: 'List orders, newest first (Temporal visibility)',
        description: 'Filter by `status` or `customerId`; pass `nextPageToken` from a response to get the next page.',
        querystring: ListOrdersQuerySchema,
        response: { 200: ListOrdersResponseSchema, ...errorResponses(400, ...API_ERRORS) },
      },
    },
    async (request) => {
      const { pageSize, nextPageToken, status, customerId } = request.query;
      const page = await listPage(client(), fastify.calls, {
        workflowType: ORDER_WORKFLOW_TYPE,
        filters: [
          { attribute: SA.OrderStatus, value: status, field: 'status' },
          { attribute: SA.CustomerId, value: customerId, field: 'customerId' },
        ],
        pageSize,
        nextPageToken,
      });
      const orders = page.executions.map(({ attribute, ...exec }): OrderSummary => {
        const status = attribute(SA.OrderStatus);
        const total = attribute(SA.OrderTotal);
        const customer = attribute(SA.CustomerId);
        const orderId = attribute(SA.OrderId);
        return {
          orderId: typeof orderId === 'string' ? orderId : exec.workflowId.replace(/^order-/, ''),
          ...exec,
          ...(typeof customer === 'string' ? { customerId: customer } : {}),
          ...(typeof status === 'string' && (ORDER_STATUSES as readonly string[]).includes(status) ? { status: status as OrderStatus } : {}),
          ...(typeof total === 'number' ? { totalAmount: total } : {}),
        };
      });
      return { orders, ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
    },
  );

  fastify.get(
    '/:orderId',
    {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['orders'],
        operationId: 'getOrder',
        summary: "An order's status",
        description: 'From the workflow status query while the order runs; from its final state once it closed.',
        params: OrderParamsSchema,
        response: { 200: OrderDetailsResponseSchema, ...errorResponses(400, 404, 414, ...API_ERRORS) },
      },
    },
    async (request) => details(request.params.orderId),
  );

  fastify.get(
    '/:orderId/events',
    {
      // Holds a connection and polls Temporal while open: never anonymous.
      config: { auth: 'authenticated' },
      schema: {
        tags: ['orders'],
        operationId: 'streamOrderEvents',
        summary: "The order's state live, as Server-Sent Events",
        description:
          'A `state` event (the same JSON as GET /api/orders/{orderId}) whenever the order changes, then `end` once it is completed, cancelled or failed. ' +
          'Each event has an `id`; reconnect with `Last-Event-ID` and the state you already have is not sent again. A `: keep-alive` comment comes every ' +
          'SSE_KEEPALIVE_MS; after SSE_IDLE_TIMEOUT_MS without an event the stream sends `idle` and ends (a shipped order waits days for its return window). ' +
          'At most SSE_MAX_STREAMS_PER_CLIENT streams per client (429) and SSE_MAX_STREAMS in total (503), both with Retry-After. All viewers of one order share one poll.',
        params: OrderParamsSchema,
        response: { 200: { description: 'Server-Sent Events: `state`, then `end` (or `idle`)', content: { 'text/event-stream': { schema: OrderEventSchema } } }, ...errorResponses(400, 404, 414, 429, ...API_ERRORS) },
      },
    },
    async (request, reply) =>
      fastify.sse(request, reply, { hub: stateHub, key: request.params.orderId, event: 'state', end: (final) => ({ status: final.status }) }),
  );

  fastify.post(
    '/:orderId/approve',
    {
      config: { auth: 'approver' },
      schema: {
        tags: ['orders'],
        operationId: 'approveOrder',
        summary: 'Approve or reject a high-value order',
        description:
          'Accepted only while the order is `awaiting_approval` (409 otherwise). Answers once the decision took effect: ' +
          '`shipped` when approved; `failed` after refund and release when rejected.',
        params: OrderParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: ApproveOrderBodySchema,
        response: { 200: OrderDetailsResponseSchema, ...errorResponses(400, 404, 409, 413, 414, 415, ...API_ERRORS) },
      },
    },
    async (request) => {
      const { orderId } = request.params;
      const updateId = updateIdOf(request, approveOrderUpdate.name);
      const desc = await requireRunning(orderId, 'approved', updateId);
      const handle = client().workflow.getHandle(orderWorkflowId(orderId), desc.runId);
      const state = await calls.update(ORDER_WORKER, handle, approveOrderUpdate, request.body, updateId);
      request.log.info({ orderId, approved: request.body.approved, approvedBy: request.body.approvedBy, status: state.status }, 'order approval');
      return { ...state, workflowId: handle.workflowId, runId: desc.runId, uiLink: uiLink(handle.workflowId, desc.runId) };
    },
  );

  fastify.post(
    '/:orderId/cancel',
    {
      config: { auth: 'operator' },
      schema: {
        tags: ['orders'],
        operationId: 'cancelOrder',
        summary: 'Cancel an order (a return once shipped)',
        description:
          'Undoes every step taken, newest first: cancel the shipment, refund, release the stock. Accepted until the order completes ' +
          '(409 after, or while it is already being compensated). The body is optional.',
        params: OrderParamsSchema,
        headers: IdempotencyHeadersSchema,
        body: CancelOrderBodySchema,
        response: { 200: OrderDetailsResponseSchema, ...errorResponses(400, 404, 409, 413, 414, 415, ...API_ERRORS) },
      },
      // `curl -X POST .../cancel` sends no body at all: treat it as an empty one.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const { orderId } = request.params;
      const updateId = updateIdOf(request, cancelOrderUpdate.name);
      const desc = await requireRunning(orderId, 'cancelled', updateId);
      const handle = client().workflow.getHandle(orderWorkflowId(orderId), desc.runId);
      const state = await calls.update(ORDER_WORKER, handle, cancelOrderUpdate, request.body, updateId);
      request.log.info({ orderId, status: state.status, compensations: state.compensations }, 'order cancelled');
      return { ...state, workflowId: handle.workflowId, runId: desc.runId, uiLink: uiLink(handle.workflowId, desc.runId) };
    },
  );
};

export default orders;
