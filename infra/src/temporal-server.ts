/**
 * `pnpm temporal`: a real Temporal server for local development, in the foreground until Ctrl-C.
 * TEMPORAL_ADDRESS set → checks that server answers and starts nothing.
 */
import { startDevServer, useExistingServer, type DevServer } from './dev-server';
import { readLauncherEnv, type LauncherEnv } from './env';
import { ignoreBrokenPipes, killOnExit, onShutdownSignal } from './signals';

export { startDevServer } from './dev-server';
export type { DevServer, DevServerOptions } from './dev-server';

/** The one place both launchers decide between "use that server" and "start ours". */
export async function useOrStartTemporal(env: LauncherEnv, log: (line: string) => void): Promise<DevServer> {
  if (env.externalAddress) {
    log(`TEMPORAL_ADDRESS=${env.externalAddress}: using that server, starting none.`);
    return useExistingServer(env.externalAddress, env.namespace, env.readyTimeoutMs);
  }
  return startDevServer({ ...env.devServer, namespace: env.namespace, log, readyTimeoutMs: env.readyTimeoutMs });
}

async function run(): Promise<void> {
  const env = readLauncherEnv();
  const log = (line: string) => console.log(`temporal | ${line}`);
  ignoreBrokenPipes();
  const server = await useOrStartTemporal(env, log);
  let serverGone = false;
  void server.exited.then(() => (serverGone = true));
  killOnExit(() => [serverGone ? undefined : server.pid]);
  console.log(`\nTemporal is ready at ${server.address} (namespace ${server.namespace}).`);
  if (server.uiUrl) console.log(`Temporal UI: ${server.uiUrl}`);
  if (server.source === 'external') return;
  console.log(`State: ${env.devServer.dbFilename}. Press Ctrl-C to stop.\n`);

  const signalled = onShutdownSignal();
  const outcome = await Promise.race([signalled.then(() => 'signal' as const), server.exited]);
  if (outcome === 'signal') {
    console.log('\nStopping the Temporal server...');
    await server.stop();
    console.log('Stopped.');
    return;
  }
  throw new Error(`The Temporal server exited on its own (code ${outcome})`);
}

if (require.main === module) {
  run().catch((err: unknown) => {
    console.error(`\n${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
