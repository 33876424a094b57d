import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export const HISTORIES_DIR = path.join(__dirname, 'histories');
export const WORKFLOWS_PATH = path.join(__dirname, 'workflows.ts');

/** The error a workflow ended with, as the client sees it; fails the test if it completed. */
export async function failureOf(handle: WorkflowHandle): Promise<unknown> {
  return handle.result().then(
    () => {
      throw new Error(`expected workflow ${handle.workflowId} to fail`);
    },
    (err: unknown) => err,
  );
}

/**
 * Polls the history until the workflow has completed a workflow task after the cancel request, i.e. its
 * code has run with the root scope cancelled.
 */
export async function waitUntilCancelSeen(handle: WorkflowHandle): Promise<void> {
  for (;;) {
    const events = (await handle.fetchHistory()).events ?? [];
    const requested = events.findIndex((e) => e.workflowExecutionCancelRequestedEventAttributes);
    if (requested >= 0 && events.slice(requested).some((e) => e.workflowTaskCompletedEventAttributes)) return;
    await sleep(100);
  }
}

/**
 * Writes the run's history to test/histories/<name>.json when SAGA_RECORD_HISTORIES is set
 * (`pnpm --filter @temporal-ecommerce/saga record-histories`); test/replay.test.ts replays those files.
 */
export async function keepHistory(name: string, handle: WorkflowHandle): Promise<void> {
  if (!process.env.SAGA_RECORD_HISTORIES) return;
  await mkdir(HISTORIES_DIR, { recursive: true });
  await writeFile(path.join(HISTORIES_DIR, `${name}.json`), historyToJSON(await handle.fetchHistory()));
}
