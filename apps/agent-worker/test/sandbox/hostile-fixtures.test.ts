import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancelledFailure } from '@temporalio/common';
import { detectSandbox, type SandboxStatus } from '../../src/sandbox/detect';
import { protectionsOf, type SandboxMode } from '../../src/sandbox/command';
import { typescriptNodePath } from '../../src/test-process-env';
import type { TestRun } from '../../src/activities';
import { activityEnvironment, agentActivities, sandbox as testBox } from '../support';

/**
 * Hostile repositories, written here into temp dirs, run by the real runTests activity under each
 * sandbox mode this host allows (bwrap, unshare and a uid switch on a root CI machine).
 */
const MODES: Exclude<SandboxMode, 'none'>[] = ['bwrap', 'unshare', 'uid'];
/** unshare as a non-root worker runs it: a user namespace instead of a uid switch (same host uid). */
const USERNS = 'unshare-without-root';
type Variant = SandboxMode | typeof USERNS;
const available = new Map<Variant, SandboxStatus>();
const CANARY = `canary-${randomUUID()}`;

beforeAll(async () => {
  // A secret in the worker's environment, as ANTHROPIC_API_KEY would be.
  process.env.AGENT_HOSTILE_CANARY = CANARY;
  for (const mode of MODES) {
    const status = await detectSandbox({ request: mode, production: true, uid: 65534, readOnlyPaths: [typescriptNodePath()] });
    if (!status.refusal) available.set(mode, status);
  }
  const unshare = available.get('unshare');
  if (unshare) {
    const spec = { ...unshare.spec, root: false };
    available.set(USERNS, { ...unshare, spec, protections: protectionsOf(spec) });
  }
});

afterAll(() => {
  delete process.env.AGENT_HOSTILE_CANARY;
});

/** A repository whose package.json test script is `script`, plus extra files; world-writable so every mode may write in it. */
function hostileRepo(script: string, files: Record<string, string> = {}): string {
  const repo = mkdtempSync(join(tmpdir(), 'agent-hostile-'));
  writeFileSync(join(repo, 'package.json'), JSON.stringify({ name: 'hostile', scripts: { test: script } }));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(repo, name), content);
  for (const entry of ['', ...Object.keys(files), 'package.json']) chmodSync(join(repo, entry), entry === '' ? 0o777 : 0o666);
  return repo;
}

async function runTestsIn(mode: Variant, repo: string, limits: { wallClockMs?: number; memoryMb?: number } = {}, activityEnv = activityEnvironment()): Promise<TestRun> {
  const box = await testBox({
    repositoryRoots: [repo],
    sandbox: available.get(mode)!,
    testLimits: { wallClockMs: limits.wallClockMs ?? 30_000, cpuSeconds: 60, memoryBytes: (limits.memoryMb ?? 2048) * 1024 * 1024 },
  });
  const activities = agentActivities(box.deps);
  return activityEnv.run(activities.runTests, { workspacePath: repo, label: `hostile-${mode}` });
}

/** Host pids whose command line carries `marker`: the fixture's processes as the host sees them. */
function pidsWithMarker(marker: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** True while `pid` is a live (non-zombie) process. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) Z /.test(stat);
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// A parent that forks a child and a grandchild that leaves the process group (setsid), all hanging.
const hangScript = (marker: string) => `
const { spawn } = require('node:child_process');
spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', '${marker}-child'], { stdio: 'ignore' });
spawn('setsid', [process.execPath, '-e', 'setInterval(() => {}, 1000)', '${marker}-escaper'], { stdio: 'ignore', detached: true }).unref();
setInterval(() => {}, 1000);
`;

describe.each<Variant>([...MODES, USERNS])('runTests in the %s sandbox', (mode) => {
  const skipUnlessAvailable = () => {
    if (!available.has(mode)) throw new Error(`${mode} does not work on this host: ${JSON.stringify(available)}`);
  };

  it('gives the test command none of the worker\'s process.env, in its env or any /proc/<pid>/environ it can read', async () => {
    skipUnlessAvailable();
    const dump = `
const fs = require('node:fs');
let out = 'OWN ' + JSON.stringify(process.env) + '\\n';
for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) {
  try { out += 'PROC ' + pid + ' ' + fs.readFileSync('/proc/' + pid + '/environ', 'utf8') + '\\n'; } catch (e) { out += 'DENIED ' + pid + ' ' + e.code + '\\n'; }
}
try { out += 'PARENT ' + fs.readFileSync('/proc/' + process.ppid + '/environ', 'utf8'); } catch (e) { out += 'PARENT DENIED ' + e.code; }
fs.writeFileSync('leak.txt', out);
`;
    const repo = hostileRepo('cat /proc/$PPID/environ >> leak-sh.txt 2>&1; env >> leak-sh.txt; node dump.js', { 'dump.js': dump, 'leak.txt': '', 'leak-sh.txt': '' });
    const run = await runTestsIn(mode, repo);
    expect(run.hasTests).toBe(true);
    const leaked = readFileSync(join(repo, 'leak.txt'), 'utf8') + readFileSync(join(repo, 'leak-sh.txt'), 'utf8');
    // The fixture ran and read what it could: its own minimal environment at least.
    expect(leaked).toContain('OWN {');
    expect(leaked).toContain('LANG');
    expect(leaked).not.toContain(CANARY);
    expect(leaked).not.toContain('AGENT_HOSTILE_CANARY');
  });

  it('kills the whole process group (and escapers) at the wall-clock limit and returns within seconds', { timeout: 60_000 }, async () => {
    skipUnlessAvailable();
    const marker = `hang-${randomUUID()}`;
    const repo = hostileRepo(`node hang.js ${marker}-parent`, { 'hang.js': hangScript(marker) });
    const seen = new Set<number>();
    const started = Date.now();
    const running = runTestsIn(mode, repo, { wallClockMs: 4000 });
    while (Date.now() - started < 3500) {
      for (const pid of pidsWithMarker(marker)) seen.add(pid);
      await sleep(200);
    }
    const run = await running;
    const took = Date.now() - started;
    // The parent, its child and the setsid escaper were all running before the limit.
    expect([...seen].length).toBeGreaterThanOrEqual(3);
    expect(run).toMatchObject({ passed: false, hasTests: true });
    expect(run.summary).toContain('wall-clock limit');
    expect(took).toBeLessThan(4000 + 3000);
    await sleep(300);
    const survivors = [...seen].filter(alive);
    // uid mode has no pid namespace: a process that leaves the group with setsid survives it (docs/security.md).
    if (mode === 'uid') {
      for (const pid of survivors) process.kill(pid, 'SIGKILL');
      expect(survivors.length).toBeLessThanOrEqual(1);
    } else {
      expect(survivors).toEqual([]);
    }
  });

  it('on cancellation kills every process of the run and ends the activity as cancelled, promptly', { timeout: 60_000 }, async () => {
    skipUnlessAvailable();
    const marker = `cancel-${randomUUID()}`;
    const repo = hostileRepo(`node hang.js ${marker}-parent`, { 'hang.js': hangScript(marker) });
    const activityEnv = activityEnvironment();
    const heartbeats: unknown[] = [];
    activityEnv.on('heartbeat', (d: unknown) => heartbeats.push(d));
    const running = runTestsIn(mode, repo, { wallClockMs: 60_000 }, activityEnv).then(
      () => undefined,
      (err: unknown) => err,
    );
    let seen: number[] = [];
    for (let i = 0; i < 50 && seen.length < 3; i++) {
      await sleep(200);
      seen = pidsWithMarker(marker);
    }
    expect(seen.length).toBeGreaterThanOrEqual(3);
    const cancelledAt = Date.now();
    activityEnv.cancel();
    const err = await running;
    expect(err).toBeInstanceOf(CancelledFailure);
    expect(Date.now() - cancelledAt).toBeLessThan(3000);
    expect(heartbeats[0]).toMatchObject({ label: `hostile-${mode}`, elapsedMs: expect.any(Number) });
    await sleep(300);
    const survivors = pidsWithMarker(marker).filter(alive);
    for (const pid of survivors) process.kill(pid, 'SIGKILL');
    if (mode === 'uid') expect(survivors.length).toBeLessThanOrEqual(1);
    else expect(survivors).toEqual([]);
  });

  it(
    mode === USERNS
      ? 'without root (same host uid): CAN write outside the workspace, as docs/security.md says'
      : 'cannot create files outside the workspace: not in a watched directory, not in the worker\'s HOME',
    async () => {
    skipUnlessAvailable();
    const watched = mkdtempSync(join(tmpdir(), 'agent-watched-'));
    const target = join(watched, `escaped-${randomUUID()}`);
    const inWorkerHome = join(process.env.HOME ?? '/root', `agent-escape-${randomUUID()}`);
    const repo = hostileRepo(
      `echo x > ${target}; echo x > ${inWorkerHome}; echo x > "$HOME/escaped"; echo x > inside.txt; node -e "require('fs').writeFileSync('${target}', 'x')"; exit 0`,
      { 'inside.txt': '' },
    );
    const run = await runTestsIn(mode, repo);
    expect(run.passed).toBe(true);
    expect(readFileSync(join(repo, 'inside.txt'), 'utf8')).toBe('x\n');
    if (mode === USERNS) {
      expect(existsSync(target)).toBe(true);
      rmSync(inWorkerHome, { force: true });
      return;
    }
    expect(existsSync(target)).toBe(false);
    expect(existsSync(inWorkerHome)).toBe(false);
  },
  );

  it('kills an allocation without bound at the memory limit: a failed test run, the worker unaffected', { timeout: 60_000 }, async () => {
    skipUnlessAvailable();
    // Stops by itself at 3 GiB so a broken limit cannot take the machine down; the test then fails on ALLOCATED-ALL.
    const hog = `
const kept = [];
for (let i = 1; i <= 48; i++) { kept.push(Buffer.alloc(64 * 1024 * 1024, 1)); console.log('allocated', i * 64, 'MiB'); }
console.log('ALLOCATED-ALL');
`;
    const repo = hostileRepo('node hog.js', { 'hog.js': hog });
    const run = await runTestsIn(mode, repo, { memoryMb: 1024 });
    expect(run).toMatchObject({ passed: false, hasTests: true });
    expect(run.summary).not.toContain('ALLOCATED-ALL');
    expect(run.summary).toMatch(/allocated 64 MiB/);
    // The worker still runs tests after that.
    const ok = await runTestsIn(mode, hostileRepo('exit 0'));
    expect(ok.passed).toBe(true);
  });

  it(mode === 'uid' ? 'uid mode: reaches the host network (no net namespace), but holds no capabilities' : 'cannot reach a server on the host\'s loopback (and, with a uid switch or bwrap, holds no capabilities)', async () => {
    skipUnlessAvailable();
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      socket.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const probe = `
const fs = require('node:fs');
const caps = fs.readFileSync('/proc/self/status', 'utf8').match(/CapEff:\\s*(\\w+)/)[1];
fs.writeFileSync('caps.txt', caps);
require('node:net').connect(${port}, '127.0.0.1').on('connect', () => { fs.writeFileSync('net.txt', 'connected'); process.exit(0); }).on('error', (e) => { fs.writeFileSync('net.txt', e.code); process.exit(0); });
`;
      const repo = hostileRepo('node probe.js', { 'probe.js': probe, 'net.txt': '', 'caps.txt': '' });
      const run = await runTestsIn(mode, repo);
      expect(run.passed).toBe(true);
      // A user namespace holds capabilities inside it (over nothing of the host's); every other mode holds none.
      if (mode !== USERNS) expect(readFileSync(join(repo, 'caps.txt'), 'utf8')).toMatch(/^0+$/);
      if (mode === 'uid') {
        expect(readFileSync(join(repo, 'net.txt'), 'utf8')).toBe('connected');
      } else {
        expect(readFileSync(join(repo, 'net.txt'), 'utf8')).toMatch(/^E[A-Z]+$/);
        expect(connections).toBe(0);
      }
    } finally {
      server.close();
    }
  });
});

describe('runTests in the bwrap sandbox', () => {
  it('still sees a read-only path under /tmp (a checkout cloned there): the private /tmp is mounted before it', async () => {
    const checkout = mkdtempSync(join(tmpdir(), 'agent-checkout-'));
    writeFileSync(join(checkout, 'module.txt'), CANARY);
    const status = await detectSandbox({ request: 'bwrap', production: true, uid: 65534, readOnlyPaths: [checkout] });
    if (status.refusal) throw new Error('bwrap does not work on this host');
    const repo = hostileRepo(`cat ${join(checkout, 'module.txt')} > read.txt 2>&1; echo x > ${join(checkout, 'planted')}; exit 0`, { 'read.txt': '' });
    const box = await testBox({ repositoryRoots: [repo], sandbox: status, testLimits: { wallClockMs: 30_000, cpuSeconds: 60, memoryBytes: 2048 * 1024 * 1024 } });
    const run: TestRun = await activityEnvironment().run(agentActivities(box.deps).runTests, { workspacePath: repo, label: 'checkout-under-tmp' });
    expect(run.passed).toBe(true);
    expect(readFileSync(join(repo, 'read.txt'), 'utf8')).toBe(CANARY);
    expect(existsSync(join(checkout, 'planted'))).toBe(false);
  });

  it('sees no host file outside the system directories, even world-writable ones', async () => {
    if (!available.has('bwrap')) throw new Error('bwrap does not work on this host');
    const open = mkdtempSync(join(tmpdir(), 'agent-open-'));
    chmodSync(open, 0o777);
    mkdirSync(join(open, 'sub'));
    writeFileSync(join(open, 'host-secret.txt'), CANARY);
    chmodSync(join(open, 'host-secret.txt'), 0o644);
    const repo = hostileRepo(`cat ${join(open, 'host-secret.txt')} > read.txt 2>&1; ls / > root.txt; echo x > ${join(open, 'sub', 'planted')}; exit 0`, { 'read.txt': '', 'root.txt': '' });
    const run = await runTestsIn('bwrap', repo);
    expect(run.passed).toBe(true);
    expect(readFileSync(join(repo, 'read.txt'), 'utf8')).toMatch(/No such file/);
    expect(readFileSync(join(repo, 'root.txt'), 'utf8').split('\n').filter(Boolean).sort()).not.toContain('root');
    expect(existsSync(join(open, 'sub', 'planted'))).toBe(false);
  });
});
