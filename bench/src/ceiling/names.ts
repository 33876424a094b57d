export const CEILING_TASK_QUEUE = 'bench-ceiling';
export const EMPTY_WORKFLOW_TYPE = 'emptyWorkflow';
export const SAGA_SHAPED_WORKFLOW_TYPE = 'sagaShapedWorkflow';
export const SAGA_SHAPED_ACTIVITIES_WORKFLOW_TYPE = 'sagaShapedActivitiesWorkflow';
