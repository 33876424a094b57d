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

/** What the order workflow asks billing to charge: the order id is the charge's idempotency key. */
export interface ChargeRequest {
  orderId: string;
  customerId: string;
  amount: number;
}
export interface ChargeResult {
  paymentId: string;
  amount: number;
}
export interface RefundRequest {
  orderId: string;
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
