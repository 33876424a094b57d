import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { AGENT_TASK_QUEUE, AgentWorkflowType, agentAnalysisWorkflowId, type CodebaseAnalysisInput } from '@temporal-ecommerce/contracts/agent';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import type { codebaseAnalysisWorkflow } from '../../src/workflows';
import { agentActivities, createWorker, quietRuntime, sandbox, workflowBundle, type Sandbox } from '../support';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietRuntime();
  env = await createLocalTestEnv();
  await workflowBundle();
});

afterAll(async () => {
  await env?.teardown();
});

/**
 * Starts the workflow directly on the server, as anyone holding a Temporal client could, with the
 * gateway out of the way, and returns how it failed plus every activity the worker was asked to run.
 */
async function startDirectly(box: Sandbox, overrides: Partial<CodebaseAnalysisInput>) {
  const taskQueue = `${AGENT_TASK_QUEUE}-${randomUUID()}`;
  const real = agentActivities(box.deps);
  const attempts: string[] = [];
  const spied = Object.fromEntries(
    Object.entries(real).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        attempts.push(name);
        return (fn as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  );
  const worker = await createWorker(env, taskQueue, spied);
  const args: CodebaseAnalysisInput = { taskId: `t-${randomUUID()}`, repositoryPath: box.repo, analysisType: 'security', ...overrides };
  const { err, storeKey } = await worker.runUntil(async () => {
    const handle = await env.client.workflow.start<typeof codebaseAnalysisWorkflow>(AgentWorkflowType.CodebaseAnalysis, {
      taskQueue,
      workflowId: agentAnalysisWorkflowId(args.taskId),
      args: [args],
    });
    const err = await handle.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    return { err, storeKey: `${handle.workflowId}/${handle.firstExecutionRunId}` };
  });
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const activityFailure = (err as WorkflowFailedError).cause;
  expect(activityFailure).toBeInstanceOf(ActivityFailure);
  const failure = (activityFailure as ActivityFailure).cause;
  expect(failure).toBeInstanceOf(ApplicationFailure);
  return { failure: failure as ApplicationFailure, attempts, ledger: await box.store.ledger(storeKey), results: await box.store.fileResults(storeKey) };
}

describe('the worker\'s own repository allow-list (AGENT_REPOSITORY_ROOTS)', () => {
  it('fails a workflow started directly with repositoryPath "/etc" non-retryably, on the first attempt, before reading anything', async () => {
    const box = await sandbox();
    const { failure, attempts, ledger, results } = await startDirectly(box, { repositoryPath: '/etc', files: ['passwd'] });
    expect(failure.type).toBe(ErrorType.RepositoryNotAllowed);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toContain('/etc is not under AGENT_REPOSITORY_ROOTS');
    // One attempt of the first activity, and it stopped before the ledger or any file.
    expect(attempts).toEqual(['analyzeFile']);
    expect(ledger).toEqual([]);
    expect(results).toEqual([]);
  });

  it('fails listing "/etc" too when no files are given', async () => {
    const box = await sandbox();
    const { failure, attempts } = await startDirectly(box, { repositoryPath: '/etc' });
    expect(failure.type).toBe(ErrorType.RepositoryNotAllowed);
    expect(attempts).toEqual(['listSourceFiles']);
  });

  it('rejects a symlink inside an allowed root that points outside it', async () => {
    const box = await sandbox();
    const link = join(box.dir, 'looks-allowed');
    symlinkSync('/etc', link);
    const { failure } = await startDirectly(box, { repositoryPath: link, files: ['passwd'] });
    expect(failure.type).toBe(ErrorType.RepositoryNotAllowed);
    expect(failure.message).toContain('(really /etc)');
  });

  it('rejects a file of an allowed repository that is a symlink leading outside it', async () => {
    const box = await sandbox();
    symlinkSync('/etc/passwd', join(box.repo, 'src', 'innocent.ts'));
    const { failure } = await startDirectly(box, { files: ['src/innocent.ts'] });
    expect(failure.type).toBe(ErrorType.RepositoryNotAllowed);
    expect(failure.message).toContain('leads outside the repository');
  });
});
