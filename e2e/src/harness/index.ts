export { repoRoot, appDir, appEntry, runDir, type AppName } from './paths';
export { ServiceProcess, logMessage, exitOnSignals, killOnExit, type ServiceProcessOptions } from './processes';
export { serviceEnv, serviceProcess, startWorker, startGateway, ensureWorkflowBundle, assertBuilt, type ServiceEnvOptions, type StartWorkerOptions } from './services';
export { RestartableTemporal, connectClient, freePort, type TemporalOptions } from './temporal';
export { OrderDbReader, type OrderSideEffects, type StockRow } from './order-db';
export { retrying, withTimeout, waitFor } from './retry';
export { Rng } from './random';
export { sleep, percentile, mean, median, ms, secs, ratio } from './stats';
export { describeMachine, machineLine, type MachineDescription } from './machine';
