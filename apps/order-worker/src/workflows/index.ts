// The worker's workflowsPath: every workflow of the order-processing task queue.
export { orderWorkflow } from './order-workflow';
