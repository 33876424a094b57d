import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { mlTrainingStateQuery, type MlTrainingState } from '@temporal-ecommerce/contracts/ml';
import { fileStore, irisConfig, startTraining, withWorker, workflowBundle } from '../helpers/ml';

Runtime.install({ logger: new DefaultLogger('ERROR') });

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createLocalTestEnv();
  await workflowBundle();
});

afterAll(async () => {
  await env?.teardown();
});

/** The gateway's default wait for a worker's answer (WORKER_TIMEOUT_MS). */
const GATEWAY_QUERY_DEADLINE_MS = 4_000;

describe('training off the event loop', () => {
  it('answers every state query within the gateway deadline and heartbeats through a batch longer than the heartbeat timeout: one attempt, no recovery', async () => {
    // One mini-batch of 3,000 rows through 300 inputs × 1,024 hidden units is billions of multiply-adds:
    // seconds of CPU, longer than trainEpochs' 5 s heartbeat timeout. On the event loop, queries would wait
    // behind it and the server would time the heartbeat out and retry the span.
    const config = irisConfig({
      dataset: { name: 'synthetic', samples: 5_000, features: 300, classes: 4 },
      model: { hiddenUnits: 1024 },
      hyperparameters: { learningRate: 0.001, batchSize: 4096, epochs: 1, optimizer: 'Adam' },
      checkpointInterval: 1,
    });
    const { final, answered } = await withWorker(env.nativeConnection, fileStore(), async (taskQueue) => {
      const handle = await startTraining(env.client, taskQueue, config);
      let answered = 0;
      for (;;) {
        const state: MlTrainingState = await env.client.withDeadline(Date.now() + GATEWAY_QUERY_DEADLINE_MS, () => handle.query(mlTrainingStateQuery));
        answered += 1;
        if (['completed', 'stopped', 'failed'].includes(state.status)) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return { final: await handle.result(), answered };
    });
    expect(final.status).toBe('completed');
    expect(final.currentEpoch).toBe(1);
    expect(final.recoveries).toEqual([]);
    // Queries went out every 250 ms across several seconds of training, so many were answered mid-batch.
    expect(answered).toBeGreaterThan(8);
  }, 180_000);
});
