import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, Worker, type NativeConnection, type WorkflowBundle } from '@temporalio/worker';
import {
  MlWorkflowType,
  mlTrainingStateQuery,
  mlTrainingWorkflowId,
  type MlTrainingConfig,
  type MlTrainingState,
  type MlTrainingStatus,
} from '@temporal-ecommerce/contracts/ml';
import { createActivities, FileArtifactStore, SqliteTrainingHistoryStore, type ArtifactStore, type TrainingHistoryStore } from '../../src/activities';
import type { mlTrainingWorkflow } from '../../src/workflows';

export const WORKFLOWS_PATH = path.join(__dirname, '../../src/workflows/index.ts');
export const HISTORIES_DIR = path.join(__dirname, '../histories');

const silent = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };
let bundle: Promise<WorkflowBundle> | undefined;
/** Workflow code bundled once per test file. */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: silent });
  return bundle;
}

let seq = 0;
export function uniqueId(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${++seq}`;
}

export const tempDir = (prefix: string): string => mkdtempSync(path.join(os.tmpdir(), prefix));

/** Iris, a small MLP, no review unless asked: finishes in well under a second of compute. */
export function irisConfig(overrides: Partial<MlTrainingConfig> = {}): MlTrainingConfig {
  return {
    modelId: uniqueId('iris'),
    hyperparameters: { learningRate: 0.01, batchSize: 16, epochs: 12, optimizer: 'AdamW' },
    checkpointInterval: 4,
    reviewInterval: 1000,
    randomSeed: 42,
    model: { hiddenUnits: 8 },
    ...overrides,
  };
}

export const historyStore = (): SqliteTrainingHistoryStore => new SqliteTrainingHistoryStore(path.join(tempDir('ml-history-'), 'history.sqlite'));

/** A worker on a fresh task queue with activities over `store` (and a fresh history store), running while `fn` runs. */
export async function withWorker<T>(
  connection: NativeConnection,
  store: ArtifactStore,
  fn: (taskQueue: string) => Promise<T>,
  history: TrainingHistoryStore = historyStore(),
): Promise<T> {
  const taskQueue = uniqueId('ml');
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({ store, history }),
    maxHeartbeatThrottleInterval: '1 second',
  });
  return worker.runUntil(fn(taskQueue));
}

export const fileStore = (): FileArtifactStore => new FileArtifactStore(tempDir('ml-artifacts-'));

export function startTraining(client: Client, taskQueue: string, config: MlTrainingConfig, workflowId?: string): Promise<WorkflowHandleWithFirstExecutionRunId<typeof mlTrainingWorkflow>> {
  return client.workflow.start<typeof mlTrainingWorkflow>(MlWorkflowType.Training, {
    taskQueue,
    workflowId: workflowId ?? mlTrainingWorkflowId(config.modelId, Date.now()),
    args: [{ config }],
  });
}

/** Polls the state query until `status` (a terminal status other than the one awaited fails the wait). */
export async function waitForStatus(handle: WorkflowHandle, status: MlTrainingStatus, timeoutMs = 30_000): Promise<MlTrainingState> {
  const deadline = Date.now() + timeoutMs;
  let last: MlTrainingState | undefined;
  while (Date.now() < deadline) {
    last = await handle.query(mlTrainingStateQuery);
    if (last.status === status) return last;
    if (['completed', 'stopped', 'failed'].includes(last.status)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`training did not reach ${status}; last status ${last?.status ?? 'unknown'} at epoch ${last?.currentEpoch}`);
}

/** Polls until the workflow waits for a decision at `epoch`. */
export async function waitForReview(handle: WorkflowHandle, epoch: number, timeoutMs = 30_000): Promise<MlTrainingState> {
  const deadline = Date.now() + timeoutMs;
  let last: MlTrainingState | undefined;
  while (Date.now() < deadline) {
    last = await handle.query(mlTrainingStateQuery);
    if (last.awaitingDecision?.epoch === epoch) return last;
    if (['completed', 'stopped', 'failed'].includes(last.status)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`training did not wait for a decision at epoch ${epoch}; last status ${last?.status ?? 'unknown'} at epoch ${last?.currentEpoch}`);
}

/**
 * With RECORD_HISTORIES=1, saves the run's history as test/histories/<name>.json for the replay test.
 * Off by default: re-recording on every run would hide the determinism breaks replay is there to catch.
 */
export async function recordHistory(handle: WorkflowHandle, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await handle.fetchHistory();
  mkdirSync(HISTORIES_DIR, { recursive: true });
  writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
}
