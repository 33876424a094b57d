import path from 'node:path';
import { Worker, bundleWorkflowCode, type WorkflowBundle } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { BILLING_NAMESPACE, BILLING_TASK_QUEUE } from '@temporal-ecommerce/contracts/billing';
import type { OrderActivities } from '../../src/activities';
import { billingServiceHandler } from '../../src/billing/service';

export const BILLING_WORKFLOWS_PATH = path.join(__dirname, '../../src/billing/workflows/index.ts');

let bundle: Promise<WorkflowBundle> | undefined;
/** Billing's workflow code bundled once per test file. */
export function billingBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath: BILLING_WORKFLOWS_PATH, logger: { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} } });
  return bundle;
}

type PaymentActivities = Pick<OrderActivities, 'processPayment' | 'refundPayment'>;

export interface TestBilling {
  /**
   * The payment activities (their store and faults) billing runs from now on, the current test's; returned,
   * so a test's Worker takes the same ones: `activities: billing.share(createActivities(...))`.
   */
  share<T extends PaymentActivities>(activities: T): T;
  stop(): Promise<void>;
}

/**
 * Billing as the order worker process runs it (its companion Worker, docs/nexus.md): namespace `billing`,
 * queue `billing-payments`, the Nexus service. One per server, since the endpoint routes to that one queue;
 * the tests of a file run one after another, so each points billing at its own activities (store, faults)
 * with `share`, exactly as its order worker has them.
 */
export async function startBilling(env: TestWorkflowEnvironment, activities: PaymentActivities): Promise<TestBilling> {
  let current = activities;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: BILLING_NAMESPACE,
    taskQueue: BILLING_TASK_QUEUE,
    workflowBundle: await billingBundle(),
    activities: {
      processPayment: (...args: Parameters<PaymentActivities['processPayment']>) => current.processPayment(...args),
      refundPayment: (...args: Parameters<PaymentActivities['refundPayment']>) => current.refundPayment(...args),
    },
    nexusServices: [billingServiceHandler],
  });
  const running = worker.run();
  return {
    share(next) {
      current = next;
      return next;
    },
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    },
  };
}
