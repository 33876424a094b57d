export { createLogger, PinoSdkLogger, type LoggerOptions } from './logger';
export { installRuntime, type RuntimeOptions } from './runtime';
export { runWorker, type RunWorkerOptions } from './run-worker';
export { bundleWorkflowsTo } from './bundle';
export { createWorkerTracing, type TracingOptions, type WorkerTracing } from './tracing';
export { DEFAULT_STICKY_QUEUE_TIMEOUT_MS, loadWorkerKitEnv, temporalConnectionOptions, type WorkerKitEnv, type WorkerKitEnvDefaults } from './env';
export { EnvError, envDuration, envList, envNumber, envTemporalAddress } from './env-parsing';
