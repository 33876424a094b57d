import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { Connection } from '@temporalio/client';
import { ML_TASK_QUEUE } from '@temporal-ecommerce/contracts/ml';
import { freePort, repoRoot } from '../src/harness';

/**
 * `pnpm dev` run for real (infra/dist/dev.js, the apps' compiled code, a real dev server) on free ports
 * with its own data dir. A workflow file of the ML worker is changed (and restored in `finally`):
 * its tsc --watch recompiles it, the ML worker alone restarts and bundles its workflows again, and the
 * server, the other workers and the gateway keep running with the same pids.
 */
const ROOT = repoRoot();
const EDITED = path.join(ROOT, 'apps', 'ml-worker', 'src', 'workflows', 'index.ts');
const POLL = { timeout: 600_000, interval: 500 };

let dev: ChildProcess | undefined;
const lines: string[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), 'dev-mode-test-'));

afterAll(async () => {
  // After a failure: SIGTERM stops the services and compilers too (their own process groups); SIGKILL would orphan them.
  if (dev && dev.exitCode === null && dev.signalCode === null) {
    const gone = new Promise((resolve) => dev!.once('exit', resolve));
    dev.kill('SIGTERM');
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    if (dev.exitCode === null && dev.signalCode === null) dev.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
}, 90_000);

const serviceLine = (name: string, text: string) => lines.filter((l) => l.startsWith(`${name.padEnd(12)} |`) && l.includes(text));
const pidIn = (line: string | undefined) => Number(/\(pid (\d+)\)/.exec(line ?? '')?.[1]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pids of the workers polling the ML task queue (identity `<pid>@<host>`). */
async function mlPollerPids(connection: Connection): Promise<number[]> {
  const { pollers } = await connection.workflowService.describeTaskQueue({ namespace: 'default', taskQueue: { name: ML_TASK_QUEUE, kind: 1 }, taskQueueType: 1 });
  return (pollers ?? []).map((p) => Number(p.identity?.split('@')[0]));
}

describe('pnpm dev (infra/dist/dev.js)', () => {
  it('recompiles a changed ML workflow file and restarts only the ML worker, which bundles it again; the server and the other services keep running', { timeout: 1_800_000 }, async () => {
    const [temporalPort, uiPort, gatewayPort] = [await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', LOG_FORMAT: 'json' };
    for (const key of Object.keys(env)) if (key.startsWith('TEMPORAL_') && key !== 'TEMPORAL_CLI_PATH') delete env[key];
    Object.assign(env, {
      TEMPORAL_DEV_PORT: String(temporalPort),
      TEMPORAL_DEV_UI_PORT: String(uiPort),
      PORT: String(gatewayPort),
      TEMPORAL_ECOMMERCE_DATA_DIR: dir,
      // Workers of parallel runs share this host.
      METRICS_PORT: 'off',
    });
    dev = spawn(process.execPath, [path.join(ROOT, 'infra', 'dist', 'dev.js')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [dev.stdout!, dev.stderr!]) createInterface({ input: stream }).on('line', (l) => lines.push(l));
    const exit = new Promise<number | null>((resolve) => dev!.once('exit', (code) => resolve(code)));

    await expect.poll(() => lines.some((l) => l.includes('temporal-ecommerce is running')), POLL).toBe(true);
    expect(lines.some((l) => l.includes('Watching     sources are recompiled'))).toBe(true);
    const pids = Object.fromEntries(['order-worker', 'ml-worker', 'agent-worker', 'gateway'].map((name) => [name, pidIn(serviceLine(name, 'started (pid')[0])]));
    for (const pid of Object.values(pids)) expect(pid).toBeGreaterThan(1);
    await expect.poll(() => serviceLine('ml-worker', 'workflow bundle').length, POLL).toBe(1);
    expect((await fetch(`http://127.0.0.1:${gatewayPort}/health`)).status).toBe(200);
    const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` });

    const original = readFileSync(EDITED, 'utf8');
    try {
      writeFileSync(EDITED, `// pnpm dev test ${randomUUID()}: this line is removed again by e2e/test/dev-mode.test.ts\n${original}`);
      await expect.poll(() => serviceLine('ml-worker', 'restarted (pid').length, POLL).toBe(1);
      const restartedPid = pidIn(serviceLine('ml-worker', 'restarted (pid')[0]);
      expect(restartedPid).not.toBe(pids['ml-worker']);
      // The new worker bundled the changed workflow code and polls the ML task queue.
      await expect.poll(() => serviceLine('ml-worker', 'workflow bundle').length, POLL).toBe(2);
      await expect.poll(() => mlPollerPids(connection), POLL).toContain(restartedPid);
      expect(alive(pids['ml-worker']!)).toBe(false);

      // Nothing else restarted: same pids, still running, and the system answers.
      for (const name of ['order-worker', 'agent-worker', 'gateway']) {
        expect(serviceLine(name, 'restarted').length, name).toBe(0);
        expect(alive(pids[name]!), name).toBe(true);
      }
      await connection.healthService.check({});
      expect((await fetch(`http://127.0.0.1:${gatewayPort}/health`)).status).toBe(200);
    } finally {
      writeFileSync(EDITED, original);
      await connection.close();
    }
    // The restored file compiles back to the original code: the ML worker restarts once more, alone.
    await expect.poll(() => serviceLine('ml-worker', 'restarted (pid').length, POLL).toBe(2);
    dev.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(lines.some((l) => l.includes('All stopped.'))).toBe(true);
  });
});
