export { mlTrainingWorkflow } from './ml-training';
export { auditCheckpointsWorkflow } from './audit-checkpoints';
export { mlHistoryPageWorkflow } from './history-page';
