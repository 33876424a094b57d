import { ORDER_TASK_QUEUE, ORDER_WORKFLOW_TYPE, orderWorkflowId, type CreateOrderBody, type OrderWorkflowInput } from '@temporal-ecommerce/contracts/order';
import type { Client } from '@temporalio/client';

/** A small everyday order (one mouse, one keyboard): no approval, plenty of stock for thousands of runs. */
export function benchOrder(orderId: string): CreateOrderBody {
  return {
    orderId,
    customerId: 'bench-customer',
    items: [
      { productId: 'mouse-001', productName: 'Mouse', quantity: 1, price: 29.99 },
      { productId: 'keyboard-001', productName: 'Keyboard', quantity: 1, price: 79.99 },
    ],
    totalAmount: 109.98,
  };
}

/** The saga with its 7-day return window shortened to 1 ms, so a run ends right after shipping. */
export function sagaInput(orderId: string): OrderWorkflowInput {
  return { order: benchOrder(orderId), approvalTimeout: '1 minute', completionDelay: 1 };
}

export function startSaga(client: Client, orderId: string, taskQueue = ORDER_TASK_QUEUE) {
  return client.workflow.start(ORDER_WORKFLOW_TYPE, { taskQueue, workflowId: orderWorkflowId(orderId), args: [sagaInput(orderId)] });
}
