import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import { emptyIssueCounts, SEVERITY_RANK, type Issue, type SpecialistInput, type SpecialistResult } from '@temporal-ecommerce/contracts/agent';
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

/**
 * One specialist agent (architecture, security or performance): analyses every file with its own rules,
 * one activity per file, in its own workflow and history, and returns its findings.
 */
export async function specialistAgentWorkflow(input: SpecialistInput): Promise<SpecialistResult> {
  const info = workflowInfo();
  const storeKey = `${info.workflowId}/${info.firstExecutionRunId}`;
  const files = input.files ?? (await listSourceFiles({ repositoryPath: input.repositoryPath }));
  const issueCounts = emptyIssueCounts();
  let issues: Issue[] = [];
  let cost = 0;
  for (const file of files) {
    const summary = await analyzeFile({ storeKey, repositoryPath: input.repositoryPath, file, strategy: 'fast', specialist: input.kind });
    cost = Math.round((cost + summary.cost) * 1e6) / 1e6;
    for (const severity of Object.keys(issueCounts) as (keyof typeof issueCounts)[]) issueCounts[severity] += summary.issueCounts[severity];
    issues = [...issues, ...summary.topIssues].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]).slice(0, ISSUE_CAP);
  }
  return { kind: input.kind, filesAnalyzed: files.length, cost, issueCounts, issues };
}
