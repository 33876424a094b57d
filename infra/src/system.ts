/**
 * `pnpm start` and `pnpm dev`: the Temporal server (or TEMPORAL_ADDRESS), the three workers and the
 * gateway, with one log stream, until Ctrl-C. A service that dies is reported and the rest keep running,
 * so a worker can be killed and restarted by hand (the crash demo). `pnpm dev` also recompiles changed
 * sources and restarts only the services whose compiled code changed (reload.ts); the server stays up.
 */
import { SUPERVISOR_SOCKET_ENV, SUPERVISOR_TOKEN_ENV } from '@temporal-ecommerce/contracts/ops';
import { controlsRequested, openControlChannel, type ControlChannel } from './control';
import type { DevServer } from './dev-server';
import { readLauncherEnv, type LauncherEnv } from './env';
import { DistWatcher, runtimeFolders, startCompilers, stopCompilers, type Compilers } from './reload';
import { childLogEnv, paint, prefixer, SERVICES, standaloneCommand, startService, stopService, type RunningService, type ServiceSpec } from './services';
import { ignoreBrokenPipes, killOnExit, onShutdownSignal } from './signals';
import { createSupervisor } from './supervisor';
import { useOrStartTemporal } from './temporal-server';

const WORKER_GRACE_MS = 30_000;
const HEALTH_TIMEOUT_MS = 120_000;

const loud = (text: string) => console.error(paint(31, `\n!!! ${text}\n`));

async function waitForHealth(url: string, gateway: RunningService, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  void gateway.exited.then(() => (dead = true));
  while (Date.now() < deadline && !dead) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

export interface SystemOptions {
  /** `pnpm dev`: watch, recompile and restart what changed. */
  dev: boolean;
}

/** Runs the system until a signal (or the server's death); sets process.exitCode. */
export async function runSystem(opts: SystemOptions): Promise<void> {
  const env = readLauncherEnv();
  // Checked before anything starts: OPS_CONTROLS=on under NODE_ENV=production is a refusal, not a warning.
  const controls = controlsRequested(process.env);
  const width = Math.max(...SERVICES.map((s) => s.name.length), 'temporal'.length);
  const running: RunningService[] = [];
  const compiler: { compilers?: Compilers } = {};
  ignoreBrokenPipes();

  const signalled = onShutdownSignal(() => {
    running.forEach((s) => s.child.kill('SIGKILL'));
    stopCompilers(compiler.compilers, 'SIGKILL');
  });
  let stopRequested = false;
  void signalled.then(() => (stopRequested = true));
  const server = await useOrStartTemporal(env, prefixer('temporal', 4, width));
  // If we die without the orderly stop below, the detached children must not outlive us.
  let serverGone = false;
  void server.exited.then(() => (serverGone = true));
  killOnExit(() => [...running.filter((s) => s.child.exitCode === null && s.child.signalCode === null).map((s) => s.child.pid), serverGone ? undefined : server.pid]);
  killOnExit(() => (compiler.compilers?.children ?? []).map((c) => (c.pid === undefined ? undefined : -c.pid)));
  try {
    // A Ctrl-C while the server was starting: start nothing else, just stop the server again.
    if (!stopRequested) await superviseServices(env, server, running, signalled, () => stopRequested, width, controls, opts.dev ? compiler : undefined);
  } finally {
    stopCompilers(compiler.compilers);
    await server.stop();
  }
}


async function superviseServices(
  env: LauncherEnv,
  server: DevServer,
  running: RunningService[],
  signalled: Promise<NodeJS.Signals>,
  stopRequested: () => boolean,
  width: number,
  controls: boolean,
  dev?: { compilers?: Compilers },
): Promise<void> {
  // PORT is the gateway's; a worker inheriting it might bind it for something else. The control
  // channel's variables go to our gateway only, never inherited from whoever started us.
  const { PORT: _gatewayPort, [SUPERVISOR_SOCKET_ENV]: _socket, [SUPERVISOR_TOKEN_ENV]: _token, ...inherited } = process.env;
  const childEnv: NodeJS.ProcessEnv = {
    ...inherited,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: server.namespace,
    TEMPORAL_ECOMMERCE_DATA_DIR: env.dataDir,
    // One build at a time: each worker makes its version (package version + git revision) its deployment's
    // current one, so a new commit takes new runs at once (docs/versioning.md: pinned orders of the old build).
    WORKER_DEPLOYMENT_PROMOTE: inherited.WORKER_DEPLOYMENT_PROMOTE || 'always',
    ...childLogEnv(process.env, Boolean(process.stdout.isTTY)),
    // A dev worker bundles its workflow code at start, so a restart runs the changed workflows.
    ...(dev ? { NODE_ENV: 'development' } : {}),
  };
  const skipped: string[] = [];
  const logFor = (spec: ServiceSpec) => prefixer(spec.name, SERVICES.indexOf(spec), width);
  const onExit = (service: RunningService) =>
    void service.exited.then((how) => {
      if (service.stopping) return;
      const restart = env.externalAddress || server.address === '127.0.0.1:7233' ? '' : `TEMPORAL_ADDRESS=${server.address} `;
      const again = dev ? 'It starts again when its code changes, or' : 'Restart it';
      loud(`${service.spec.name} exited (${how}). The other services keep running. ${again} with: ${restart}${controls ? "the console's Operations screen, or " : ''}${standaloneCommand(service.spec)}`);
    });
  const supervisor = controls
    ? createSupervisor({
        appsRoot: env.appsRoot,
        specs: SERVICES,
        running,
        envFor: () => childEnv,
        logFor,
        gatewayUrl: `http://127.0.0.1:${env.gatewayPort}`,
        onExit,
        gracefulMs: WORKER_GRACE_MS,
      })
    : undefined;
  const channel: ControlChannel | undefined = supervisor ? await openControlChannel(supervisor, (line) => console.warn(paint(33, line))) : undefined;
  const launch = (spec: ServiceSpec): RunningService | undefined => {
    const gatewayEnv =
      spec.name === 'gateway'
        ? { PORT: String(env.gatewayPort), ...(server.uiUrl ? { TEMPORAL_UI_URL: server.uiUrl } : {}), ...(channel ? channel.gatewayEnv : {}) }
        : {};
    const service = startService(env.appsRoot, spec, { ...childEnv, ...gatewayEnv }, logFor(spec));
    if (service) onExit(service);
    return service;
  };
  SERVICES.forEach((spec, i) => {
    const service = launch(spec);
    if (!service) {
      skipped.push(spec.name);
      console.warn(paint(33, `${spec.name}: ${spec.dir}/${spec.entry} does not exist (not built yet?), skipping it.`));
      return;
    }
    running.push(service);
    prefixer(spec.name, i, width)(`started (pid ${service.child.pid})`);
  });
  const watchers = dev ? watchForChanges(env, running, launch, width, dev, stopRequested) : [];

  const gateway = running.find((s) => s.spec.name === 'gateway');
  const gatewayUrl = `http://localhost:${env.gatewayPort}`;
  if (gateway) {
    const healthy = await Promise.race([waitForHealth(`${gatewayUrl}/health`, gateway, HEALTH_TIMEOUT_MS), signalled.then(() => false)]);
    if (!healthy && !gateway.stopping) loud(`The gateway did not report healthy at ${gatewayUrl}/health; see its log lines above.`);
  }

  if (!stopRequested()) printBanner(env, server, running, skipped, gateway !== undefined, dev !== undefined, controls);

  const outcome = await Promise.race([signalled.then(() => 'signal' as const), server.exited.then(() => 'server-died' as const)]);
  if (outcome === 'server-died') loud('The Temporal server exited on its own; stopping the services.');
  console.log('\nStopping: services first (they finish in-flight tasks), then the Temporal server...');
  watchers.forEach((w) => w.stop());
  stopCompilers(dev?.compilers);
  await supervisor?.close();
  await channel?.close();
  await Promise.all(running.map((s) => stopService(s, WORKER_GRACE_MS)));
  process.exitCode = outcome === 'signal' ? 0 : 1;
}

/**
 * Starts the compilers and a watcher per running service: when the code a service runs changed,
 * that service alone is stopped (gracefully, like Ctrl-C) and started again; `running` is updated in place.
 */
function watchForChanges(
  env: LauncherEnv,
  running: RunningService[],
  launch: (spec: ServiceSpec) => RunningService | undefined,
  width: number,
  compiler: { compilers?: Compilers },
  stopRequested: () => boolean,
): DistWatcher[] {
  compiler.compilers = startCompilers(env.appsRoot, running.map((s) => s.spec), prefixer('build', 5, width));
  return running.map((first) => {
    const spec = first.spec;
    const i = SERVICES.indexOf(spec);
    const say = prefixer(spec.name, i, width);
    let restarting = Promise.resolve();
    const watcher = new DistWatcher(runtimeFolders(env.appsRoot, spec), () => {
      restarting = restarting.then(async () => {
        if (stopRequested()) return;
        const at = running.findIndex((s) => s.spec === spec);
        say('compiled code changed: restarting');
        if (at >= 0) await stopService(running[at]!, WORKER_GRACE_MS);
        const next = launch(spec);
        if (!next) return say(`${spec.dir}/${spec.entry} is gone; not restarted`);
        if (at >= 0) running[at] = next;
        else running.push(next);
        say(`restarted (pid ${next.child.pid})`);
      });
    });
    watcher.start();
    return watcher;
  });
}

function printBanner(env: LauncherEnv, server: DevServer, running: RunningService[], skipped: string[], withGateway: boolean, dev: boolean, controls: boolean): void {
  const gatewayUrl = `http://localhost:${env.gatewayPort}`;
  console.log(
    [
      '',
      paint(32, 'temporal-ecommerce is running'),
      ...(withGateway ? [`  Console      ${gatewayUrl}/`, `  Gateway      ${gatewayUrl}/api`, `  Swagger UI   ${gatewayUrl}/docs`] : []),
      `  Temporal     ${server.address} (namespace ${server.namespace})`,
      ...(server.uiUrl ? [`  Temporal UI  ${server.uiUrl}`] : []),
      ...(withGateway && controls ? [`  Ops controls on: kill/start workers, faults and load from ${gatewayUrl}/#/ops (OPS_CONTROLS=on)`] : []),
      `  Services     ${running.map((s) => s.spec.name).join(', ') || 'none'}${skipped.length ? ` (skipped, not built: ${skipped.join(', ')})` : ''}`,
      ...(dev ? ['  Watching     sources are recompiled (tsc --watch per package); a service restarts when its compiled code changes'] : []),
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

/** The entry files' main: runs the system, then says so or exits 1 with the error's message. */
export function main(opts: SystemOptions): void {
  runSystem(opts)
    .then(() => console.log('All stopped.'))
    .catch((err: unknown) => {
      console.error(`\n${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    });
}
