import type { Pricing } from '../analysis/cost';
import type { SandboxLimits } from '../sandbox/command';
import type { SandboxStatus } from '../sandbox/detect';
import type { AnalysisStore } from '../store/analysis-store';
import type { LlmReviewer } from './llm';
import { createPlanningActivities } from './planning';
import { createSourceFileActivities } from './source-files';
import { createWorkspaceActivities } from './workspace';

export interface AgentActivityDeps {
  store: AnalysisStore;
  dataDir: string;
  pricing: Pricing;
  fileDelayMs: number;
  repositoryRoots: readonly string[];
  sandbox: SandboxStatus;
  testLimits: SandboxLimits;
  testNodePath?: string;
  llm?: { reviewer: LlmReviewer; pricing: Pricing };
}

/** Every activity of the agent worker, bound to its dependencies. */
export function createActivities(deps: AgentActivityDeps) {
  return {
    ...createSourceFileActivities(deps),
    ...createWorkspaceActivities(deps),
    ...createPlanningActivities(deps),
  };
}

export type AgentActivities = ReturnType<typeof createActivities>;
export type { AnalyzeFileInput, FileSummary } from './source-files';
export type { ApplyBatchInput, BatchChange, BatchInput, TestRun } from './workspace';
export type { PlanInput } from './planning';
export type { StoredPlan } from '../store/analysis-store';
