// The worker's workflowsPath: every workflow the agent worker runs, and nothing else.
export { codebaseAnalysisWorkflow } from './codebase-analysis';
export { multiAgentCoordinatorWorkflow } from './multi-agent-coordinator';
export { specialistAgentWorkflow } from './specialist-agent';
export { batchDiffWorkflow } from './batch-diff';
