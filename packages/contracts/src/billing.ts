/**
 * The billing domain's public contract (docs/nexus.md): payments as a service of their own, in their own
 * namespace, reached from other namespaces only through a Nexus endpoint. Sandbox-safe (the order
 * workflow imports the service definition): no Node builtins, no I/O.
 */
import * as nexus from 'nexus-rpc';

/** The namespace billing's workflows and workers run in. */
export const BILLING_NAMESPACE = 'billing';
/** The task queue billing's worker polls in BILLING_NAMESPACE: the Nexus endpoint's target. */
export const BILLING_TASK_QUEUE = 'billing-payments';
/** The Nexus endpoint callers in other namespaces name; it routes to BILLING_TASK_QUEUE in BILLING_NAMESPACE. */
export const BILLING_NEXUS_ENDPOINT = 'billing';

/**
 * The caller's task priority, carried in the request because a Nexus operation has none of its own (SDK
 * 1.24's StartNexusOperationOptions has no priority field): billing starts its workflow with it, so an
 * urgent order's charge is not queued behind a backlog of normal ones. Keys 1-5 (the server's range).
 */
export interface BillingPriority {
  priorityKey?: number;
  fairnessKey?: string;
}

/** What the order workflow asks billing to charge: the order id is the charge's idempotency key. */
export interface ChargeRequest {
  orderId: string;
  customerId: string;
  amount: number;
  priority?: BillingPriority;
}
export interface ChargeResult {
  paymentId: string;
  amount: number;
}
export interface RefundRequest {
  orderId: string;
  priority?: BillingPriority;
}
export interface RefundResult {
  refunded: boolean;
  paymentId: string;
  amount: number;
}

/**
 * Billing's Nexus service: each operation runs a billing workflow in BILLING_NAMESPACE whose id is
 * derived from the order id, so a retried or repeated operation attaches to the same charge.
 */
export const billingService = nexus.service('billing', {
  charge: nexus.operation<ChargeRequest, ChargeResult>(),
  refund: nexus.operation<RefundRequest, RefundResult>(),
});

export const BillingWorkflowType = { Charge: 'chargeWorkflow', Refund: 'refundWorkflow' } as const;

/** One charge per order, ever: the workflow id is the idempotency key on billing's side. */
export function chargeWorkflowId(orderId: string): string {
  return `charge-${orderId}`;
}
export function refundWorkflowId(orderId: string): string {
  return `refund-${orderId}`;
}

/** The first field of a request that billing refuses, and why; undefined when the request is acceptable. */
export type BillingRequestProblem = { field: string; message: string } | undefined;

const ORDER_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

function priorityProblem(priority: unknown): BillingRequestProblem {
  if (priority === undefined) return undefined;
  if (typeof priority !== 'object' || priority === null) return { field: 'priority', message: 'must be an object' };
  const { priorityKey, fairnessKey } = priority as Record<string, unknown>;
  if (priorityKey !== undefined && (!Number.isInteger(priorityKey) || (priorityKey as number) < 1 || (priorityKey as number) > 5)) {
    return { field: 'priority.priorityKey', message: 'must be an integer from 1 to 5' };
  }
  if (fairnessKey !== undefined && (typeof fairnessKey !== 'string' || fairnessKey.length === 0 || fairnessKey.length > 64)) {
    return { field: 'priority.fairnessKey', message: 'must be a string of 1-64 characters' };
  }
  return undefined;
}

/**
 * Billing trusts no caller (an OSS endpoint has no caller allowlist, docs/nexus.md): a charge names an
 * order id usable as a workflow id, a customer and a positive amount; a priority in the server's range.
 */
export function validateChargeRequest(request: unknown): BillingRequestProblem {
  if (typeof request !== 'object' || request === null) return { field: 'request', message: 'must be an object' };
  const { orderId, customerId, amount, priority } = request as Record<string, unknown>;
  if (typeof orderId !== 'string' || !ORDER_ID.test(orderId)) return { field: 'orderId', message: 'must be 1-128 letters, digits, ".", "_", ":" or "-"' };
  if (typeof customerId !== 'string' || customerId.length === 0 || customerId.length > 128) return { field: 'customerId', message: 'must be a string of 1-128 characters' };
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0) return { field: 'amount', message: 'must be a finite number above 0' };
  return priorityProblem(priority);
}

export function validateRefundRequest(request: unknown): BillingRequestProblem {
  if (typeof request !== 'object' || request === null) return { field: 'request', message: 'must be an object' };
  const { orderId, priority } = request as Record<string, unknown>;
  if (typeof orderId !== 'string' || !ORDER_ID.test(orderId)) return { field: 'orderId', message: 'must be 1-128 letters, digits, ".", "_", ":" or "-"' };
  return priorityProblem(priority);
}
