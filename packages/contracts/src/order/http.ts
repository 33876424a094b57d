/**
 * TypeBox schemas for the order HTTP API: one definition gives the TypeScript type (Static<>) and the
 * OpenAPI schema. The workflow's state is defined here too, because GET /api/orders/:orderId returns it.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ORDER_PRIORITIES, ORDER_STATUSES } from './index';
import { ExecutionStatusSchema, PageSizeSchema, PageTokenSchema, RunIdSchema } from '../http';

const Id = (description: string, example: string) =>
  Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$', description, examples: [example] });

export const OrderItemSchema = Type.Object(
  {
    productId: Id('Catalog product id', 'laptop-001'),
    productName: Type.String({ minLength: 1, maxLength: 200, examples: ['Laptop'] }),
    quantity: Type.Integer({ minimum: 1, maximum: 1000, examples: [1] }),
    price: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1_000_000,
        description: 'Unit price the client expects, at most two decimals. Optional: the catalog sets the price; when sent it must equal the catalog price.',
        examples: [1299.99],
      }),
    ),
  },
  { additionalProperties: false },
);
export type OrderItem = Static<typeof OrderItemSchema>;

export const ShippingAddressSchema = Type.Object(
  {
    street: Type.String({ minLength: 1, maxLength: 200 }),
    city: Type.String({ minLength: 1, maxLength: 100 }),
    state: Type.Optional(Type.String({ maxLength: 100 })),
    zip: Type.String({ minLength: 1, maxLength: 20 }),
    country: Type.String({ minLength: 2, maxLength: 56 }),
  },
  { additionalProperties: false },
);
export type ShippingAddress = Static<typeof ShippingAddressSchema>;

export const CreateOrderBodySchema = Type.Object(
  {
    orderId: Id('Client-chosen order id; the workflow id is order-<orderId>', 'order-001'),
    customerId: Id('Customer id', 'customer-123'),
    items: Type.Array(OrderItemSchema, { minItems: 1, maxItems: 100 }),
    totalAmount: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        description: 'Total the client expects. Optional: the catalog total (catalog price × quantity, to the cent) is charged; when sent it must equal it.',
        examples: [1359.97],
      }),
    ),
    shippingAddress: Type.Optional(ShippingAddressSchema),
    priority: Type.Optional(
      Type.Union(
        ORDER_PRIORITIES.map((p) => Type.Literal(p)),
        {
          description:
            'How soon the order\'s tasks are dispatched when the order queues are backlogged. Default: `high` above the approval threshold (5000, catalog total), ' +
            'else `normal`. Any caller may ask for the default or lower; asking above it needs the approver role (403 otherwise).',
          examples: ['low'],
        },
      ),
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        orderId: 'order-001',
        customerId: 'customer-123',
        items: [
          { productId: 'laptop-001', productName: 'Laptop', quantity: 1, price: 1299.99 },
          { productId: 'mouse-001', productName: 'Mouse', quantity: 2, price: 29.99 },
        ],
        totalAmount: 1359.97,
      },
    ],
  },
);
export type CreateOrderBody = Static<typeof CreateOrderBodySchema>;

/** One product of GET /api/catalog: what a client needs to build an order. */
export const CatalogProductSchema = Type.Object({
  productId: Type.String({ examples: ['laptop-001'] }),
  name: Type.String({ examples: ['Laptop'] }),
  price: Type.Number({ description: 'Current unit price; an order is charged this', examples: [1299.99] }),
  stock: Type.Integer({ minimum: 0, description: 'Units on hand (not held by an open order)', examples: [1000] }),
});
export type CatalogProduct = Static<typeof CatalogProductSchema>;

export const CatalogResponseSchema = Type.Object(
  { products: Type.Array(CatalogProductSchema) },
  {
    examples: [
      {
        products: [
          { productId: 'laptop-001', name: 'Laptop', price: 1299.99, stock: 1000 },
          { productId: 'mouse-001', name: 'Mouse', price: 29.99, stock: 5000 },
        ],
      },
    ],
  },
);
export type CatalogResponse = Static<typeof CatalogResponseSchema>;

/** POST /api/orders's query: `wait=charged` answers once the order is reserved and charged (Update-with-Start). */
export const CreateOrderQuerySchema = Type.Object(
  {
    wait: Type.Optional(
      Type.Literal('charged', {
        description:
          'Answer once the order is reserved and charged (201 with `paymentId`), in the same round trip as the start; the rest of the saga goes on. ' +
          'A declined card is a 402 and an order undone before its charge (stock, catalog change) a 409, both after the order was undone. ' +
          'If the charge takes longer than the gateway\'s UPDATE_TIMEOUT_MS: 202 with the status so far. Without it: 201 as soon as the order started.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateOrderQuery = Static<typeof CreateOrderQuerySchema>;

export const CreateOrderResponseSchema = Type.Object({
  orderId: Type.String({ examples: ['order-001'] }),
  workflowId: Type.String({ examples: ['order-order-001'] }),
  runId: RunIdSchema,
  message: Type.String({ examples: ['Order created successfully'] }),
  uiLink: Type.String({ examples: ['http://localhost:8233/namespaces/default/workflows/order-order-001'] }),
  status: Type.Optional(Type.Union(ORDER_STATUSES.map((s) => Type.Literal(s)), { description: 'With wait=charged: the status when the answer was given' })),
  paymentId: Type.Optional(Type.String({ description: 'With wait=charged: the captured payment', examples: ['pay_3f2a9c1b7d4e5f60'] })),
  totalAmount: Type.Optional(Type.Number({ description: 'With wait=charged: the total charged (the catalog total)', examples: [1359.97] })),
});
export type CreateOrderResponse = Static<typeof CreateOrderResponseSchema>;

export const OrderStatusSchema = Type.Union(
  ORDER_STATUSES.map((s) => Type.Literal(s)),
  { description: 'Where the order is in the saga' },
);

export const CompensationFailureSchema = Type.Object({ step: Type.String(), message: Type.String() });

/** What the workflow's status query returns. Timestamps are workflow time (ISO 8601). */
export const OrderStateSchema = Type.Object({
  orderId: Type.String(),
  customerId: Type.String(),
  status: OrderStatusSchema,
  totalAmount: Type.Number(),
  items: Type.Array(OrderItemSchema),
  inventoryReserved: Type.Boolean(),
  paymentProcessed: Type.Boolean(),
  requiresApproval: Type.Boolean(),
  reservationId: Type.Optional(Type.String({ examples: ['res_order-001'] })),
  paymentId: Type.Optional(Type.String({ examples: ['pay_order-001'] })),
  shipmentId: Type.Optional(Type.String({ examples: ['shp_order-001'] })),
  trackingNumber: Type.Optional(Type.String({ examples: ['1ZDEMO0001'] })),
  carrier: Type.Optional(Type.String()),
  approvedBy: Type.Optional(Type.String()),
  approvalReason: Type.Optional(Type.String()),
  cancelReason: Type.Optional(Type.String()),
  failure: Type.Optional(Type.Object({ type: Type.String(), message: Type.String() })),
  compensations: Type.Array(Type.String(), { description: 'Compensation steps that ran, in order' }),
  compensationFailures: Type.Array(CompensationFailureSchema),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  approvalDeadline: Type.Optional(Type.String({ format: 'date-time' })),
  completesAt: Type.Optional(Type.String({ format: 'date-time', description: 'When a shipped order completes' })),
});
export type OrderState = Static<typeof OrderStateSchema>;

export const OrderDetailsResponseSchema = Type.Composite(
  [
    OrderStateSchema,
    Type.Object({
      workflowId: Type.String(),
      runId: RunIdSchema,
      uiLink: Type.String(),
    }),
  ],
  {
    examples: [
      {
        orderId: 'order-001',
        customerId: 'customer-123',
        status: 'payment_completed',
        totalAmount: 1359.97,
        items: [
          { productId: 'laptop-001', productName: 'Laptop', quantity: 1, price: 1299.99 },
          { productId: 'mouse-001', productName: 'Mouse', quantity: 2, price: 29.99 },
        ],
        inventoryReserved: true,
        paymentProcessed: true,
        requiresApproval: false,
        reservationId: 'res_order-001',
        paymentId: 'pay_order-001',
        compensations: [],
        compensationFailures: [],
        createdAt: '2026-01-01T12:00:00.000Z',
        updatedAt: '2026-01-01T12:00:00.120Z',
        workflowId: 'order-order-001',
        runId: '0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10',
        uiLink: 'http://localhost:8233/namespaces/default/workflows/order-order-001',
      },
    ],
  },
);
export type OrderDetailsResponse = Static<typeof OrderDetailsResponseSchema>;

export const OrderParamsSchema = Type.Object({ orderId: Id('Order id', 'order-001') });
export type OrderParams = Static<typeof OrderParamsSchema>;

export const ListOrdersQuerySchema = Type.Object({
  pageSize: Type.Optional(PageSizeSchema),
  nextPageToken: Type.Optional(PageTokenSchema),
  status: Type.Optional(OrderStatusSchema),
  customerId: Type.Optional(Id('Only orders of this customer', 'customer-123')),
});
export type ListOrdersQuery = Static<typeof ListOrdersQuerySchema>;

export const OrderSummarySchema = Type.Object({
  orderId: Type.String(),
  workflowId: Type.String(),
  runId: RunIdSchema,
  customerId: Type.Optional(Type.String()),
  status: Type.Optional(OrderStatusSchema),
  totalAmount: Type.Optional(Type.Number()),
  executionStatus: ExecutionStatusSchema,
  startTime: Type.String({ format: 'date-time' }),
  closeTime: Type.Optional(Type.String({ format: 'date-time' })),
});
export type OrderSummary = Static<typeof OrderSummarySchema>;

export const ListOrdersResponseSchema = Type.Object({
  orders: Type.Array(OrderSummarySchema),
  nextPageToken: Type.Optional(Type.String({ description: 'Present when there are more orders: pass it as nextPageToken for the next page' })),
});
export type ListOrdersResponse = Static<typeof ListOrdersResponseSchema>;

export const ApproveOrderBodySchema = Type.Object(
  {
    approved: Type.Boolean(),
    approvedBy: Type.String({ minLength: 1, maxLength: 200, examples: ['admin@company.com'] }),
    reason: Type.Optional(Type.String({ maxLength: 1000, examples: ['Verified with customer'] })),
  },
  { additionalProperties: false, examples: [{ approved: true, approvedBy: 'admin@company.com', reason: 'Verified with customer' }] },
);
export type ApproveOrderBody = Static<typeof ApproveOrderBodySchema>;

export const CancelOrderBodySchema = Type.Object(
  {
    reason: Type.Optional(Type.String({ maxLength: 1000, examples: ['Customer changed their mind'] })),
    requestedBy: Type.Optional(Type.String({ maxLength: 200, examples: ['customer-123'] })),
  },
  { additionalProperties: false },
);
export type CancelOrderBody = Static<typeof CancelOrderBodySchema>;
