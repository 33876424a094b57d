import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface ServiceProcessOptions {
  /** Shown in logs and summaries, e.g. "order-worker#2". */
  name: string;
  /** Compiled JS entry, run with this Node binary. */
  entry: string;
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Every line the process prints is appended here. */
  logFile?: string;
  /** Also receives every line (demos echo some of them). */
  onLine?: (line: string) => void;
}

/** Every process the harness started and has not seen exit: killed on our own exit, so none outlives a run. */
const live = new Set<ChildProcess>();
/** Processes started elsewhere on our behalf (the Temporal dev server runs in its own process group). */
const livePids = new Set<number>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
    for (const pid of livePids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  });
}

/** Kills `pid` when this process exits, unless `forgetPid` is called first. */
export function killOnExit(pid: number): void {
  installExitHook();
  livePids.add(pid);
}

export function forgetPid(pid: number): void {
  livePids.delete(pid);
}

/**
 * For scripts: Ctrl-C or SIGTERM exits through process.exit, so the exit hook kills what we started
 * (Node's default for these signals would skip it and leave workers and servers behind).
 */
export function exitOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
}

/**
 * One run of a service's real entry file as a child process (what `pnpm start` runs). `restart()` starts
 * the same command again as a new process; kill it with any signal, SIGKILL included.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exitedPromise: Promise<string> = Promise.resolve('not started');
  private log: WriteStream | undefined;
  private readonly lineWaiters = new Set<{ test: (line: string) => boolean; resolve: (line: string) => void }>();
  /** Process ids of every start, oldest first. */
  readonly pids: number[] = [];
  starts = 0;

  constructor(readonly options: ServiceProcessOptions) {
    installExitHook();
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Settles with how the current process ended: "code 0", "signal SIGKILL". */
  get exited(): Promise<string> {
    return this.exitedPromise;
  }

  start(extraEnv: NodeJS.ProcessEnv = {}): this {
    if (this.running) throw new Error(`${this.options.name} is already running (pid ${this.pid})`);
    this.log ??= this.options.logFile ? createWriteStream(this.options.logFile, { flags: 'a' }) : undefined;
    const child = spawn(process.execPath, [this.options.entry], {
      cwd: this.options.cwd,
      env: { ...this.options.env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    if (child.pid) this.pids.push(child.pid);
    live.add(child);
    const tag = `[${this.options.name} pid ${child.pid}]`;
    this.log?.write(`${tag} started ${new Date().toISOString()}\n`);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        this.log?.write(`${tag} ${line}\n`);
        this.options.onLine?.(line);
        for (const waiter of this.lineWaiters) {
          if (waiter.test(line)) {
            this.lineWaiters.delete(waiter);
            waiter.resolve(line);
          }
        }
      });
    }
    this.exitedPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        live.delete(child);
        const how = signal ? `signal ${signal}` : `code ${code}`;
        this.log?.write(`${tag} exited (${how}) ${new Date().toISOString()}\n`);
        resolve(how);
      });
      child.once('error', (err) => {
        live.delete(child);
        resolve(`error ${err.message}`);
      });
    });
    return this;
  }

  /** Resolves with the first line (printed from now on) that `test` accepts. */
  waitForLine(test: (line: string) => boolean, timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const waiter = { test, resolve: (line: string) => (clearTimeout(timer), resolve(line)) };
      const timer = setTimeout(() => {
        this.lineWaiters.delete(waiter);
        reject(new Error(`${this.options.name}: no matching output within ${timeoutMs} ms`));
      }, timeoutMs);
      this.lineWaiters.add(waiter);
    });
  }

  /** Sends `signal` and waits for the process to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<string> {
    if (!this.running) return this.exitedPromise;
    this.child!.kill(signal);
    return this.exitedPromise;
  }

  /** SIGTERM (the workers drain in-flight tasks), SIGKILL after `graceMs`. */
  async stop(graceMs = 30_000): Promise<string> {
    if (!this.running) return this.exitedPromise;
    const child = this.child!;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    try {
      return await this.exitedPromise;
    } finally {
      clearTimeout(killer);
    }
  }

  /** Resident set size of the running process in bytes (Linux /proc), or undefined. */
  rssBytes(): number | undefined {
    if (!this.running || !this.pid) return undefined;
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      return match ? Number(match[1]) * 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** Closes the log file; call once the process will not be started again. */
  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    this.log = undefined;
  }
}

/** pino's JSON lines: the message of a line, or undefined for other output. */
export function logMessage(line: string): string | undefined {
  try {
    const parsed = JSON.parse(line) as { msg?: unknown };
    return typeof parsed.msg === 'string' ? parsed.msg : undefined;
  } catch {
    return undefined;
  }
}
