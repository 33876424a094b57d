export { createLogger, PinoSdkLogger, type LoggerOptions } from './logger';
export { installRuntime, type RuntimeOptions } from './runtime';
export { runWorker, type RunWorkerOptions } from './run-worker';
export { bundleWorkflowsTo } from './bundle';
export { createWorkerTracing, type TracingOptions, type WorkerTracing } from './tracing';
export { loadWorkerKitEnv, temporalConnectionOptions, type WorkerKitEnv, type WorkerKitEnvDefaults } from './env';
export { EnvError, envList, envNumber, envTemporalAddress } from './env-parsing';
