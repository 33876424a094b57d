import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import {
  AGENT_TASK_QUEUE,
  AgentWorkflowType,
  agentAnalysisWorkflowId,
  agentBatchDiffWorkflowId,
  approveBudgetUpdate,
  approvePlanUpdate,
  type CodebaseAnalysisInput,
  type BatchDiffRecord,
  type CodebaseAnalysisResult,
} from '@temporal-ecommerce/contracts/agent';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import type { batchDiffWorkflow, codebaseAnalysisWorkflow } from '../../src/workflows';
import { agentActivities, createWorker, quietRuntime, recordHistory, SAMPLE_FILES, sandbox, statusIs, treeHashes, waitForProgress, workflowBundle, type Sandbox } from '../support';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietRuntime();
  env = await createLocalTestEnv();
  await workflowBundle();
});

afterAll(async () => {
  await env?.teardown();
});

function input(box: Sandbox, overrides: Partial<CodebaseAnalysisInput> = {}): CodebaseAnalysisInput {
  return { taskId: `t-${randomUUID()}`, repositoryPath: box.repo, files: SAMPLE_FILES, analysisType: 'architectural', budget: 5, ...overrides };
}

async function run<T>(box: Sandbox, fn: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = `${AGENT_TASK_QUEUE}-${randomUUID()}`;
  const worker = await createWorker(env, taskQueue, agentActivities(box.deps));
  return worker.runUntil(fn(taskQueue));
}

function start(taskQueue: string, args: CodebaseAnalysisInput) {
  return env.client.workflow.start<typeof codebaseAnalysisWorkflow>(AgentWorkflowType.CodebaseAnalysis, { taskQueue, workflowId: agentAnalysisWorkflowId(args.taskId), args: [args] });
}

async function updateFailureType(promise: Promise<unknown>): Promise<string | undefined> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  return cause instanceof ApplicationFailure ? cause.type ?? undefined : undefined;
}

describe('codebase analysis workflow', () => {
  it('analyses all 20 files once, refactors in batches by priority and rolls back the batch whose tests fail, byte for byte', { timeout: 180_000 }, async () => {
    const box = await sandbox();
    const originalTree = treeHashes(box.repo);
    const args = input(box, { targetImprovement: 'maintainability' });
    let storeKey = '';
    let rolledBackDiff: BatchDiffRecord | null = null;
    const result: CodebaseAnalysisResult = await run(box, async (taskQueue) => {
      const handle = await start(taskQueue, args);
      storeKey = `${handle.workflowId}/${handle.firstExecutionRunId}`;
      const r = await handle.result();
      await recordHistory('refactor-with-rollback', handle);
      // Each batch's diff is read back from the store by its own short workflow, never from this run's history.
      const rolledBack = r.batches.find((b) => b.status === 'rolled_back')!;
      const read = await env.client.workflow.start<typeof batchDiffWorkflow>(AgentWorkflowType.BatchDiff, {
        taskQueue,
        workflowId: agentBatchDiffWorkflowId(handle.workflowId, 'test'),
        args: [{ storeKey, batchId: rolledBack.batchId }],
      });
      rolledBackDiff = await read.result();
      await recordHistory('batch-diff', read);
      const none = await env.client.workflow.execute<typeof batchDiffWorkflow>(AgentWorkflowType.BatchDiff, {
        taskQueue,
        workflowId: agentBatchDiffWorkflowId(handle.workflowId, 'none'),
        args: [{ storeKey, batchId: 'batch-999' }],
      });
      expect(none).toBeNull();
      return r;
    });
    expect(rolledBackDiff!.files.map((f) => f.file)).toEqual(result.batches.find((b) => b.status === 'rolled_back')!.filesChanged);
    expect(rolledBackDiff!.diff).toContain('--- a/src/utils/validation.ts\n+++ b/src/utils/validation.ts\n@@ ');
    expect(rolledBackDiff!.truncated).toBe(false);
    // The history of the analysis holds no diff text: only the batch outcomes.
    expect(JSON.stringify(await env.client.workflow.getHandle(agentAnalysisWorkflowId(args.taskId)).fetchHistory())).not.toContain('+++ b/');

    expect(result).toMatchObject({ status: 'completed', currentStage: 'done', filesAnalyzed: 20, totalFiles: 20 });
    expect(result.issueCounts.critical).toBeGreaterThanOrEqual(2);
    expect(result.issues[0]).toMatchObject({ severity: 'critical', type: 'security-risk' });
    expect(result.issues.some((i) => i.message.startsWith('SQL injection vulnerability detected'))).toBe(true);
    // The eval in utils/api.ts (file 3) is critical: the thorough run narrows to security.
    expect(result.strategySwitches).toEqual([expect.objectContaining({ atFile: 3, from: 'thorough', to: 'security-focused' })]);
    expect(result.strategySwitches[0]!.reason).toContain('src/utils/api.ts');

    // Every file was analysed exactly once, and its full result is in the store, not in history.
    const completed = (await box.store.ledger(storeKey)).filter((r) => r.event === 'completed');
    expect(completed.map((r) => r.file).sort()).toEqual([...SAMPLE_FILES].sort());
    expect(await box.store.fileResults(storeKey)).toHaveLength(20);

    // Batches by priority: the critical eval first; the batch holding validation.ts fails its tests.
    const plan = result.plan!;
    expect(plan.batches[0]).toMatchObject({ priority: 'critical', files: ['src/utils/api.ts'] });
    const failing = plan.batches.find((b) => b.files.includes('src/utils/validation.ts'))!;
    const outcomes = Object.fromEntries(result.batches.map((b) => [b.batchId, b]));
    expect(outcomes[failing.batchId]!.status).toBe('rolled_back');
    expect(outcomes[failing.batchId]!.detail).toMatch(/matchesPin/);
    for (const batch of plan.batches.filter((b) => b.batchId !== failing.batchId)) {
      expect(outcomes[batch.batchId]!.status).toBe('applied');
    }

    const ws = result.workspacePath!;
    expect(ws.startsWith(box.dataDir)).toBe(true);
    const workspaceTree = treeHashes(ws);
    // Rolled back: every file of the failing batch has exactly its original bytes.
    for (const file of failing.files) expect(workspaceTree[file]).toBe(originalTree[file]);
    // Applied: real fixes, visible in the files.
    expect(readFileSync(join(ws, 'src/utils/api.ts'), 'utf8')).toContain('return JSON.parse(text);');
    expect(readFileSync(join(ws, 'src/components/Footer.tsx'), 'utf8')).not.toContain('legacyCopyright');
    expect(workspaceTree['src/utils/api.ts']).not.toBe(originalTree['src/utils/api.ts']);
    // The original codebase was never touched.
    expect(treeHashes(box.repo)).toEqual(originalTree);

    const report = JSON.parse(readFileSync(result.reportPath!, 'utf8'));
    expect(report.files).toHaveLength(20);
    expect(report.files[0]).toMatchObject({ file: 'src/components/Header.tsx', metrics: expect.objectContaining({ lines: expect.any(Number) }) });
  });

  it('pauses when the cost passes the budget and goes on after an approval with a new budget', async () => {
    const box = await sandbox();
    const args = input(box, { files: SAMPLE_FILES.slice(0, 3), budget: 0.0001 });
    const { result, approved } = await run(box, async (taskQueue) => {
      const handle = await start(taskQueue, args);
      const waiting = await waitForProgress(handle, statusIs('awaiting_budget_approval'), 'the budget gate');
      expect(waiting).toMatchObject({ currentStage: 'budget-approval', filesAnalyzed: 1 });
      expect(waiting.costSoFar).toBeGreaterThan(0.0001);
      // Approving without a new budget above the spend is a bad request; the run keeps waiting.
      expect(await updateFailureType(handle.executeUpdate(approveBudgetUpdate, { args: [{ approved: true }] }))).toBe(ErrorType.InvalidRequest);
      const approved = await handle.executeUpdate(approveBudgetUpdate, { args: [{ approved: true, newBudget: 10, reason: 'security issues' }] });
      const result = await handle.result();
      await recordHistory('budget-approved', handle);
      await recordHistory('budget-approved-quick-recovery', handle);
      // New runs schedule the file step for a quick crash recovery: a 2 s heartbeat timeout, 0.5 s first retry.
      const { events } = await handle.fetchHistory();
      const fileSteps = (events ?? []).flatMap((e) => (e.activityTaskScheduledEventAttributes?.activityType?.name === 'analyzeFile' ? [e.activityTaskScheduledEventAttributes] : []));
      expect(fileSteps.length).toBeGreaterThan(0);
      for (const step of fileSteps) {
        expect(Number(step.heartbeatTimeout?.seconds ?? 0) * 1000 + Math.round((step.heartbeatTimeout?.nanos ?? 0) / 1e6)).toBe(2000);
        expect(step.retryPolicy?.initialInterval?.nanos).toBe(500_000_000);
      }
      return { result, approved };
    });
    expect(approved).toMatchObject({ status: 'analyzing', budget: 10 });
    expect(result).toMatchObject({ status: 'completed', filesAnalyzed: 3, budget: 10 });
    expect(result.budgetRemaining).toBeCloseTo(10 - result.costSoFar, 6);
    // Budget pressure switched to the cheap strategy; the raise switched it back. Both recorded with reasons.
    expect(result.strategySwitches.map((s) => [s.atFile, s.from, s.to])).toEqual([
      [1, 'thorough', 'fast'],
      [1, 'fast', 'thorough'],
      [3, 'thorough', 'security-focused'],
    ]);
    expect(result.strategySwitches[1]!.reason).toContain('budget raised to $10');
  });

  it('is cancelled when the budget increase is rejected, and analyses nothing more', async () => {
    const box = await sandbox();
    const args = input(box, { files: SAMPLE_FILES.slice(0, 3), budget: 0.0001 });
    let storeKey = '';
    const result = await run(box, async (taskQueue) => {
      const handle = await start(taskQueue, args);
      storeKey = `${handle.workflowId}/${handle.firstExecutionRunId}`;
      await waitForProgress(handle, statusIs('awaiting_budget_approval'), 'the budget gate');
      await handle.executeUpdate(approveBudgetUpdate, { args: [{ approved: false, approvedBy: 'cfo@example.com', reason: 'not this quarter' }] });
      return handle.result();
    });
    expect(result).toMatchObject({ status: 'cancelled', filesAnalyzed: 1, cancelReason: 'budget increase rejected by cfo@example.com: not this quarter' });
    expect((await box.store.ledger(storeKey)).filter((r) => r.event === 'started')).toHaveLength(1);
  });

  it('waits for plan approval (rejecting messages nobody waits for) and refactors once approved', { timeout: 120_000 }, async () => {
    const box = await sandbox();
    const args = input(box, { files: ['src/components/Footer.tsx', 'src/utils/api.ts'], targetImprovement: 'maintainability', requiresApproval: true });
    const result = await run(box, async (taskQueue) => {
      const handle = await start(taskQueue, args);
      const waiting = await waitForProgress(handle, statusIs('awaiting_plan_approval'), 'the plan gate');
      expect(waiting.plan!.batches.map((b) => b.priority)).toEqual(['critical', 'low']);
      expect(await updateFailureType(handle.executeUpdate(approveBudgetUpdate, { args: [{ approved: true, newBudget: 50 }] }))).toBe(ErrorType.NotAwaiting);
      const after = await handle.executeUpdate(approvePlanUpdate, { args: [{ approved: true, approvedBy: 'senior-engineer@company.com' }] });
      expect(['refactoring', 'testing', 'completed']).toContain(after.status);
      expect(await updateFailureType(handle.executeUpdate(approvePlanUpdate, { args: [{ approved: true }] }))).toBe(ErrorType.NotAwaiting);
      return handle.result();
    });
    expect(result.status).toBe('completed');
    expect(result.batches.map((b) => b.status)).toEqual(['applied', 'applied']);
  });

  it('is cancelled when the plan is rejected, without touching any file', async () => {
    const box = await sandbox();
    const args = input(box, { files: ['src/utils/api.ts'], targetImprovement: 'security', requiresApproval: true });
    const result = await run(box, async (taskQueue) => {
      const handle = await start(taskQueue, args);
      await waitForProgress(handle, statusIs('awaiting_plan_approval'), 'the plan gate');
      await handle.executeUpdate(approvePlanUpdate, { args: [{ approved: false, approvedBy: 'lead@example.com', reason: 'not now' }] });
      const r = await handle.result();
      await recordHistory('plan-rejected', handle);
      return r;
    });
    expect(result).toMatchObject({ status: 'cancelled', cancelReason: 'plan rejected by lead@example.com: not now', batches: [] });
    expect(result.workspacePath).toBeUndefined();
    expect(existsSync(join(box.dataDir, 'agent', 'workspaces'))).toBe(false);
  });

  it('continues as new every N files without analysing any file twice', async () => {
    const box = await sandbox();
    const args = input(box, { files: SAMPLE_FILES.slice(0, 12), continueAsNewEvery: 5 });
    const { result, storeKey, runs } = await run(box, async (taskQueue) => {
      const handle = await start(taskQueue, args);
      const result = await handle.result();
      const first = env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId);
      const events = (await first.fetchHistory()).events ?? [];
      await recordHistory('continue-as-new', first);
      const runs = events.some((e) => e.workflowExecutionContinuedAsNewEventAttributes) ? 'continued' : 'single';
      return { result, storeKey: `${handle.workflowId}/${handle.firstExecutionRunId}`, runs };
    });
    expect(runs).toBe('continued');
    expect(result).toMatchObject({ status: 'completed', filesAnalyzed: 12, totalFiles: 12 });
    const started = (await box.store.ledger(storeKey)).filter((r) => r.event === 'started').map((r) => r.file);
    expect(started).toEqual(SAMPLE_FILES.slice(0, 12));
    expect(result.issueCounts.critical).toBeGreaterThan(0);
  });

  it('skips refactoring when the tests already fail before any change', { timeout: 120_000 }, async () => {
    const box = await sandbox();
    writeFileSync(join(box.repo, 'test/broken.test.js'), "require('node:test')('broken', () => { throw new Error('red before we start'); });\n");
    const args = input(box, { files: ['src/utils/api.ts'], targetImprovement: 'maintainability' });
    const result = await run(box, async (taskQueue) => (await start(taskQueue, args)).result());
    expect(result.status).toBe('completed');
    expect(result.batches).toEqual([]);
    expect(result.refactorSkippedReason).toContain('the tests fail before any change');
  });

  it('rolls the batch back when the run is cancelled while the batch\'s tests run in place: the repository is byte-identical', { timeout: 120_000 }, async () => {
    const box = await sandbox();
    // Tests that pass before any change and block once the fix to api.ts is in: the cancel lands mid-batch.
    writeFileSync(
      join(box.repo, 'package.json'),
      JSON.stringify({ name: 'gated', scripts: { test: 'node gate.js' } }),
    );
    writeFileSync(
      join(box.repo, 'gate.js'),
      "const fixed = require('fs').readFileSync('src/utils/api.ts', 'utf8').includes('JSON.parse(text)');\nif (fixed) setInterval(() => {}, 1000);\n",
    );
    const before = treeHashes(box.repo);
    const args = input(box, { files: ['src/utils/api.ts'], targetImprovement: 'security', applyInPlace: true });
    const outcome = await run(box, async (taskQueue) => {
      const handle = await start(taskQueue, args);
      const testing = await waitForProgress(handle, statusIs('testing'), 'the batch\'s tests');
      expect(testing.workspacePath).toBe(box.repo);
      // The batch's edit is in the user's repository while its tests run.
      await new Promise((r) => setTimeout(r, 1000));
      expect(readFileSync(join(box.repo, 'src/utils/api.ts'), 'utf8')).toContain('JSON.parse(text)');
      await handle.cancel();
      const err = await handle.result().then(
        () => undefined,
        (e: unknown) => e,
      );
      await recordHistory('cancel-mid-batch', handle);
      return err;
    });
    expect(outcome).toBeInstanceOf(WorkflowFailedError);
    expect((outcome as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    expect(treeHashes(box.repo)).toEqual(before);
  });
});
