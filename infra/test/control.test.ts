import { cpSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_ORDER_FAULTS, type SupervisorState } from '@temporal-ecommerce/contracts/ops';
import { controlsRequested, openControlChannel, type ControlChannel } from '../src/control';
import { createSupervisor } from '../src/supervisor';
import { SERVICES, stopService, type RunningService } from '../src/services';

/**
 * The control channel of `pnpm start` (OPS_CONTROLS=on): a Unix socket only this user can reach, a
 * secret only the gateway gets, bodies checked again here. Its supervisor acts on real child processes
 * (the stand-in service of the launcher tests) with real signals.
 */
function call(socketPath: string, method: string, url: string, auth: string | undefined, body?: unknown): Promise<{ status: number; body: { message?: string } & Record<string, unknown> }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method, path: url, headers: { ...(auth ? { authorization: auth } : {}), ...(payload ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { message?: string } }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('controlsRequested', () => {
  it('is off unless OPS_CONTROLS=on, and refuses on in production', () => {
    expect(controlsRequested({})).toBe(false);
    expect(controlsRequested({ OPS_CONTROLS: 'off' })).toBe(false);
    expect(controlsRequested({ OPS_CONTROLS: 'on' })).toBe(true);
    expect(() => controlsRequested({ OPS_CONTROLS: 'on', NODE_ENV: 'production' })).toThrow(/refused when NODE_ENV=production/);
    expect(() => controlsRequested({ OPS_CONTROLS: 'yes' })).toThrow(/OPS_CONTROLS must be on or off/);
  });
});

describe('the control channel and its supervisor', () => {
  let dir: string;
  let channel: ControlChannel;
  let running: RunningService[];
  let supervisor: ReturnType<typeof createSupervisor>;
  let auth: string;
  const lines: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'control-test-'));
    const fixture = path.join(__dirname, 'fixtures', 'graceful-child.js');
    for (const name of ['order-worker', 'ml-worker', 'agent-worker']) cpSync(fixture, path.join(dir, 'apps', name, 'dist', 'worker.js'));
    running = [];
    supervisor = createSupervisor({
      appsRoot: dir,
      specs: SERVICES,
      running,
      envFor: () => ({ ...process.env, TEMPORAL_ADDRESS: 'fixture:7233' }),
      logFor: (spec) => (line) => lines.push(`${spec.name} | ${line}`),
      gatewayUrl: 'http://127.0.0.1:9',
      onExit: () => undefined,
      gracefulMs: 5_000,
    });
    channel = await openControlChannel(supervisor);
    auth = `Bearer ${channel.gatewayEnv.SUPERVISOR_TOKEN}`;
  });

  afterAll(async () => {
    await supervisor?.close();
    await Promise.all(running.map((s) => stopService(s, 2_000)));
    await channel?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on a socket in a directory only this user can enter, and hands its secret only in the gateway variables', () => {
    expect(statSync(path.dirname(channel.socketPath)).mode & 0o777).toBe(0o700);
    expect(statSync(channel.socketPath).mode & 0o777).toBe(0o600);
    expect(Object.keys(channel.gatewayEnv).sort()).toEqual(['SUPERVISOR_SOCKET', 'SUPERVISOR_TOKEN']);
    expect(channel.gatewayEnv.SUPERVISOR_TOKEN!.length).toBeGreaterThanOrEqual(43);
  });

  it('refuses a request without the secret, or with a wrong one, before doing anything', async () => {
    expect((await call(channel.socketPath, 'POST', '/workers/ml-worker/start', undefined)).status).toBe(401);
    expect((await call(channel.socketPath, 'POST', '/workers/ml-worker/start', `${auth}x`)).status).toBe(401);
    expect((await call(channel.socketPath, 'POST', '/workers/ml-worker/start', 'Bearer nope')).status).toBe(401);
    expect(running).toHaveLength(0);
  });

  it('checks bodies itself: a fault out of range or a fault it does not offer is a 400 naming the field', async () => {
    const tooHigh = await call(channel.socketPath, 'PUT', '/faults', auth, { ...NO_ORDER_FAULTS, paymentFailureRate: 2 });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.message).toMatch(/^body\/paymentFailureRate /);
    const sabotage = await call(channel.socketPath, 'PUT', '/faults', auth, { ...NO_ORDER_FAULTS, sabotage: 'payments' });
    expect(sabotage.status).toBe(400);
    expect(sabotage.body.message).toMatch(/sabotage/);
    const unknown = await call(channel.socketPath, 'POST', '/workers/gateway/kill', auth);
    expect(unknown.status).toBe(404);
  });

  it('starts a worker, kills it with SIGKILL, and says so in its state', async () => {
    const started = await call(channel.socketPath, 'POST', '/workers/ml-worker/start', auth);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ name: 'ml-worker', running: true });
    const pid = started.body.pid as number;
    await expect.poll(() => lines.includes('ml-worker | ready fixture:7233'), { timeout: 30_000 }).toBe(true);
    expect((await call(channel.socketPath, 'POST', '/workers/ml-worker/start', auth)).status).toBe(409);

    const killed = await call(channel.socketPath, 'POST', '/workers/ml-worker/kill', auth);
    expect(killed.body).toEqual({ name: 'ml-worker', running: false, exited: 'signal SIGKILL' });
    expect(() => process.kill(pid, 0)).toThrow();
    const state = (await call(channel.socketPath, 'GET', '/state', auth)).body as unknown as SupervisorState;
    expect(state.workers.find((w) => w.name === 'ml-worker')).toEqual({ name: 'ml-worker', running: false, exited: 'signal SIGKILL' });
    expect((await call(channel.socketPath, 'POST', '/workers/ml-worker/kill', auth)).status).toBe(409);
  });

  it('restarts the order worker gracefully with the faults it was given, in its environment', async () => {
    await call(channel.socketPath, 'POST', '/workers/order-worker/start', auth);
    const before = running.find((s) => s.spec.name === 'order-worker')!;
    await expect.poll(() => lines.includes('order-worker | ready fixture:7233'), { timeout: 30_000 }).toBe(true);
    const faults = { paymentFailureRate: 0.5, paymentLostResponses: 1, paymentDelayMs: 0, carrier: 'reject' as const };
    expect((await call(channel.socketPath, 'PUT', '/faults', auth, faults)).body).toEqual(faults);
    // SIGTERM first (the stand-in prints "finishing"), then a new process.
    await expect.poll(() => running.find((s) => s.spec.name === 'order-worker') !== before, { timeout: 30_000 }).toBe(true);
    expect(lines).toContain('order-worker | finishing');
    await expect.poll(() => lines.includes('order-worker | fault carrier reject rate 0.5'), { timeout: 30_000 }).toBe(true);
    expect(before.child.signalCode ?? before.child.exitCode).toBe(0);
    const state = (await call(channel.socketPath, 'GET', '/state', auth)).body as unknown as SupervisorState;
    expect(state.faults).toEqual(faults);
    expect(state.workers.find((w) => w.name === 'order-worker')?.running).toBe(true);
  });
});
