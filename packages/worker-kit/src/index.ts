export { createLogger, installRuntime, PinoSdkLogger, type LoggerOptions } from './logger';
export { runWorker, type RunWorkerOptions } from './run-worker';
export { bundleWorkflowsTo } from './bundle';
