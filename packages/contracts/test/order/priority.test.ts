import { describe, expect, it } from 'vitest';
import { HIGH_VALUE_THRESHOLD, ORDER_PRIORITY, orderPriority, orderWorkflowStartOptions } from '../../src/order';

const order = (totalAmount?: number) => ({
  orderId: 'o-1',
  customerId: 'customer-123',
  items: [{ productId: 'laptop-001', productName: 'Laptop', quantity: 1 }],
  ...(totalAmount !== undefined ? { totalAmount } : {}),
});

describe('order priority', () => {
  it('starts orders above the approval threshold with the higher priority key, each customer its own fairness key', () => {
    expect(orderPriority(order(HIGH_VALUE_THRESHOLD + 0.01))).toEqual({ priorityKey: ORDER_PRIORITY.highValue, fairnessKey: 'customer-123' });
    expect(orderPriority(order(HIGH_VALUE_THRESHOLD))).toEqual({ priorityKey: ORDER_PRIORITY.normal, fairnessKey: 'customer-123' });
    // Not yet priced (a run started outside the gateway): normal until the catalog says otherwise.
    expect(orderPriority(order())).toEqual({ priorityKey: ORDER_PRIORITY.normal, fairnessKey: 'customer-123' });
    expect(ORDER_PRIORITY.highValue).toBeLessThan(ORDER_PRIORITY.normal);
  });

  it('is part of the start options the gateway and the bench use', () => {
    expect(orderWorkflowStartOptions({ order: order(8999.9) }).priority).toEqual({ priorityKey: 1, fairnessKey: 'customer-123' });
  });
});
