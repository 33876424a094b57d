import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';

const root = path.join(__dirname, '..');
const serverJs = path.join(root, 'dist', 'server.js');

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  // The test runs the real entry file, so compile the current sources first (turbo builds only dependencies).
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  env = await createLocalTestEnv();
});

afterAll(async () => {
  await env?.teardown();
});

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
}

async function startServer(extraEnv: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [serverJs], {
    cwd: root,
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (): void => {
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${output}`)));
  });
  return { child, output: () => output, url };
}

describe('server.ts', () => {
  it('serves /health against the configured Temporal and exits 0 after a graceful close on SIGTERM', async () => {
    const { child, output, url } = await startServer({ TEMPORAL_ADDRESS: env.address });
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    const lines = output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string; service?: string });
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(['gateway ready', 'shutting down', 'stopped']));
    expect(lines.every((l) => l.service === 'gateway')).toBe(true);
  });

  it('refuses to start with an invalid environment and names the variable', async () => {
    const child = spawn(process.execPath, [serverJs], { cwd: root, env: { PATH: process.env.PATH, PORT: 'http' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('PORT must be a whole number from 0 to 65535, got "http"');
  });

  it('refuses to start with NODE_ENV=production and no authentication, naming the variables', async () => {
    const child = spawn(process.execPath, [serverJs], { cwd: root, env: { PATH: process.env.PATH, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr).toContain('NODE_ENV=production needs authentication: set GATEWAY_TOKENS');
    expect(stderr).toContain('GATEWAY_JWKS_URL with GATEWAY_JWT_ISSUER and GATEWAY_JWT_AUDIENCE');
  });

  it('in production with tokens, refuses POST /%61pi/orders without a token over real HTTP, before Temporal sees it', async () => {
    const { child, url } = await startServer({ TEMPORAL_ADDRESS: env.address, NODE_ENV: 'production', GATEWAY_TOKENS: 'prod-op-token:operator:ops' });
    try {
      const order = JSON.stringify({ orderId: 'encoded-path-1', customerId: 'c-1', items: [{ productId: 'p-1', quantity: 1, price: 10 }], totalAmount: 10 });
      const headers = { 'content-type': 'application/json' };
      for (const path of ['/%61pi/orders', '/api/%6Frders', '/api/orders/', '/api/orders']) {
        const res = await fetch(`${url}${path}`, { method: 'POST', headers, body: order });
        expect(res.status, path).toBe(401);
      }
      await expect(env.client.workflow.getHandle('order-encoded-path-1').describe()).rejects.toThrow(/not found/i);
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
  });
});
