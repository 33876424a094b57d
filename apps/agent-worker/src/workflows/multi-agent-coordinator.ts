import { ApplicationFailure, ChildWorkflowFailure } from '@temporalio/common';
import { executeChild, isCancellation, log, setHandler, workflowInfo } from '@temporalio/workflow';
import {
  multiAgentStatusQuery,
  specialistWorkflowId,
  type MultiAgentInput,
  type MultiAgentStatus,
  type SpecialistKind,
  type SpecialistOutcome,
  type SpecialistResult,
} from '@temporal-ecommerce/contracts/agent';
import { specialistAgentWorkflow } from './specialist-agent';

/** The innermost message of a child's failure: "cannot read ...", not "Child Workflow execution failed". */
function rootMessage(err: unknown): string {
  let current: unknown = err;
  while (current instanceof ChildWorkflowFailure || (current instanceof Error && current.cause instanceof ApplicationFailure)) {
    current = (current as Error).cause;
  }
  return current instanceof Error ? current.message : String(current);
}

/**
 * Coordinates specialist agents as child workflows: architecture and security in parallel, then
 * performance only when architecture found issues. A failed specialist is reported, not propagated:
 * the others' results stand and nothing is rerun, because each child keeps its own history.
 */
export async function multiAgentCoordinatorWorkflow(input: MultiAgentInput): Promise<MultiAgentStatus> {
  const { workflowId } = workflowInfo();
  const outcome = (kind: SpecialistKind): SpecialistOutcome => ({ kind, status: 'pending' });
  const state: MultiAgentStatus = {
    projectName: input.projectName,
    requirements: input.requirements,
    status: 'running',
    specialists: [outcome('architecture'), outcome('security'), outcome('performance')],
    failures: [],
  };
  setHandler(multiAgentStatusQuery, () => state);
  const slot = (kind: SpecialistKind) => state.specialists.find((s) => s.kind === kind)!;

  const runSpecialist = async (kind: SpecialistKind): Promise<SpecialistResult | undefined> => {
    const s = slot(kind);
    s.status = 'running';
    s.workflowId = specialistWorkflowId(workflowId, kind);
    try {
      const result = await executeChild(specialistAgentWorkflow, {
        workflowId: s.workflowId,
        args: [{ kind, projectName: input.projectName, repositoryPath: input.repositoryPath, files: input.files, requirements: input.requirements }],
      });
      Object.assign(s, { status: 'completed', ...result });
      return result;
    } catch (err) {
      if (isCancellation(err)) throw err;
      s.status = 'failed';
      s.error = rootMessage(err);
      state.failures.push(`${kind}: ${s.error}`);
      log.warn('Specialist failed', { kind, error: s.error });
      return undefined;
    }
  };

  const [architecture] = await Promise.all([runSpecialist('architecture'), runSpecialist('security')]);
  const found = architecture ? Object.values(architecture.issueCounts).reduce((a, b) => a + b, 0) : 0;
  if (architecture && found > 0) {
    slot('performance').reason = `architecture found ${found} issue(s)`;
    await runSpecialist('performance');
  } else {
    Object.assign(slot('performance'), { status: 'skipped', reason: architecture ? 'architecture found no issues' : 'architecture failed, so its findings cannot justify a performance pass' });
  }
  state.status = state.failures.length > 0 ? 'partial' : 'completed';
  return state;
}
