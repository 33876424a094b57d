import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { HISTORIES_DIR, WORKFLOWS_PATH } from './helpers';

// Recorded by `pnpm --filter @temporal-ecommerce/saga record-histories`. Listed by name so that losing
// one is a failure, not a silently smaller test.
const HISTORIES = [
  'reverse-order',
  'compensation-failed',
  'parallel',
  'cancelled-mid-step',
  'cancelled-mid-compensation',
  'ambiguous-step',
  'repeated-compensation',
];

describe('recorded saga histories', () => {
  beforeAll(() => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  });

  it('replay against the current Saga and test workflows without a determinism error', async () => {
    const histories = await Promise.all(
      HISTORIES.map(async (name) => ({
        workflowId: name,
        history: JSON.parse(await readFile(path.join(HISTORIES_DIR, `${name}.json`), 'utf8')) as unknown,
      })),
    );
    const results: { workflowId: string; error?: unknown }[] = [];
    for await (const result of Worker.runReplayHistories({ workflowsPath: WORKFLOWS_PATH }, histories)) {
      results.push({ workflowId: result.workflowId, error: result.error });
    }
    expect(results).toEqual(HISTORIES.map((workflowId) => ({ workflowId, error: undefined })));
  });
});
