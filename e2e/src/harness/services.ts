import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { appDir, appEntry, type AppName } from './paths';
import { logMessage, ServiceProcess } from './processes';

export interface ServiceEnvOptions {
  temporalAddress: string;
  /** TEMPORAL_ECOMMERCE_DATA_DIR: each run keeps its databases and artifacts in its own folder. */
  dataDir: string;
  logLevel?: string;
  /** App-specific variables (ORDER_FAULT_*, AGENT_FILE_DELAY_MS, PORT, ...). */
  extra?: Record<string, string>;
}

/**
 * The environment a service gets from us: nothing inherited but PATH and HOME, so a developer's shell
 * (TEMPORAL_ADDRESS, PORT) cannot point a run at the wrong server. Production mode: workers load their
 * prebundled workflow code instead of bundling at every (re)start. Metrics off: several workers share a host.
 */
export function serviceEnv(opts: ServiceEnvOptions): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    LOG_LEVEL: opts.logLevel ?? 'info',
    METRICS_PORT: 'off',
    TEMPORAL_ADDRESS: opts.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_ECOMMERCE_DATA_DIR: opts.dataDir,
    ...opts.extra,
  };
}

function newestMtime(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir).map((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    }),
  );
}

/** Fails with the command to run when an app has not been built. */
export function assertBuilt(app: AppName): void {
  if (!existsSync(appEntry(app))) {
    throw new Error(`${appEntry(app)} is missing: build it first (pnpm turbo run build --filter=./apps/${app})`);
  }
}

/**
 * Runs the worker's own `bundle` script when its prebundled workflow code is missing or older than its
 * compiled workflows, so production-mode workers start in about a second instead of bundling each time.
 */
export function ensureWorkflowBundle(app: Exclude<AppName, 'gateway'>): void {
  assertBuilt(app);
  const dist = path.join(appDir(app), 'dist');
  const bundle = path.join(dist, 'workflow-bundle.js');
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= newestMtime(path.join(dist, 'workflows'))) return;
  execFileSync(process.execPath, [path.join(dist, 'scripts', 'bundle-workflows.js')], { cwd: appDir(app), stdio: 'ignore' });
}

export function serviceProcess(app: AppName, name: string, env: NodeJS.ProcessEnv, logFile?: string, onLine?: (line: string) => void): ServiceProcess {
  assertBuilt(app);
  return new ServiceProcess({ name, entry: appEntry(app), cwd: appDir(app), env, ...(logFile ? { logFile } : {}), ...(onLine ? { onLine } : {}) });
}

/** Starts (or restarts) a worker and resolves once it logged "worker started" (connected, polling next). */
export async function startWorker(worker: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const ready = worker.waitForLine((line) => logMessage(line) === 'worker started', timeoutMs);
  worker.start();
  const outcome = await Promise.race([ready.then(() => 'ready'), worker.exited]);
  if (outcome !== 'ready') {
    ready.catch(() => undefined);
    throw new Error(`${worker.options.name} exited before it was ready (${outcome}); see ${worker.options.logFile ?? 'its output'}`);
  }
}

/** Starts the gateway and resolves once /health answers 200. */
export async function startGateway(gateway: ServiceProcess, baseUrl: string, timeoutMs = 60_000): Promise<void> {
  gateway.start();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!gateway.running) throw new Error(`gateway exited before it was healthy (${await gateway.exited}); see ${gateway.options.logFile ?? 'its output'}`);
    const ok = await fetch(`${baseUrl}/health`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`gateway not healthy at ${baseUrl} within ${timeoutMs} ms`);
}
