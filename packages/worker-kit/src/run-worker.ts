import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { NativeConnection, Worker, type NativeConnectionOptions, type WorkerOptions } from '@temporalio/worker';
import type { Duration } from '@temporalio/common';
import type pino from 'pino';
import { encryptionDataConverter, type EncryptionSettings } from '@temporal-ecommerce/codec';
import { DEFAULT_STICKY_QUEUE_TIMEOUT_MS } from './env';
import { installRuntime } from './runtime';
import type { TracingOptions, WorkerTracing } from './tracing';
import { currentBuildId, setCurrentVersion, type WorkerDeployment } from './deployment';

/**
 * A second Worker in the same process (another namespace or task queue, such as billing's Nexus service
 * beside the order worker): it shares the connection, runtime, logger, payload codec and tracing, starts
 * with the main Worker and stops with it. Unversioned: it polls as no Worker Deployment version.
 */
export interface CompanionWorkerOptions {
  /** Shown in logs and in the identity (`pid@host/<service>/<name>`). */
  name: string;
  namespace: string;
  taskQueue: string;
  workflowsPath: string;
  workflowBundlePath?: string;
  activities?: object;
  /** Nexus service handlers this Worker serves on its task queue. */
  nexusServices?: WorkerOptions['nexusServices'];
  workerOptions?: Partial<WorkerOptions>;
}

export interface RunWorkerOptions {
  /** Service name: part of the worker identity shown in the Temporal UI (`pid@host/service`). */
  service: string;
  /** Temporal frontend, host:port. */
  address: string;
  namespace: string;
  /** The one task queue this worker polls; its workflows and activities are registered here only. */
  taskQueue: string;
  /** Module whose exports are the workflows (development: bundled at start). */
  workflowsPath: string;
  /** Prebundled workflow code (production). Used when the file exists; otherwise `workflowsPath`. */
  workflowBundlePath?: string;
  activities: object;
  /** Nexus service handlers served on `taskQueue`. */
  nexusServices?: WorkerOptions['nexusServices'];
  /** More Workers run by this process beside the main one, each on its own namespace and task queue. */
  companions?: CompanionWorkerOptions[];
  logger: pino.Logger;
  /** Anything else for Worker.create (tuning, interceptors, identity). Wins over the values above. */
  workerOptions?: Partial<WorkerOptions>;
  /**
   * How long a workflow task waits for this worker on its sticky queue before any worker may take it;
   * bounds the stall of a crashed worker's workflows. Default DEFAULT_STICKY_QUEUE_TIMEOUT_MS (3 s; the
   * SDK's own default is 10 s); trade-off in src/env.ts. `loadWorkerKitEnv` reads WORKER_STICKY_QUEUE_TIMEOUT.
   */
  stickyQueueScheduleToStartTimeout?: Duration;
  /**
   * Worker Deployment Versioning (`loadWorkerKitEnv` reads it): the worker polls as this version and,
   * per `promote`, makes it current before it reports itself started. Undefined: an unversioned worker.
   */
  deployment?: WorkerDeployment;
  /** TLS, API key, metadata for the connection. */
  connectionOptions?: Partial<NativeConnectionOptions>;
  /** host:port for the SDK runtime's Prometheus endpoint (GET /metrics). Undefined: no metrics. */
  metricsAddress?: string;
  /** OpenTelemetry tracing of workflows and activities. Undefined: off. */
  tracing?: TracingOptions;
  /** Payload encryption (AES-GCM codec). Undefined or no key: payloads in clear. */
  encryption?: EncryptionSettings;
  /**
   * Stops the worker gracefully when aborted. Without it the worker stops on the SDK Runtime's
   * shutdown signals (SIGINT, SIGTERM, SIGQUIT, SIGUSR2).
   */
  signal?: AbortSignal;
}

type WorkflowSource = Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath'>;

function workflowSource(opts: Pick<RunWorkerOptions, 'workflowBundlePath' | 'workflowsPath' | 'tracing'>): { source: WorkflowSource; from: string } {
  // The tracing plugin adds a workflow interceptor module, which only a bundle made at start includes.
  if (opts.workflowBundlePath && existsSync(opts.workflowBundlePath) && !opts.tracing) {
    return { source: { workflowBundle: { codePath: opts.workflowBundlePath } }, from: opts.workflowBundlePath };
  }
  return { source: { workflowsPath: opts.workflowsPath }, from: opts.workflowsPath };
}

function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/**
 * Resolves when every Worker has stopped; the first Worker to stop, for any reason, shuts the others down
 * (one process, one lifetime: a process whose billing Worker died must not keep taking orders that need
 * it). Rejects with the first failure once all have stopped.
 */
function runTogether(workers: Worker[], runs: Promise<void>[]): Promise<void> {
  if (runs.length === 1) return runs[0]!;
  let failure: { err: unknown } | undefined;
  const stopOthers = (): void => {
    for (const w of workers) if (w.getState() === 'RUNNING') w.shutdown();
  };
  return Promise.all(
    runs.map((run) =>
      run.then(
        () => stopOthers(),
        (err: unknown) => {
          failure ??= { err };
          stopOthers();
        },
      ),
    ),
  ).then(() => {
    if (failure) throw failure.err;
  });
}

/** Applies the promote policy; answers whether this version is now the current one. */
async function promote(connection: NativeConnection, namespace: string, deployment: WorkerDeployment, logger: pino.Logger, running: Promise<void>): Promise<boolean> {
  const { version, promote: policy } = deployment;
  const current = await currentBuildId(connection, namespace, version.deploymentName);
  if (current === version.buildId) return true;
  if (policy === 'never' || (policy === 'if-none' && current !== undefined)) {
    logger.info({ ...version, current: current ?? null, policy }, 'version not made current: set it with `temporal worker deployment set-current-version`');
    return false;
  }
  // A worker that fails while we wait must fail the start, not leave us retrying.
  await Promise.race([setCurrentVersion(connection, namespace, version, { identity: `${process.pid}@${hostname()}` }), running.then(() => Promise.reject(new Error('worker stopped before its version became current')))]);
  logger.info({ ...version, previous: current ?? null }, 'version made current');
  return true;
}

/**
 * Connects, creates a Worker for one task queue and runs it until it is shut down (process signal or
 * `signal`), draining in-flight tasks. The connection is closed whatever happens. Rejects if the worker
 * cannot start or fails while running, so an entry file can log and exit non-zero.
 */
export async function runWorker(opts: RunWorkerOptions): Promise<void> {
  const { logger, taskQueue, namespace, address } = opts;
  installRuntime(logger, opts.metricsAddress ? { metricsAddress: opts.metricsAddress } : {});
  const fields = { taskQueue, namespace, address };
  const dataConverter = opts.encryption ? encryptionDataConverter(opts.encryption) : undefined;

  const connection = await NativeConnection.connect({ address, ...opts.connectionOptions });
  let tracing: WorkerTracing | undefined;
  try {
    // OpenTelemetry's ~300 modules (over 20 MiB of a worker's memory) load only when tracing is on, not in
    // every worker that imports worker-kit (docs/performance.md, idle memory).
    if (opts.tracing) tracing = (await import('./tracing.js')).createWorkerTracing(opts.service, opts.tracing);
    const { source, from } = workflowSource(opts);
    const shared = {
      connection,
      stickyQueueScheduleToStartTimeout: opts.stickyQueueScheduleToStartTimeout ?? DEFAULT_STICKY_QUEUE_TIMEOUT_MS,
      ...(dataConverter ? { dataConverter } : {}),
      ...(tracing ? { plugins: [tracing.plugin] } : {}),
    };
    const worker = await Worker.create({
      ...shared,
      namespace,
      taskQueue,
      identity: `${process.pid}@${hostname()}/${opts.service}`,
      activities: opts.activities,
      ...(opts.nexusServices ? { nexusServices: opts.nexusServices } : {}),
      ...source,
      ...(opts.deployment
        ? { workerDeploymentOptions: { useWorkerVersioning: true, version: opts.deployment.version, defaultVersioningBehavior: opts.deployment.behavior } }
        : {}),
      ...opts.workerOptions,
    });
    const companions: { options: CompanionWorkerOptions; worker: Worker; from: string }[] = [];
    try {
      for (const c of opts.companions ?? []) {
        const companionSource = workflowSource({ ...c, tracing: opts.tracing });
        const companion = await Worker.create({
          ...shared,
          namespace: c.namespace,
          taskQueue: c.taskQueue,
          identity: `${process.pid}@${hostname()}/${opts.service}/${c.name}`,
          ...(c.activities ? { activities: c.activities } : {}),
          ...(c.nexusServices ? { nexusServices: c.nexusServices } : {}),
          ...companionSource.source,
          ...c.workerOptions,
        });
        companions.push({ options: c, worker: companion, from: companionSource.from });
      }
    } catch (err) {
      // A created Worker holds the connection until it has run: run each to an immediate stop to release it.
      await Promise.all([worker, ...companions.map((c) => c.worker)].map((w) => w.runUntil(Promise.resolve()).catch(() => undefined)));
      throw err;
    }
    const workers = [worker, ...companions.map((c) => c.worker)];
    // Each Worker stops on the Runtime's shutdown signals by itself; with `signal`, all stop when it aborts.
    const running = runTogether(
      workers,
      workers.map((w) => (opts.signal ? w.runUntil(untilAborted(opts.signal)) : w.run())),
    );
    // The server routes new runs only to a current (or ramping) version, and accepts a version as current
    // only once it has seen it poll: so promote with the worker running, and say "started" after that.
    running.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled meanwhile
    let promoted: boolean | undefined;
    try {
      promoted = opts.deployment ? await promote(connection, namespace, opts.deployment, logger, running) : undefined;
    } catch (err) {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running.catch(() => undefined);
      throw err;
    }
    // From the compiled options, so the log shows what the SDK worker runs with, workerOptions included.
    const stickyQueueTimeoutMs = worker.options.stickyQueueScheduleToStartTimeoutMs;
    const versioning = opts.deployment ? { ...opts.deployment.version, behavior: opts.deployment.behavior, current: promoted } : undefined;
    logger.info({ ...fields, workflows: from, encrypted: Boolean(dataConverter), tracing: Boolean(tracing), stickyQueueTimeoutMs, versioning }, 'worker started');
    for (const c of companions) {
      logger.info({ companion: c.options.name, taskQueue: c.options.taskQueue, namespace: c.options.namespace, workflows: c.from, nexusServices: (c.options.nexusServices ?? []).map((s) => s.definition.name) }, 'worker started');
    }
    await running;
    for (const c of companions) logger.info({ companion: c.options.name, taskQueue: c.options.taskQueue, namespace: c.options.namespace }, 'worker stopped');
    logger.info(fields, 'worker stopped');
  } catch (err) {
    logger.error({ ...fields, err }, 'worker failed');
    throw err;
  } finally {
    await connection.close();
    // A collector that is down must not turn a clean stop into a failure.
    await tracing?.shutdown().catch((err: unknown) => logger.warn({ err }, 'could not flush trace spans'));
  }
}
