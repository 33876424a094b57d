export { Saga } from './saga';
export type { Compensation, CompensationFailure, CompensationReport, SagaOptions } from './saga';
