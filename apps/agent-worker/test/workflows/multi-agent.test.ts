import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { AGENT_TASK_QUEUE, AgentWorkflowType, multiAgentWorkflowId, specialistWorkflowId, type MultiAgentInput, type SpecialistInput } from '@temporal-ecommerce/contracts/agent';
import type { AnalyzeFileInput } from '../../src/activities';
import type { multiAgentCoordinatorWorkflow, specialistAgentWorkflow } from '../../src/workflows';
import { agentActivities, createWorker, quietRuntime, recordHistory, SAMPLE_FILES, sandbox, workflowBundle } from '../support';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietRuntime();
  env = await createLocalTestEnv();
  await workflowBundle();
});

afterAll(async () => {
  await env?.teardown();
});

const FILES = ['src/pages/Dashboard.tsx', 'src/utils/validation.ts', 'src/models/User.ts'];

describe('multi-agent coordinator', () => {
  it('runs architecture and security in parallel and performance after architecture finds issues', async () => {
    const box = await sandbox();
    const taskQueue = `${AGENT_TASK_QUEUE}-${randomUUID()}`;
    // A fixed project name: the coordinator derives its children's ids from its own, and the replay test
    // replays the recorded history under the file's name.
    const input: MultiAgentInput = { projectName: 'replay-completed', requirements: ['security', 'performance'], repositoryPath: box.repo, files: FILES };
    const worker = await createWorker(env, taskQueue, agentActivities(box.deps));
    const workflowId = multiAgentWorkflowId(input.projectName);
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof multiAgentCoordinatorWorkflow>(AgentWorkflowType.MultiAgentCoordinator, { taskQueue, workflowId, args: [input] });
      const r = await handle.result();
      await recordHistory(workflowId, handle);
      return r;
    });
    expect(result.status).toBe('completed');
    expect(result.failures).toEqual([]);
    const byKind = Object.fromEntries(result.specialists.map((s) => [s.kind, s]));
    expect(byKind.architecture).toMatchObject({ status: 'completed', filesAnalyzed: 3, workflowId: specialistWorkflowId(workflowId, 'architecture') });
    expect(byKind.security!.issues!.some((i) => i.type === 'security-risk')).toBe(true);
    expect(byKind.security!.issues!.every((i) => ['security-risk', 'correctness'].includes(i.type))).toBe(true);
    expect(byKind.performance).toMatchObject({ status: 'completed', reason: expect.stringContaining('architecture found') });
    expect(byKind.performance!.issues!.map((i) => i.rule)).toContain('nested-loops');
    // Each specialist is a child with its own history.
    const child = await env.client.workflow.getHandle(specialistWorkflowId(workflowId, 'security')).describe();
    expect(child.status.name).toBe('COMPLETED');
    expect(child.parentExecution?.workflowId).toBe(workflowId);
  });

  it('reports partial results naming a failed specialist, without failing or rerunning the others', async () => {
    const box = await sandbox();
    const taskQueue = `${AGENT_TASK_QUEUE}-${randomUUID()}`;
    const real = agentActivities(box.deps);
    const calls: { kind: string; file: string }[] = [];
    const activities = {
      ...real,
      async analyzeFile(input: AnalyzeFileInput) {
        calls.push({ kind: input.specialist ?? 'none', file: input.file });
        if (input.specialist === 'security') {
          throw ApplicationFailure.create({ type: 'SecurityScannerDown', message: 'security scanner licence expired', nonRetryable: true });
        }
        return real.analyzeFile(input);
      },
    };
    const input: MultiAgentInput = { projectName: 'replay-partial', requirements: ['security'], repositoryPath: box.repo, files: FILES };
    const worker = await createWorker(env, taskQueue, activities);
    const workflowId = multiAgentWorkflowId(input.projectName);
    const result = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start<typeof multiAgentCoordinatorWorkflow>(AgentWorkflowType.MultiAgentCoordinator, { taskQueue, workflowId, args: [input] });
      const r = await handle.result();
      await recordHistory(workflowId, handle);
      return r;
    });
    expect(result.status).toBe('partial');
    expect(result.failures).toEqual(['security: security scanner licence expired']);
    const byKind = Object.fromEntries(result.specialists.map((s) => [s.kind, s]));
    expect(byKind.security).toMatchObject({ status: 'failed', error: 'security scanner licence expired' });
    expect(byKind.architecture).toMatchObject({ status: 'completed', filesAnalyzed: 3 });
    expect(byKind.performance!.status).toBe('completed');
    // Architecture ran each file once: the security failure did not make anything rerun.
    expect(calls.filter((c) => c.kind === 'architecture').map((c) => c.file)).toEqual(FILES);
    expect(calls.filter((c) => c.kind === 'security')).toHaveLength(1);
    const failedChild = await env.client.workflow.getHandle(specialistWorkflowId(workflowId, 'security')).describe();
    expect(failedChild.status.name).toBe('FAILED');
  });

  it('a specialist over many files continues as new every N files, analyses each file once and returns the single-run result', { timeout: 120_000 }, async () => {
    const box = await sandbox();
    const taskQueue = `${AGENT_TASK_QUEUE}-${randomUUID()}`;
    const worker = await createWorker(env, taskQueue, agentActivities(box.deps));
    const specialist = (workflowId: string, continueAsNewEvery: number) => {
      const input: SpecialistInput = { kind: 'security', projectName: 'p', repositoryPath: box.repo, files: SAMPLE_FILES, requirements: ['security'], continueAsNewEvery };
      return env.client.workflow.start<typeof specialistAgentWorkflow>(AgentWorkflowType.Specialist, { taskQueue, workflowId, args: [input] });
    };
    const { continued, single, runs, storeKey } = await worker.runUntil(async () => {
      const handle = await specialist(`specialist-can-${randomUUID()}`, 7);
      const continued = await handle.result();
      let runs = 1;
      let runId: string | undefined = handle.firstExecutionRunId;
      while (runId) {
        const run: WorkflowHandle = env.client.workflow.getHandle(handle.workflowId, runId);
        const history = await run.fetchHistory();
        if (runs === 1) await recordHistory('specialist-continue-as-new', run);
        const next: string | null | undefined = history.events?.find((e) => e.workflowExecutionContinuedAsNewEventAttributes)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId;
        runId = next ?? undefined;
        if (runId) runs++;
      }
      const single = await (await specialist(`specialist-one-${randomUUID()}`, 1000)).result();
      return { continued, single, runs, storeKey: `${handle.workflowId}/${handle.firstExecutionRunId}` };
    });
    // 20 files, 7 per run: three runs, one history each.
    expect(runs).toBe(3);
    expect(continued).toEqual(single);
    expect(continued.filesAnalyzed).toBe(20);
    expect(continued.issueCounts.critical).toBeGreaterThan(0);
    // Each file analysed exactly once across the runs (one store key for the whole chain).
    const started = (await box.store.ledger(storeKey)).filter((r) => r.event === 'started').map((r) => r.file);
    expect(started).toEqual(SAMPLE_FILES);
  });
});
