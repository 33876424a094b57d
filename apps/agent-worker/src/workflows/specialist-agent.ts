import { ApplicationFailure } from '@temporalio/common';
import { allHandlersFinished, condition, continueAsNew, log, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import {
  DEFAULT_CONTINUE_AS_NEW_EVERY,
  emptyIssueCounts,
  MAX_ANALYSIS_FILES,
  SEVERITY_RANK,
  type Issue,
  type SpecialistInput,
  type SpecialistResult,
} from '@temporal-ecommerce/contracts/agent';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import type { AgentActivities } from '../activities';

const { analyzeFile, listSourceFiles } = proxyActivities<AgentActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '5 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumAttempts: 3,
    nonRetryableErrorTypes: [ErrorType.InvalidRequest, ErrorType.RepositoryUnavailable, ErrorType.LlmRequestRejected],
  },
});

const ISSUE_CAP = 10;
/** Patch id: specialists continue as new; histories recorded before analysed every file in one run. */
const CONTINUE_AS_NEW_PATCH = 'specialist-continue-as-new';

/**
 * One specialist agent (architecture, security or performance): analyses every file with its own rules,
 * one activity per file, in its own workflow and history, and returns its findings. Every
 * `continueAsNewEvery` files (or when Temporal suggests it) it continues as new carrying only counters
 * and the capped issue list, so 5,000 files are ten short histories, not one long one.
 */
export async function specialistAgentWorkflow(input: SpecialistInput): Promise<SpecialistResult> {
  const info = workflowInfo();
  const carry = input.carryOver;
  const storeKey = carry?.storeKey ?? `${info.workflowId}/${info.firstExecutionRunId}`;
  if (input.files && input.files.length > MAX_ANALYSIS_FILES) {
    throw ApplicationFailure.create({ type: ErrorType.InputTooLarge, message: `files has ${input.files.length} entries; at most ${MAX_ANALYSIS_FILES}`, nonRetryable: true });
  }
  const files = input.files ?? (await listSourceFiles({ repositoryPath: input.repositoryPath }));
  const issueCounts = carry?.issueCounts ?? emptyIssueCounts();
  let issues: Issue[] = carry?.issues ?? [];
  let cost = carry?.cost ?? 0;
  const first = carry?.filesAnalyzed ?? 0;
  const every = input.continueAsNewEvery ?? DEFAULT_CONTINUE_AS_NEW_EVERY;
  const mayContinue = patched(CONTINUE_AS_NEW_PATCH);
  for (let i = first; i < files.length; i++) {
    if (mayContinue && (i - first >= every || workflowInfo().continueAsNewSuggested)) {
      await condition(allHandlersFinished);
      log.info('Specialist continuing as new', { kind: input.kind, filesAnalyzed: i });
      return continueAsNew<typeof specialistAgentWorkflow>({ ...input, files, carryOver: { storeKey, filesAnalyzed: i, cost, issueCounts, issues } });
    }
    const summary = await analyzeFile({ storeKey, repositoryPath: input.repositoryPath, file: files[i]!, strategy: 'fast', specialist: input.kind });
    cost = Math.round((cost + summary.cost) * 1e6) / 1e6;
    for (const severity of Object.keys(issueCounts) as (keyof typeof issueCounts)[]) issueCounts[severity] += summary.issueCounts[severity];
    issues = [...issues, ...summary.topIssues].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]).slice(0, ISSUE_CAP);
  }
  return { kind: input.kind, filesAnalyzed: files.length, cost, issueCounts, issues };
}
