import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childLogEnv, SERVICES, standaloneCommand, startService, stopService } from '../src/services';

/** A throw-away "repo" holding one service whose entry is the graceful-child fixture. */
const spec = { name: 'fixture-worker', dir: 'apps/fixture-worker', entry: 'dist/worker.js' };
const childEnv = { PATH: process.env.PATH };

describe('service supervision', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'services-test-'));
    cpSync(path.join(__dirname, 'fixtures', 'graceful-child.js'), path.join(root, spec.dir, spec.entry), { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('skips a service whose compiled entry does not exist yet', () => {
    expect(startService(root, { ...spec, entry: 'dist/missing.js' }, childEnv, () => undefined)).toBeUndefined();
  });

  it('streams the child output line by line and lets it finish its work on SIGTERM', async () => {
    const lines: string[] = [];
    const service = startService(root, spec, childEnv, (line) => lines.push(line))!;
    await expect.poll(() => lines).toContain('ready');
    await stopService(service, 10_000);
    expect(await service.exited).toBe('code 0');
    expect(lines).toEqual(['ready', 'finishing']);
  });

  it('runs the entry by its full path, so `pgrep -f <dir>/dist/worker.js` finds the process', async () => {
    const lines: string[] = [];
    const service = startService(root, spec, childEnv, (line) => lines.push(line))!;
    await expect.poll(() => lines).toContain('ready');
    const found = execFileSync('pgrep', ['-f', `${spec.dir}/${spec.entry}`], { encoding: 'utf8' }).trim().split('\n');
    expect(found).toContain(String(service.child.pid));
    await stopService(service, 10_000);
  });

  it('kills a child that ignores SIGTERM once the grace period is over', async () => {
    const lines: string[] = [];
    const service = startService(root, spec, { ...childEnv, IGNORE_SIGTERM: '1' }, (line) => lines.push(line))!;
    await expect.poll(() => lines).toContain('ready');
    await stopService(service, 500);
    expect(await service.exited).toBe('signal SIGKILL');
  });

  it('tells a crash (exit without being asked) from a requested stop', async () => {
    const lines: string[] = [];
    const service = startService(root, spec, childEnv, (line) => lines.push(line))!;
    await expect.poll(() => lines).toContain('ready');
    service.child.kill('SIGKILL');
    expect(await service.exited).toBe('signal SIGKILL');
    expect(service.stopping).toBe(false);
  });
});

describe('the services pnpm start runs', () => {
  it('match each package\'s own start script, so both ways run the same file', () => {
    const root = path.join(__dirname, '..', '..');
    for (const service of SERVICES) {
      const pkg = JSON.parse(readFileSync(path.join(root, service.dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
      expect(pkg.scripts.start).toBe(`node ${service.entry}`);
    }
  });

  it('are the three workers and the gateway, each with a per-service command', () => {
    expect(SERVICES.map((s) => s.name)).toEqual(['order-worker', 'ml-worker', 'agent-worker', 'gateway']);
    expect(SERVICES.map(standaloneCommand)).toEqual([
      'pnpm --filter ./apps/order-worker start',
      'pnpm --filter ./apps/ml-worker start',
      'pnpm --filter ./apps/agent-worker start',
      'pnpm --filter ./apps/gateway start',
    ]);
  });
});

describe('the log format pnpm start gives its services (their stdout is a pipe to it)', () => {
  it('is pretty and coloured when pnpm start runs on a terminal, JSON when its own output is piped', () => {
    expect(childLogEnv({}, true)).toEqual({ LOG_FORMAT: 'pretty', FORCE_COLOR: '1' });
    expect(childLogEnv({}, false)).toEqual({ LOG_FORMAT: 'json' });
  });

  it('follows LOG_FORMAT both ways and NO_COLOR', () => {
    expect(childLogEnv({ LOG_FORMAT: 'json' }, true)).toEqual({ LOG_FORMAT: 'json' });
    expect(childLogEnv({ LOG_FORMAT: 'pretty' }, false)).toEqual({ LOG_FORMAT: 'pretty' });
    expect(childLogEnv({ NO_COLOR: '1' }, true)).toEqual({ LOG_FORMAT: 'pretty' });
    expect(() => childLogEnv({ LOG_FORMAT: 'yaml' }, true)).toThrow('LOG_FORMAT must be one of pretty, json, got "yaml"');
  });
});
