export const BASELINE_WORKFLOW_TYPE = 'baselineWorkflow';
export const BASELINE_TASK_QUEUE = 'bench-baseline';
