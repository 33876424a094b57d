import { describe, expect, it } from 'vitest';
import { HIGH_VALUE_THRESHOLD, ORDER_PRIORITY_KEYS, defaultOrderPriority, isAbove, orderPriority, orderWorkflowStartOptions, type OrderPriority } from '../../src/order';

const order = (totalAmount?: number, priority?: OrderPriority) => ({
  orderId: 'o-1',
  customerId: 'customer-123',
  items: [{ productId: 'laptop-001', productName: 'Laptop', quantity: 1 }],
  ...(totalAmount !== undefined ? { totalAmount } : {}),
  ...(priority !== undefined ? { priority } : {}),
});

describe('order priority', () => {
  it('defaults to high above the approval threshold and normal otherwise, each customer its own fairness key', () => {
    expect(orderPriority(order(HIGH_VALUE_THRESHOLD + 0.01))).toEqual({ priorityKey: ORDER_PRIORITY_KEYS.high, fairnessKey: 'customer-123' });
    expect(orderPriority(order(HIGH_VALUE_THRESHOLD))).toEqual({ priorityKey: ORDER_PRIORITY_KEYS.normal, fairnessKey: 'customer-123' });
    // Not yet priced (a run started outside the gateway): normal until the catalog says otherwise.
    expect(orderPriority(order())).toEqual({ priorityKey: ORDER_PRIORITY_KEYS.normal, fairnessKey: 'customer-123' });
    expect(defaultOrderPriority(HIGH_VALUE_THRESHOLD + 0.01)).toBe('high');
  });

  it('a granted priority replaces the default; anything else falls back to it', () => {
    expect(orderPriority(order(100, 'high')).priorityKey).toBe(1);
    expect(orderPriority(order(8999.9, 'low')).priorityKey).toBe(5);
    expect(orderPriority({ ...order(100), priority: 'urgent' as OrderPriority }).priorityKey).toBe(3);
    expect(orderPriority({ ...order(100), priority: 'toString' as OrderPriority }).priorityKey).toBe(3);
  });

  it('ranks high above normal above low, within the server default range 1-5', () => {
    expect(isAbove('high', 'normal') && isAbove('normal', 'low')).toBe(true);
    expect(isAbove('normal', 'normal') || isAbove('low', 'high')).toBe(false);
    expect(Object.values(ORDER_PRIORITY_KEYS).every((key) => key >= 1 && key <= 5)).toBe(true);
  });

  it('is part of the start options the gateway and the bench use', () => {
    expect(orderWorkflowStartOptions({ order: order(8999.9) }).priority).toEqual({ priorityKey: 1, fairnessKey: 'customer-123' });
    expect(orderWorkflowStartOptions({ order: order(10, 'low') }).priority).toEqual({ priorityKey: 5, fairnessKey: 'customer-123' });
  });
});
