import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { ML_TRAIN_ACTIVITY, mlTrainingStateQuery, type MlTrainingState } from '@temporal-ecommerce/contracts/ml';
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

/** temporal.api.enums.v1.PendingActivityState (the proto package is not a dependency here). */
const PENDING_ACTIVITY_STATE_STARTED = 2;

/** The span trainer is running (started, not yet finished) in this run, on attempt `attempt`. */
async function spanRunning(handle: WorkflowHandle): Promise<number | undefined> {
  const { raw } = await handle.describe();
  const span = raw.pendingActivities?.find((a) => a.activityType?.name === ML_TRAIN_ACTIVITY);
  return span && span.state === PENDING_ACTIVITY_STATE_STARTED ? (span.attempt ?? 1) : undefined;
}

describe('training off the event loop', () => {
  it('answers state queries while a batch longer than the heartbeat timeout computes, and heartbeats through it: one attempt, no recovery', async () => {
    // One mini-batch of 3,000 rows through 300 inputs × 1,024 hidden units is billions of multiply-adds:
    // seconds of CPU, longer than trainEpochs' 5 s heartbeat timeout, in one epoch of one batch. On the event
    // loop, a query sent during the span would be answered only after it, and the server would time the
    // heartbeat out and retry the span.
    const config = irisConfig({
      dataset: { name: 'synthetic', samples: 5_000, features: 300, classes: 4 },
      model: { hiddenUnits: 1024 },
      hyperparameters: { learningRate: 0.001, batchSize: 4096, epochs: 1, optimizer: 'Adam' },
      checkpointInterval: 1,
    });
    const { final, answeredMidSpan } = await withWorker(env.nativeConnection, fileStore(), async (taskQueue) => {
      const handle = await startTraining(env.client, taskQueue, config);
      let answeredMidSpan = 0;
      for (;;) {
        const before = await spanRunning(handle);
        const state: MlTrainingState = await handle.query(mlTrainingStateQuery);
        if (['completed', 'stopped', 'failed'].includes(state.status)) break;
        // Sent and answered while the same attempt of the span was running: answered mid-span.
        if (before !== undefined && (await spanRunning(handle)) === before) answeredMidSpan += 1;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      return { final: await handle.result(), answeredMidSpan };
    });
    expect(final.status).toBe('completed');
    expect(final.currentEpoch).toBe(1);
    expect(final.recoveries).toEqual([]);
    expect(answeredMidSpan).toBeGreaterThanOrEqual(3);
  }, 240_000);
});
