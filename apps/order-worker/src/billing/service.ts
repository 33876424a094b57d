import * as nexus from 'nexus-rpc';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import { WorkflowRunOperationHandler, startWorkflow } from '@temporalio/nexus';
import {
  BillingWorkflowType,
  billingService,
  chargeWorkflowId,
  refundWorkflowId,
  validateChargeRequest,
  validateRefundRequest,
  type BillingRequestProblem,
  type ChargeRequest,
  type RefundRequest,
} from '@temporal-ecommerce/contracts/billing';
import type { chargeWorkflow, refundWorkflow } from './workflows';

/**
 * Billing's Nexus handlers: each operation starts a billing workflow in billing's namespace (the worker's)
 * and completes when it does. The workflow id comes from the order id: a start that finds the run still
 * going attaches to it (the server's retries of a start), and one after it closed runs it again, where the
 * payment ledger's key, the order id, answers with the payment already captured. Never two charges.
 * A request that fails validation is refused as BAD_REQUEST naming the field (not retried by the server).
 * The caller's priority travels in the request (a Nexus operation has none) and becomes the workflow's.
 */
export const billingServiceHandler = nexus.serviceHandler(billingService, {
  charge: new WorkflowRunOperationHandler<ChargeRequest, Awaited<ReturnType<typeof chargeWorkflow>>>(async (ctx, request) => {
    refuse(validateChargeRequest(request));
    return startWorkflow(ctx, BillingWorkflowType.Charge, {
      workflowId: chargeWorkflowId(request.orderId),
      args: [request],
      ...(request.priority ? { priority: request.priority } : {}),
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    });
  }),
  refund: new WorkflowRunOperationHandler<RefundRequest, Awaited<ReturnType<typeof refundWorkflow>>>(async (ctx, request) => {
    refuse(validateRefundRequest(request));
    return startWorkflow(ctx, BillingWorkflowType.Refund, {
      workflowId: refundWorkflowId(request.orderId),
      args: [request],
      ...(request.priority ? { priority: request.priority } : {}),
      workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE,
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    });
  }),
});

function refuse(problem: BillingRequestProblem): void {
  if (problem) throw new nexus.HandlerError('BAD_REQUEST', `${problem.field} ${problem.message}`);
}
