import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingTestEnv } from '@temporal-ecommerce/infra/testing';
import { AGENT_TASK_QUEUE, AgentWorkflowType, agentAnalysisWorkflowId, type CodebaseAnalysisInput, type CodebaseAnalysisResult } from '@temporal-ecommerce/contracts/agent';
import { agentActivities, createWorker, quietRuntime, recordHistory, sandbox, workflowBundle } from '../support';

// The 24-hour approval window is a durable timer: the time-skipping server fires it as soon as the
// workflow blocks on it, so the test observes the real timeout without waiting a day.
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietRuntime();
  env = await createTimeSkippingTestEnv();
  await workflowBundle();
});

afterAll(async () => {
  await env?.teardown();
});

describe('plan approval timeout', () => {
  it('cancels the run when nobody approves the plan within 24 hours', async () => {
    const box = await sandbox();
    const taskQueue = `${AGENT_TASK_QUEUE}-${randomUUID()}`;
    const args: CodebaseAnalysisInput = {
      taskId: `t-${randomUUID()}`,
      repositoryPath: box.repo,
      files: ['src/utils/api.ts'],
      targetImprovement: 'maintainability',
      requiresApproval: true,
    };
    const worker = await createWorker(env, taskQueue, agentActivities(box.deps));
    const result: CodebaseAnalysisResult = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(AgentWorkflowType.CodebaseAnalysis, { taskQueue, workflowId: agentAnalysisWorkflowId(args.taskId), args: [args] });
      const r = await handle.result();
      await recordHistory('plan-timeout', handle);
      return r;
    });
    expect(result).toMatchObject({ status: 'cancelled', cancelReason: 'plan approval timed out after 24 hours', batches: [] });
    expect(result.plan!.batches.length).toBeGreaterThan(0);
    expect(result.workspacePath).toBeUndefined();
  });
});
