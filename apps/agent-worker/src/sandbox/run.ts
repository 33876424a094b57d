import { spawn } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sandboxArgv, sandboxEnv, type SandboxLimits, type SandboxSpec } from './command';

export interface SandboxedRunOptions {
  spec: SandboxSpec;
  workspace: string;
  command: string;
  limits: SandboxLimits;
  nodePath?: string;
  /** Aborting it kills the whole run (activity cancellation). */
  signal?: AbortSignal;
  /** Called every second while the run lives (activity heartbeat). */
  onTick?: (elapsedMs: number, pid: number | undefined) => void;
  /** Output kept from the end, in characters. */
  keepChars?: number;
}

export interface SandboxedRunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  cancelled: boolean;
  output: string;
  /** Host pid of the process group leader (bwrap, unshare, setpriv or prlimit). */
  pid: number | undefined;
}

/** After the leader exits, how long to wait for stray holders of the output pipes before closing them. */
const DRAIN_MS = 500;

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    // Negative pid: the whole process group the run was started in (spawn with detached: true).
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group is already gone.
  }
}

/**
 * Runs `command` with /bin/sh in the workspace under the sandbox `spec`, in its own process group with
 * only the minimal environment. On the wall-clock limit or on `signal` the whole group is SIGKILLed
 * (and with bwrap/unshare, the pid namespace with it) and the call returns at once: it never waits on a
 * straggler that still holds the output pipes.
 */
export async function runSandboxed(opts: SandboxedRunOptions): Promise<SandboxedRunResult> {
  const home = await mkdtemp(join(tmpdir(), 'agent-test-home-'));
  try {
    if (opts.spec.mode === 'uid' || (opts.spec.mode === 'unshare' && opts.spec.root)) await chown(home, opts.spec.uid, opts.spec.uid);
    const env = sandboxEnv(home, opts.nodePath);
    const [file, ...args] = sandboxArgv(opts.spec, { workspace: opts.workspace, home, command: opts.command, limits: opts.limits }, env);
    return await new Promise<SandboxedRunResult>((resolve, reject) => {
      const keep = opts.keepChars ?? 6000;
      let output = '';
      let timedOut = false;
      let cancelled = false;
      const started = Date.now();
      const child = spawn(file!, args, { cwd: opts.workspace, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      const append = (chunk: Buffer) => {
        output = (output + chunk.toString('utf8')).slice(-keep);
      };
      child.stdout.on('data', append);
      child.stderr.on('data', append);
      opts.onTick?.(0, child.pid);
      const tick = setInterval(() => opts.onTick?.(Date.now() - started, child.pid), 1000);
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child.pid);
      }, opts.limits.wallClockMs);
      const onAbort = () => {
        cancelled = true;
        killGroup(child.pid);
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      if (opts.signal?.aborted) onAbort();
      const cleanup = () => {
        clearInterval(tick);
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
      };
      child.on('error', (err) => {
        cleanup();
        reject(err);
      });
      child.on('exit', (exitCode, signal) => {
        cleanup();
        // The leader is gone; make sure nothing of its group outlives it (a test runner's workers).
        killGroup(child.pid);
        const finish = () => {
          child.stdout.destroy();
          child.stderr.destroy();
          resolve({ exitCode, signal, timedOut, cancelled, output, pid: child.pid });
        };
        const drain = setTimeout(finish, DRAIN_MS);
        child.once('close', () => {
          clearTimeout(drain);
          finish();
        });
      });
    });
  } finally {
    await rm(home, { recursive: true, force: true }).catch(() => undefined);
  }
}
