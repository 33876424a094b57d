import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from '@temporalio/client';
import { checkPortFree, freePort } from '../src/ports';

/**
 * The two entry points run as a user runs them (`node infra/dist/...`), on free ports, and are stopped
 * with a signal. The compiled files come from the build that `turbo run test` depends on.
 */
const dist = path.join(__dirname, '..', 'dist');

interface Launched {
  child: ChildProcess;
  lines: string[];
  exit: Promise<number | null>;
}

const launched: Launched[] = [];

function launch(entry: string, env: NodeJS.ProcessEnv): Launched {
  const child = spawn(process.execPath, [path.join(dist, entry)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream! }).on('line', (l) => lines.push(l));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const run = { child, lines, exit };
  launched.push(run);
  return run;
}

const has = (run: Launched, text: string) => run.lines.some((l) => l.includes(text));
const POLL = { timeout: 90_000, interval: 200 };

/** An environment without the caller's Temporal settings, so a developer's shell cannot change the test. */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('TEMPORAL_') || key === 'PORT') delete env[key];
  return { ...env, ...extra };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'launchers-test-'));
});
afterEach(async () => {
  for (const run of launched.splice(0)) {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pnpm temporal (infra/dist/temporal-server.js)', () => {
  it('starts a dev server that answers, and stops it cleanly on SIGTERM', async () => {
    const port = await freePort();
    const run = launch('temporal-server.js', cleanEnv({ TEMPORAL_DEV_PORT: String(port), TEMPORAL_DEV_UI_PORT: String(await freePort()), TEMPORAL_DEV_DB: path.join(dir, 'a.db') }));
    await expect.poll(() => has(run, 'Temporal is ready'), POLL).toBe(true);
    const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
    await connection.healthService.check({});
    await connection.close();

    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(has(run, 'Stopped.')).toBe(true);
    await expect(checkPortFree('127.0.0.1', port)).resolves.toBeUndefined();
  });

  it('with TEMPORAL_ADDRESS set, checks that server and starts none', async () => {
    const port = await freePort();
    const server = launch('temporal-server.js', cleanEnv({ TEMPORAL_DEV_PORT: String(port), TEMPORAL_DEV_UI_PORT: String(await freePort()), TEMPORAL_DEV_DB: path.join(dir, 'b.db') }));
    await expect.poll(() => has(server, 'Temporal is ready'), POLL).toBe(true);

    const client = launch('temporal-server.js', cleanEnv({ TEMPORAL_ADDRESS: `127.0.0.1:${port}` }));
    expect(await client.exit).toBe(0);
    expect(has(client, 'using that server, starting none')).toBe(true);
    expect(client.lines.some((l) => l.includes('Starting '))).toBe(false);

    server.child.kill('SIGTERM');
    expect(await server.exit).toBe(0);
  });

  it('exits with one clear message when TEMPORAL_ADDRESS points at nothing', async () => {
    const run = launch('temporal-server.js', cleanEnv({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, TEMPORAL_READY_TIMEOUT_SECONDS: '2' }));
    expect(await run.exit).toBe(1);
    expect(has(run, 'did not answer')).toBe(true);
  });
});

describe('pnpm start (infra/dist/start-all.js)', () => {
  /** Stand-ins for the four services, so this test does not depend on the apps being built. */
  function fixtureApps(withGateway: boolean): string {
    const root = mkdtempSync(path.join(dir, 'apps-'));
    const fixture = path.join(__dirname, 'fixtures', 'graceful-child.js');
    for (const name of ['order-worker', 'ml-worker', 'agent-worker']) cpSync(fixture, path.join(root, 'apps', name, 'dist', 'worker.js'), { recursive: true });
    if (withGateway) cpSync(fixture, path.join(root, 'apps', 'gateway', 'dist', 'server.js'), { recursive: true });
    return root;
  }

  it('runs the server, the workers and the gateway, survives a dead worker, and stops everything on SIGTERM', async () => {
    const port = await freePort();
    const gatewayPort = await freePort();
    const run = launch(
      'start-all.js',
      cleanEnv({
        TEMPORAL_DEV_PORT: String(port),
        TEMPORAL_DEV_UI_PORT: String(await freePort()),
        TEMPORAL_DEV_DB: path.join(dir, 'c.db'),
        PORT: String(gatewayPort),
        TEMPORAL_ECOMMERCE_APPS_ROOT: fixtureApps(true),
        OPS_CONTROLS: 'on',
      }),
    );
    await expect.poll(() => has(run, 'temporal-ecommerce is running'), POLL).toBe(true);
    expect(has(run, `Console      http://localhost:${gatewayPort}/`)).toBe(true);
    expect(has(run, `Gateway      http://localhost:${gatewayPort}/api`)).toBe(true);
    expect(has(run, `Swagger UI   http://localhost:${gatewayPort}/docs`)).toBe(true);
    expect(has(run, 'Temporal UI  http://localhost:')).toBe(true);
    expect(has(run, `Ops controls on: kill/start workers, faults and load from http://localhost:${gatewayPort}/#/ops`)).toBe(true);
    // The control channel's socket and secret reach the gateway, and no worker.
    expect(run.lines.filter((l) => l.endsWith('| has the supervisor socket'))).toEqual([`${'gateway'.padEnd(12)} | has the supervisor socket`]);
    // Every child was told where the server is.
    for (const name of ['order-worker', 'ml-worker', 'agent-worker', 'gateway']) {
      expect(run.lines).toContain(`${name.padEnd(12)} | ready 127.0.0.1:${port}`);
    }
    const health = await fetch(`http://127.0.0.1:${gatewayPort}/health`);
    expect(health.status).toBe(200);

    const pid = Number(/^ml-worker +\| started \(pid (\d+)\)$/.exec(run.lines.find((l) => l.startsWith('ml-worker ')) ?? '')?.[1]);
    expect(pid).toBeGreaterThan(1);
    process.kill(pid, 'SIGKILL');
    await expect.poll(() => has(run, 'ml-worker exited (signal SIGKILL). The other services keep running.'), POLL).toBe(true);
    expect(has(run, 'pnpm --filter ./apps/ml-worker start')).toBe(true);
    expect((await fetch(`http://127.0.0.1:${gatewayPort}/health`)).status).toBe(200);

    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    // Each surviving service was asked to stop and finished its work; then the server went.
    expect(run.lines.filter((l) => l.endsWith('| finishing'))).toHaveLength(3);
    expect(has(run, 'All stopped.')).toBe(true);
    await expect(checkPortFree('127.0.0.1', port)).resolves.toBeUndefined();
    await expect(checkPortFree('127.0.0.1', gatewayPort)).resolves.toBeUndefined();
  });

  it('skips a service that is not built, with a warning, runs the rest, and takes a doubled Ctrl-C as one', async () => {
    const run = launch(
      'start-all.js',
      cleanEnv({
        TEMPORAL_DEV_PORT: String(await freePort()),
        TEMPORAL_DEV_UI_PORT: String(await freePort()),
        TEMPORAL_DEV_DB: path.join(dir, 'd.db'),
        PORT: String(await freePort()),
        TEMPORAL_ECOMMERCE_APPS_ROOT: fixtureApps(false),
      }),
    );
    await expect.poll(() => has(run, 'temporal-ecommerce is running'), POLL).toBe(true);
    expect(has(run, 'gateway: apps/gateway/dist/server.js does not exist (not built yet?), skipping it.')).toBe(true);
    expect(has(run, 'Services     order-worker, ml-worker, agent-worker (skipped, not built: gateway)')).toBe(true);
    // Off unless OPS_CONTROLS=on.
    expect(has(run, 'Ops controls')).toBe(false);
    // One Ctrl-C under pnpm arrives twice (terminal to the group, pnpm forwarding): still one orderly stop.
    run.child.kill('SIGINT');
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(has(run, 'All stopped.')).toBe(true);
  });
});
