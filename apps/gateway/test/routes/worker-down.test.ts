import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ORDER_WORKFLOW_TYPE, orderWorkflowStartOptions } from '@temporal-ecommerce/contracts/order';
import { gatewayOnDevServer } from '../helpers';

// No worker polls any queue in this file: every route that needs one must say so (503) within seconds.
// Calls run concurrently on purpose: the server holds a workflow while a query waits for a worker, so a
// describe behind it waits too; the defaults (5 s server calls, 4 s worker answers) keep the sum under 10 s.
const WITHIN_MS = 10_000;

const gateway = gatewayOnDevServer();

async function timed(method: 'GET' | 'POST', url: string, payload?: object) {
  const started = Date.now();
  const res = await gateway.app.inject({ method, url, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, message: res.json<{ message: string }>().message, ms: Date.now() - started, call: `${method} ${url}` };
}

describe('with the agent worker stopped', () => {
  it('answers 503 naming the agent worker on every agent route, each within 10 s', { timeout: 120_000 }, async () => {
    const taskId = `down-${randomUUID().slice(0, 8)}`;
    const started = await gateway.app.inject({ method: 'POST', url: '/api/agent/analyze', payload: { taskId, repositoryPath: 'sample-codebase' } });
    expect(started.statusCode).toBe(201);
    const id = `agent-analysis-${taskId}`;
    const multi = await gateway.app.inject({ method: 'POST', url: '/api/agent/multi-agent', payload: { projectName: `down-${randomUUID().slice(0, 8)}`, requirements: ['security'] } });
    expect(multi.statusCode).toBe(201);
    const multiId = multi.json<{ workflowId: string }>().workflowId;

    const calls = [
      timed('GET', `/api/agent/analyze/${id}`),
      timed('POST', `/api/agent/analyze/${id}/approve-plan`, { approved: true }),
      timed('POST', `/api/agent/analyze/${id}/approve-budget`, { approved: true, newBudget: 9 }),
      timed('GET', `/api/agent/analyze/${id}/events`),
      timed('GET', `/api/agent/multi-agent/${multiId}`),
    ];
    for (const { status, message, ms, call } of await Promise.all(calls)) {
      expect(status, call).toBe(503);
      expect(ms, call).toBeLessThan(WITHIN_MS);
      expect(message, call).toMatch(
        call.includes('approve')
          ? /^No agent worker accepted the request within 4 s: is the agent worker running \(task queue agent-tasks\)\? Temporal keeps the request/
          : /^No agent worker answered within 4 s: is the agent worker running \(task queue agent-tasks\)\?/,
      );
    }
  });
});

describe('with the order worker stopped', () => {
  it('answers approve and cancel Updates and the status read with 503 naming the order worker instead of hanging', { timeout: 60_000 }, async () => {
    const orderId = `down-${randomUUID().slice(0, 8)}`;
    const order = { orderId, customerId: 'customer-123', items: [{ productId: 'laptop-001', productName: 'Laptop', quantity: 5, price: 1299.99 }], totalAmount: 6499.95 };
    await gateway.env.client.workflow.start(ORDER_WORKFLOW_TYPE, orderWorkflowStartOptions({ order }));
    const calls = [
      timed('GET', `/api/orders/${orderId}`),
      timed('POST', `/api/orders/${orderId}/approve`, { approved: true, approvedBy: 'admin@company.com' }),
      timed('POST', `/api/orders/${orderId}/cancel`, { reason: 'changed my mind' }),
    ];
    for (const { status, message, ms, call } of await Promise.all(calls)) {
      expect(status, call).toBe(503);
      expect(message, call).toMatch(call.startsWith('GET') ? /^No order worker answered within 4 s/ : /^No order worker accepted the request within 4 s/);
      expect(message).toMatch(/is the order worker running \(task queue order-processing\)\?/);
      expect(ms, call).toBeLessThan(WITHIN_MS);
    }
  });
});

describe('with the ML worker stopped', () => {
  it('answers the progress read, a decision and an audit with 503 naming the ML worker', { timeout: 60_000 }, async () => {
    const res = await gateway.app.inject({
      method: 'POST',
      url: '/api/ml-training',
      payload: { modelId: 'down-model', hyperparameters: { learningRate: 0.01, batchSize: 16, epochs: 10, optimizer: 'AdamW' }, checkpointInterval: 5, reviewInterval: 5 },
    });
    expect(res.statusCode).toBe(201);
    const { workflowId } = res.json<{ workflowId: string }>();
    const calls = [
      timed('GET', `/api/ml-training/${workflowId}`),
      timed('POST', `/api/ml-training/${workflowId}/decision`, { action: 'continue', reason: 'looks fine' }),
      timed('GET', `/api/ml-training/${workflowId}/audit`),
    ];
    for (const { status, message, ms, call } of await Promise.all(calls)) {
      expect(status, call).toBe(503);
      expect(message, call).toMatch(call.includes('decision') ? /^No ML worker accepted the request within 4 s/ : /^No ML worker answered within 4 s/);
      expect(ms, call).toBeLessThan(WITHIN_MS);
    }
  });
});
