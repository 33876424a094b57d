import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protectionsOf, type SandboxMode, type SandboxSpec } from './command';
import { runSandboxed } from './run';

/** AGENT_SANDBOX: `auto` picks the strongest mode the host allows; a mode name insists on it. */
export type SandboxRequest = 'auto' | Exclude<SandboxMode, 'none'> | 'none-i-accept-the-risk';
export const SANDBOX_REQUESTS: readonly SandboxRequest[] = ['auto', 'bwrap', 'unshare', 'uid', 'none-i-accept-the-risk'];

export interface SandboxPolicy {
  request: SandboxRequest;
  production: boolean;
  uid: number;
  readOnlyPaths: string[];
}

export interface SandboxStatus {
  spec: SandboxSpec;
  /** What the active mode enforces, for the log and the docs. */
  protections: string[];
  /** Why each stronger mode is not used (the probe's error). */
  unavailable: Partial<Record<SandboxMode, string>>;
  /** Set when tests must not run at all: production without any sandbox and without the explicit override. */
  refusal?: string;
}

const PROBE_LIMITS = { cpuSeconds: 10, memoryBytes: 1024 ** 3, wallClockMs: 10_000 };
const PROBE = 'echo probe > probe-written && cat /proc/1/environ >/dev/null 2>&1; exit 0';

/** Runs a harmless command under `spec` and checks that it really ran there: it must write into the workspace. */
async function probe(spec: SandboxSpec): Promise<string | undefined> {
  const workspace = await mkdtemp(join(tmpdir(), 'agent-sandbox-probe-'));
  try {
    // The uid modes write as another user: the probe's own workspace must let them.
    if (spec.mode !== 'bwrap') await chmod(workspace, 0o777);
    const result = await runSandboxed({ spec, workspace, command: PROBE, limits: PROBE_LIMITS });
    const written = await readFile(join(workspace, 'probe-written'), 'utf8').catch(() => '');
    if (result.exitCode === 0 && written.trim() === 'probe') return undefined;
    return `exit ${result.exitCode ?? result.signal}: ${result.output.trim().split('\n').slice(-2).join(' | ') || 'no output'}`;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

/**
 * Finds out, by trying each (`tryMode` runs a real probe; tests pass one that fails), which sandbox this host allows, strongest first (or checks the one asked
 * for). In production a host that allows none refuses to run tests unless AGENT_SANDBOX says
 * `none-i-accept-the-risk`.
 */
export async function detectSandbox(policy: SandboxPolicy, tryMode: (spec: SandboxSpec) => Promise<string | undefined> = probe): Promise<SandboxStatus> {
  const root = process.getuid?.() === 0;
  const base = { uid: policy.uid, root, readOnlyPaths: policy.readOnlyPaths };
  const unavailable: SandboxStatus['unavailable'] = {};
  const candidates: SandboxMode[] =
    policy.request === 'auto' ? (['bwrap', 'unshare', 'uid'] as const).filter((m) => m !== 'uid' || root) : policy.request === 'none-i-accept-the-risk' ? [] : [policy.request];
  if (policy.request === 'auto' && !root) unavailable.uid = 'the worker is not root, so it cannot switch to another uid';
  for (const mode of candidates) {
    const spec: SandboxSpec = { ...base, mode };
    const error = await tryMode(spec);
    if (!error) return { spec, protections: protectionsOf(spec), unavailable };
    unavailable[mode] = error;
  }
  const spec: SandboxSpec = { ...base, mode: 'none' };
  const status: SandboxStatus = { spec, protections: protectionsOf(spec), unavailable };
  if (policy.request !== 'auto' && policy.request !== 'none-i-accept-the-risk') {
    status.refusal = `AGENT_SANDBOX=${policy.request} was asked for but does not work on this host (${unavailable[policy.request]})`;
  } else if (policy.production && policy.request !== 'none-i-accept-the-risk') {
    status.refusal =
      'no sandbox works on this host (bwrap, unshare and a uid switch all failed) and NODE_ENV=production: ' +
      'a repository\'s test command will not run. Install bubblewrap, or set AGENT_SANDBOX=none-i-accept-the-risk';
  }
  return status;
}
