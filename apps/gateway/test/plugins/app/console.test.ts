import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Connection } from '@temporalio/client';
import { buildApp } from '../../../src/app';
import { CONSOLE_CSP } from '../../../src/plugins/app/console';
import { closedPortAddress, testConfig, unreachableClient } from '../../helpers';

/** The console's static files: served at / without a token, with a self-only CSP, never outside their folder. */
const connections: Connection[] = [];
const apps: FastifyInstance[] = [];
let dir: string;

beforeAll(async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'console-static-'));
  dir = path.join(root, 'dist');
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/index-abc123.js"></script>');
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'secret.txt'), 'outside the console folder');
  writeFileSync(path.join(dir, 'assets', '.hidden'), 'dot file');
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await Promise.all(connections.map((c) => c.close()));
});

async function gateway(env: NodeJS.ProcessEnv): Promise<FastifyInstance> {
  const address = await closedPortAddress();
  const made = unreachableClient(address);
  connections.push(made.connection);
  const app = await buildApp({ config: testConfig(address, env), client: made.client });
  apps.push(app);
  return app;
}

describe('console static files', () => {
  it('serves the page at / to anyone, revalidated, with a CSP that allows only this origin', async () => {
    const app = await gateway({ CONSOLE_DIR: dir, GATEWAY_TOKENS: 'console-t:operator:olga' });
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    // Only the page is public: the API it calls still wants the token.
    expect((await app.inject({ url: '/api/orders' })).statusCode).toBe(401);
  });

  it('serves hashed assets cached for a year, and nothing outside the folder or hidden', async () => {
    const app = await gateway({ CONSOLE_DIR: dir });
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-security-policy']).toBe(CONSOLE_CSP);
    for (const url of ['/assets/../secret.txt', '/assets/%2e%2e/secret.txt', '/assets/..%2fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/assets/.hidden', '/assets/missing.js']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body, url).not.toContain('outside the console folder');
      expect(res.body, url).not.toContain('dot file');
    }
  });

  it('serves the API alone when CONSOLE_DIR=off or the console is not built', async () => {
    for (const CONSOLE_DIR of ['off', path.join(dir, 'nowhere')]) {
      const app = await gateway({ CONSOLE_DIR });
      expect((await app.inject({ url: '/' })).statusCode, CONSOLE_DIR).toBe(404);
      expect((await app.inject({ url: '/health' })).statusCode, CONSOLE_DIR).not.toBe(404);
    }
  });
});
