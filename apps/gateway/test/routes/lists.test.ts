import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ListMlTrainingResponse } from '@temporal-ecommerce/contracts/ml/http';
import type { ListAnalysesResponse } from '@temporal-ecommerce/contracts/agent/http';
import { gatewayOnDevServer } from '../helpers';

// Runs are started through the API with no worker polling: listing reads only Temporal visibility.
const gateway = gatewayOnDevServer();

const get = async <T>(url: string) => {
  const res = await gateway.app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.json<T>() };
};

/** Visibility is eventually consistent: wait until the filter sees `count` runs. */
async function listed<T extends { nextPageToken?: string }>(url: string, count: (body: T) => number, expected: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { body } = await get<T>(url);
    if (count(body) >= expected) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never listed ${expected}`);
}

describe('GET /api/ml-training', () => {
  it('lists the runs of a model, newest first, a page at a time', async () => {
    const modelId = `list-${randomUUID().slice(0, 8)}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await gateway.app.inject({
        method: 'POST',
        url: '/api/ml-training',
        payload: { modelId, hyperparameters: { learningRate: 0.01, batchSize: 16, epochs: 10, optimizer: 'AdamW' }, checkpointInterval: 5, reviewInterval: 5 },
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.json<{ workflowId: string }>().workflowId);
      await new Promise((r) => setTimeout(r, 5)); // distinct millisecond timestamps in the ids
    }
    await listed<ListMlTrainingResponse>(`/api/ml-training?modelId=${modelId}&pageSize=10`, (b) => b.runs.length, 3);

    const first = await get<ListMlTrainingResponse>(`/api/ml-training?modelId=${modelId}&pageSize=2`);
    expect(first.status).toBe(200);
    expect(first.body.runs.map((r) => r.workflowId)).toEqual([ids[2], ids[1]]);
    expect(first.body.runs[0]).toMatchObject({ modelId, executionStatus: 'RUNNING', runId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const token = first.body.nextPageToken!;
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    const second = await get<ListMlTrainingResponse>(`/api/ml-training?modelId=${modelId}&pageSize=2&nextPageToken=${token}`);
    expect(second.body.runs.map((r) => r.workflowId)).toEqual([ids[0]]);
    expect(second.body.nextPageToken).toBeUndefined();

    // A token belongs to its filter: used with another one it is the caller's mistake.
    const other = await get<{ message: string }>(`/api/ml-training?modelId=other-model&pageSize=2&nextPageToken=${token}`);
    expect(other.status).toBe(400);
    expect(other.body.message).toMatch(/^querystring\/nextPageToken /);
  });

  it('answers 400 naming the field for a bad filter', async () => {
    const res = await get<{ message: string }>('/api/ml-training?status=sleeping');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/^querystring\/status must be one of/);
    expect((await get<{ message: string }>("/api/ml-training?modelId=x'%20OR%20'1'='1")).body.message).toMatch(/^querystring\/modelId/);
  });
});

describe('GET /api/agent/analyze', () => {
  it('lists analyses filtered by status, with their task ids', async () => {
    const taskIds = [`list-${randomUUID().slice(0, 8)}`, `list-${randomUUID().slice(0, 8)}`];
    for (const taskId of taskIds) {
      expect((await gateway.app.inject({ method: 'POST', url: '/api/agent/analyze', payload: { taskId, repositoryPath: 'sample-codebase' } })).statusCode).toBe(201);
    }
    const seen = (b: ListAnalysesResponse) => b.analyses.filter((a) => taskIds.includes(a.taskId)).length;
    await listed<ListAnalysesResponse>('/api/agent/analyze?status=analyzing&pageSize=100', seen, 2);
    const { body } = await get<ListAnalysesResponse>('/api/agent/analyze?status=analyzing&pageSize=100');
    expect(body.analyses.find((a) => a.taskId === taskIds[0])).toMatchObject({ workflowId: `agent-analysis-${taskIds[0]}`, status: 'analyzing', executionStatus: 'RUNNING' });
    const completed = await get<ListAnalysesResponse>('/api/agent/analyze?status=completed&pageSize=100');
    expect(seen(completed.body)).toBe(0);
  });
});
