import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { HISTORIES_DIR, workflowBundle } from '../helpers/ml';

Runtime.install({ logger: new DefaultLogger('ERROR') });

// Recorded by the workflow tests (RECORD_HISTORIES=1); replaying them with today's code fails on any
// determinism break: a reordered activity, a changed generator draw, a new timer.
describe('recorded ML training histories replay with the current workflow code', () => {
  const files = readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort();

  it('has the recorded scenarios', () => {
    // ml-training-*: recorded before the history store (ML_BOUNDED_HISTORY_PATCH); ml-bounded-*: after.
    expect(files).toEqual([
      'ml-bounded-adjust.json',
      'ml-bounded-completed.json',
      'ml-bounded-continue-as-new.json',
      'ml-bounded-stop.json',
      'ml-bounded-worker-killed.json',
      'ml-training-adjust.json',
      'ml-training-completed.json',
      'ml-training-continue-as-new.json',
      'ml-training-stop.json',
      'ml-training-worker-killed.json',
    ]);
  });

  it('replays every history without a nondeterminism error', async () => {
    const histories = files.map((f) => ({ workflowId: f.replace(/\.json$/, ''), history: historyFromJSON(JSON.parse(readFileSync(join(HISTORIES_DIR, f), 'utf8'))) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
