import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { WorkflowFailedError, type Client, type WorkflowExecutionDescription } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, defaultPayloadConverter, type Duration } from '@temporalio/common';
import { workflowUiLink } from '@temporal-ecommerce/contracts/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { SA } from '@temporal-ecommerce/contracts/search-attributes';
import {
  ORDER_STATUSES,
  ORDER_WORKFLOW_TYPE,
  approveOrderUpdate,
  cancelOrderUpdate,
  getOrderStatusQuery,
  orderWorkflowId,
  orderWorkflowStartOptions,
  validateOrder,
  type OrderState,
  type OrderStatus,
  type OrderWorkflowInput,
} from '@temporal-ecommerce/contracts/order';
import {
  ApproveOrderBodySchema,
  CancelOrderBodySchema,
  CreateOrderBodySchema,
  CreateOrderResponseSchema,
  ListOrdersQuerySchema,
  ListOrdersResponseSchema,
  OrderDetailsResponseSchema,
  OrderParamsSchema,
  type OrderDetailsResponse,
  type OrderSummary,
} from '@temporal-ecommerce/contracts/order/http';
import { errorResponses } from '../../schemas/error';
import { priceOrderHook } from './pricing';

/** A query must not hang a request when no order worker is running. */
const QUERY_DEADLINE_MS = 5_000;

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
async function readState(client: Client, workflowId: string, description: WorkflowExecutionDescription): Promise<OrderState> {
  const handle = client.workflow.getHandle(workflowId, description.runId);
  if (description.status.name !== 'RUNNING') {
    try {
      return (await handle.result()) as OrderState;
    } catch (err) {
      const details = err instanceof WorkflowFailedError && err.cause instanceof ApplicationFailure ? err.cause.details?.[0] : undefined;
      if (details && typeof details === 'object' && 'status' in details) return details as OrderState;
    }
  }
  return client.withDeadline(Date.now() + QUERY_DEADLINE_MS, () => handle.query(getOrderStatusQuery));
}

const orders: FastifyPluginAsyncTypebox = async (fastify) => {
  const { config } = fastify;
  const client = (): Client => fastify.temporal;
  const uiLink = (workflowId: string, runId?: string) => workflowUiLink(config.temporalUiUrl, config.temporalNamespace, workflowId, runId);

  /** Describe, so that an unknown order is a 404 before anything else is tried. */
  const describe = (orderId: string) => client().workflow.getHandle(orderWorkflowId(orderId)).describe();

  async function details(orderId: string, description?: WorkflowExecutionDescription): Promise<OrderDetailsResponse> {
    const workflowId = orderWorkflowId(orderId);
    const desc = description ?? (await describe(orderId));
    const state = await readState(client(), workflowId, desc);
    return { ...state, workflowId, runId: desc.runId, uiLink: uiLink(workflowId, desc.runId) };
  }

  /** The order must be running to take a message; a closed one is a conflict, naming its final status. */
  async function requireRunning(orderId: string, action: string): Promise<WorkflowExecutionDescription> {
    const desc = await describe(orderId);
    if (desc.status.name !== 'RUNNING') {
      const status = desc.typedSearchAttributes.get(SA.OrderStatus) ?? desc.status.name.toLowerCase();
      conflict(`Order ${orderId} cannot be ${action}: it is ${status}`);
    }
    return desc;
  }

  fastify.post(
    '',
    {
      schema: {
        tags: ['orders'],
        summary: 'Create an order (starts the order saga)',
        description:
          'Starts workflow `order-<orderId>` on the order-processing queue. Prices come from the catalog (GET /api/catalog): `price` and ' +
          '`totalAmount` may be left out, and when sent must equal the catalog\'s (400 naming the field and the current price). ' +
          'Orders whose catalog total is above 5000 wait for approval (POST /api/orders/{orderId}/approve) for up to 24 hours.',
        body: CreateOrderBodySchema,
        response: { 201: CreateOrderResponseSchema, ...errorResponses(400, 409, 503) },
      },
      preHandler: priceOrderHook,
    },
    async (request, reply) => {
      const order = request.body;
      const issue = validateOrder(order);
      if (issue) badRequest(`body${issue.field} ${issue.message}`);
      const workflowId = orderWorkflowId(order.orderId);
      const input: OrderWorkflowInput = {
        order,
        approvalTimeout: config.orderApprovalTimeout as Duration,
        completionDelay: config.orderCompletionDelay as Duration,
      };
      try {
        const handle = await client().workflow.start(ORDER_WORKFLOW_TYPE, orderWorkflowStartOptions(input));
        request.log.info({ orderId: order.orderId, workflowId, runId: handle.firstExecutionRunId }, 'order started');
        return reply.status(201).send({
          orderId: order.orderId,
          workflowId,
          runId: handle.firstExecutionRunId,
          message: 'Order created successfully',
          uiLink: uiLink(workflowId, handle.firstExecutionRunId),
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
      schema: {
        tags: ['orders'],
        summary: 'List orders, newest first (Temporal visibility)',
        description: 'Filter by `status` or `customerId`; pass `nextPageToken` from a response to get the next page.',
        querystring: ListOrdersQuerySchema,
        response: { 200: ListOrdersResponseSchema, ...errorResponses(400, 503) },
      },
    },
    async (request) => {
      const { pageSize, nextPageToken, status, customerId } = request.query;
      // Values are schema-checked (ids match [A-Za-z0-9_.-], status is an enum), so quoting is safe.
      const filters = [`WorkflowType = '${ORDER_WORKFLOW_TYPE}'`];
      if (status) filters.push(`${SA.OrderStatus.name} = '${status}'`);
      if (customerId) filters.push(`${SA.CustomerId.name} = '${customerId}'`);
      let token: Buffer | undefined;
      if (nextPageToken) {
        token = Buffer.from(nextPageToken, 'base64url');
        if (token.length === 0) badRequest('querystring/nextPageToken is not a page token');
      }
      const response = await client()
        .workflowService.listWorkflowExecutions({
          namespace: config.temporalNamespace,
          query: filters.join(' AND '),
          pageSize,
          nextPageToken: token,
        })
        .catch((err: unknown) => {
          // A token from elsewhere is the client's mistake, not ours.
          if (nextPageToken && err instanceof Error && /token/i.test(err.message)) badRequest('querystring/nextPageToken is not a valid page token');
          throw err;
        });
      const sa = (exec: (typeof response.executions)[number], key: string): unknown => {
        const payload = exec.searchAttributes?.indexedFields?.[key];
        return payload ? defaultPayloadConverter.fromPayload(payload) : undefined;
      };
      const orders = response.executions.map((exec): OrderSummary => {
        const workflowId = exec.execution?.workflowId ?? '';
        const status = sa(exec, SA.OrderStatus.name);
        const total = sa(exec, SA.OrderTotal.name);
        const customer = sa(exec, SA.CustomerId.name);
        const orderId = sa(exec, SA.OrderId.name);
        return {
          orderId: typeof orderId === 'string' ? orderId : workflowId.replace(/^order-/, ''),
          workflowId,
          runId: exec.execution?.runId ?? '',
          ...(typeof customer === 'string' ? { customerId: customer } : {}),
          ...(typeof status === 'string' && (ORDER_STATUSES as readonly string[]).includes(status) ? { status: status as OrderStatus } : {}),
          ...(typeof total === 'number' ? { totalAmount: total } : {}),
          executionStatus: executionStatusName(exec.status),
          startTime: timestampToIso(exec.startTime) ?? new Date(0).toISOString(),
          ...(exec.closeTime ? { closeTime: timestampToIso(exec.closeTime) } : {}),
        };
      });
      const next = response.nextPageToken && response.nextPageToken.length > 0 ? Buffer.from(response.nextPageToken).toString('base64url') : undefined;
      return { orders, ...(next ? { nextPageToken: next } : {}) };
    },
  );

  fastify.get(
    '/:orderId',
    {
      schema: {
        tags: ['orders'],
        summary: "An order's status",
        description: 'From the workflow status query while the order runs; from its final state once it closed.',
        params: OrderParamsSchema,
        response: { 200: OrderDetailsResponseSchema, ...errorResponses(400, 404, 503) },
      },
    },
    async (request) => details(request.params.orderId),
  );

  fastify.post(
    '/:orderId/approve',
    {
      schema: {
        tags: ['orders'],
        summary: 'Approve or reject a high-value order',
        description:
          'Accepted only while the order is `awaiting_approval` (409 otherwise). Answers once the decision took effect: ' +
          '`shipped` when approved; `failed` after refund and release when rejected.',
        params: OrderParamsSchema,
        body: ApproveOrderBodySchema,
        response: { 200: OrderDetailsResponseSchema, ...errorResponses(400, 404, 409, 503) },
      },
    },
    async (request) => {
      const { orderId } = request.params;
      const desc = await requireRunning(orderId, 'approved');
      const handle = client().workflow.getHandle(orderWorkflowId(orderId), desc.runId);
      const state = await handle.executeUpdate(approveOrderUpdate, { args: [request.body] });
      request.log.info({ orderId, approved: request.body.approved, approvedBy: request.body.approvedBy, status: state.status }, 'order approval');
      return { ...state, workflowId: handle.workflowId, runId: desc.runId, uiLink: uiLink(handle.workflowId, desc.runId) };
    },
  );

  fastify.post(
    '/:orderId/cancel',
    {
      schema: {
        tags: ['orders'],
        summary: 'Cancel an order (a return once shipped)',
        description:
          'Undoes every step taken, newest first: cancel the shipment, refund, release the stock. Accepted until the order completes ' +
          '(409 after, or while it is already being compensated). The body is optional.',
        params: OrderParamsSchema,
        body: CancelOrderBodySchema,
        response: { 200: OrderDetailsResponseSchema, ...errorResponses(400, 404, 409, 503) },
      },
      // `curl -X POST .../cancel` sends no body at all: treat it as an empty one.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request) => {
      const { orderId } = request.params;
      const desc = await requireRunning(orderId, 'cancelled');
      const handle = client().workflow.getHandle(orderWorkflowId(orderId), desc.runId);
      const state = await handle.executeUpdate(cancelOrderUpdate, { args: [request.body] });
      request.log.info({ orderId, status: state.status, compensations: state.compensations }, 'order cancelled');
      return { ...state, workflowId: handle.workflowId, runId: desc.runId, uiLink: uiLink(handle.workflowId, desc.runId) };
    },
  );
};

const EXECUTION_STATUS_NAMES = ['UNSPECIFIED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT'];

function executionStatusName(status: number | null | undefined): string {
  return EXECUTION_STATUS_NAMES[status ?? 0] ?? 'UNSPECIFIED';
}

function timestampToIso(ts: { seconds?: unknown; nanos?: number | null } | null | undefined): string | undefined {
  if (!ts) return undefined;
  const seconds = Number(ts.seconds ?? 0);
  return new Date(seconds * 1000 + Math.floor((ts.nanos ?? 0) / 1e6)).toISOString();
}

export default orders;
