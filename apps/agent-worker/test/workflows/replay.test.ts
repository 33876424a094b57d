import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { quietRuntime, workflowBundle } from '../support';

const DIR = join(__dirname, '../histories');

beforeAll(() => quietRuntime());

// Recorded by the workflow tests; replaying them with today's code fails on any determinism break.
describe('recorded agent histories replay with the current workflow code', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

  it('has the recorded scenarios', () => {
    expect(files).toEqual(expect.arrayContaining(['budget-approved.json', 'continue-as-new.json', 'plan-rejected.json', 'refactor-with-rollback.json', 'batch-diff.json']));
  });

  it('replays every history without a nondeterminism error', async () => {
    const histories = files.map((f) => ({ workflowId: f.replace(/\.json$/, ''), history: historyFromJSON(JSON.parse(readFileSync(join(DIR, f), 'utf8'))) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
