export { createLogger, PinoSdkLogger, summarizeWebpackReport, type LoggerOptions } from './logger';
export { installRuntime, type RuntimeOptions } from './runtime';
export { runWorker, type CompanionWorkerOptions, type RunWorkerOptions } from './run-worker';
export { bundleWorkflowsTo, withoutSourcesContent } from './bundle';
// Types only: the tracing code (OpenTelemetry) loads when runWorker is asked for tracing.
export type { TracingOptions, WorkerTracing } from './tracing';
export { DEFAULT_STICKY_QUEUE_TIMEOUT_MS, loadWorkerKitEnv, workerKitVars, type WorkerKitEnv, type WorkerKitEnvDefaults } from './env';
export { envDuration } from './env-parsing';
// Re-exported so a worker's env.ts takes all its parsers from one place.
export { defineEnv, EnvError, envFlag, envList, envNumber, envTemporalAddress, readEnv, v, DATA_DIR_VARS, LOG_VARS, NODE_ENV_VARS, TEMPORAL_SERVER_VARS } from '@temporal-ecommerce/env';
export { currentBuildId, loadWorkerDeployment, readPackageVersion, setCurrentVersion, type DeploymentApi, type PromotePolicy, type WorkerDeployment, type WorkerDeploymentDefaults } from './deployment';
