import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import {
  ML_RECENT,
  MlWorkflowType,
  merkleRoot,
  mlAuditWorkflowId,
  mlHistoryPageWorkflowId,
  mlTrainingStateQuery,
  type AuditReport,
  type CheckpointRecord,
  type EpochMetrics,
  type MlHistoryKind,
  type MlHistoryPage,
} from '@temporal-ecommerce/contracts/ml';
import type { auditCheckpointsWorkflow, mlHistoryPageWorkflow } from '../../src/workflows';
import { fileStore, historyStore, irisConfig, startTraining, uniqueId, withWorker, workflowBundle } from '../helpers/ml';

Runtime.install({ logger: new DefaultLogger('ERROR') });

/**
 * Fixed ceilings for what the workflow hands to Temporal. Unbounded, 3,000 epochs with a checkpoint each
 * would carry ~1.2 MB through continue-as-new at epoch 2,500 (~500 bytes of records per epoch; ~4,000 epochs hit the 2 MB payload limit).
 */
const MAX_CARRIED_BYTES = 32 * 1024;
const MAX_QUERY_BYTES = 32 * 1024;

const payloadBytes = (value: unknown): number => defaultPayloadConverter.toPayload(value).data!.length;

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createLocalTestEnv();
  await workflowBundle();
});

afterAll(async () => {
  await env?.teardown();
});

/** Sizes of the input each run of the chain passed to the next, from the runs' own histories. */
async function continueAsNewInputSizes(client: Client, workflowId: string, firstRunId: string): Promise<number[]> {
  const sizes: number[] = [];
  for (let runId: string | null | undefined = firstRunId; runId; ) {
    const history: Awaited<ReturnType<WorkflowHandle['fetchHistory']>> = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    const continued = history.events?.find((e) => e.workflowExecutionContinuedAsNewEventAttributes)?.workflowExecutionContinuedAsNewEventAttributes;
    if (!continued) break;
    sizes.push(continued.input!.payloads!.reduce((n, p) => n + (p.data?.length ?? 0), 0));
    runId = continued.newExecutionRunId;
  }
  return sizes;
}

async function readAll<T extends EpochMetrics | CheckpointRecord>(client: Client, taskQueue: string, trainingId: string, storeKey: string, kind: MlHistoryKind): Promise<T[]> {
  const rows: T[] = [];
  for (let after = 0; ; ) {
    const page: MlHistoryPage = await client.workflow.execute<typeof mlHistoryPageWorkflow>(MlWorkflowType.HistoryPage, {
      taskQueue,
      workflowId: mlHistoryPageWorkflowId(trainingId, uniqueId('p')),
      args: [{ storeKey, kind, after, limit: 500 }],
    });
    rows.push(...(page.items as T[]));
    if (page.nextCursor === null) return rows;
    after = page.nextCursor;
  }
}

describe('bounded ML training state', () => {
  it('trains 3,000 epochs with a checkpoint every epoch: continue-as-new input and query stay under a fixed size, history pages and the audit still verifies', async () => {
    const store = fileStore();
    const history = historyStore();
    const epochs = 3000;
    const outcome = await withWorker(
      env.nativeConnection,
      store,
      async (taskQueue) => {
        const config = irisConfig({
          hyperparameters: { learningRate: 0.05, batchSize: 128, epochs, optimizer: 'Adam' },
          model: { hiddenUnits: 0 },
          checkpointInterval: 1,
          reviewInterval: 100_000,
          epochsPerRun: 500,
        });
        const handle = await startTraining(env.client, taskQueue, config);
        const final = await handle.result();
        const queried = await handle.query(mlTrainingStateQuery);
        const carried = await continueAsNewInputSizes(env.client, handle.workflowId, handle.firstExecutionRunId);
        const storeKey = final.historyStoreKey!;
        const metrics = await readAll<EpochMetrics>(env.client, taskQueue, handle.workflowId, storeKey, 'metrics');
        const checkpoints = await readAll<CheckpointRecord>(env.client, taskQueue, handle.workflowId, storeKey, 'checkpoints');
        const audit = () =>
          env.client.workflow.execute<typeof auditCheckpointsWorkflow>(MlWorkflowType.AuditCheckpoints, {
            taskQueue,
            workflowId: mlAuditWorkflowId(handle.workflowId, uniqueId('a')),
            args: [{ trainingWorkflowId: handle.workflowId, storeKey, merkleRoot: final.merkleRoot }],
          });
        const clean: AuditReport = await audit();
        const victim = checkpoints[1233]!;
        writeFileSync(fileURLToPath(victim.uri), 'tampered');
        const broken: AuditReport = await audit();
        return { final, queried, carried, metrics, checkpoints, clean, broken, victim };
      },
      history,
    );
    const { final, queried, carried, metrics, checkpoints, clean, broken, victim } = outcome;

    expect(final).toMatchObject({ status: 'completed', currentEpoch: epochs, checkpointCount: epochs, continuedAsNew: 5 });
    expect(carried).toHaveLength(5);
    for (const size of carried) expect(size).toBeLessThan(MAX_CARRIED_BYTES);
    // Not growing with the epochs: the last continuation carries about what the first did.
    expect(Math.max(...carried) - Math.min(...carried)).toBeLessThan(1024);
    expect(payloadBytes(queried)).toBeLessThan(MAX_QUERY_BYTES);
    expect(payloadBytes(final)).toBeLessThan(MAX_QUERY_BYTES);
    expect(queried.metrics).toHaveLength(ML_RECENT.metrics);
    expect(queried.metrics.at(-1)!.epoch).toBe(epochs);
    expect(queried.checkpoints.map((c) => c.epoch)).toEqual(Array.from({ length: ML_RECENT.checkpoints }, (_, i) => epochs - ML_RECENT.checkpoints + 1 + i));

    // Everything the workflow no longer holds is in the store, once per epoch, and chains to its root.
    expect(metrics.map((m) => m.epoch)).toEqual(Array.from({ length: epochs }, (_, i) => i + 1));
    expect(checkpoints.map((c) => c.epoch)).toEqual(Array.from({ length: epochs }, (_, i) => i + 1));
    expect(merkleRoot(checkpoints.map((c) => c.sha256))).toBe(final.merkleRoot);
    const best = metrics.reduce((a, b) => (b.validationLoss < a.validationLoss ? b : a));
    expect([final.bestEpoch, final.bestLoss]).toEqual([best.epoch, best.validationLoss]);

    expect(clean).toMatchObject({ verified: true, checked: epochs, checkpoints: [], merkleRoot: { ok: true } });
    expect(broken.verified).toBe(false);
    expect(broken.checked).toBe(epochs);
    expect(broken.checkpoints).toEqual([expect.objectContaining({ checkpointId: victim.checkpointId, epoch: 1234, status: 'tampered' })]);
    expect(payloadBytes(broken)).toBeLessThan(MAX_QUERY_BYTES);
  }, 240_000);
});
