import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Connection, type ConnectionOptions } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import type { SearchAttributeKey } from '@temporalio/common/lib/search-attributes';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ALL_SEARCH_ATTRIBUTES } from '@temporal-ecommerce/contracts/search-attributes';
import { clientConnectionOptions } from './connection-options';
import { cacheDir, dataDir } from './paths';
import { provisionNexusEndpoint } from './provision';
import { checkPortFree, freePort } from './ports';
import { resolveTemporalCli, TemporalCliNotFoundError } from './temporal-cli';

export interface DevServerOptions {
  /** Default 127.0.0.1. */
  ip?: string;
  /** Default 7233; 0 picks a free port. */
  port?: number;
  /** Default port + 1000; ignored when `ui` is false. */
  uiPort?: number;
  /** Default true. */
  ui?: boolean;
  /** Default "default". */
  namespace?: string;
  /** Default <repo>/.data/temporal.db; null keeps state in memory only. */
  dbFilename?: string | null;
  /** Default: every key in ALL_SEARCH_ATTRIBUTES, read when the server starts. */
  searchAttributes?: readonly SearchAttributeKey<SearchAttributeType>[];
  /** Use this CLI instead of resolving one (PATH, ~/go/bin, .cache/bin, go install, SDK download). */
  cliPath?: string;
  /** Receives the launcher's messages and the server's own output, one line at a time. */
  log?: (line: string) => void;
  /** How long to wait for the server to answer. Default 60 s. */
  readyTimeoutMs?: number;
}

export interface DevServer {
  /** host:port of the frontend gRPC service. */
  address: string;
  namespace: string;
  uiUrl: string | undefined;
  /** How it runs: our CLI child process, the SDK's downloaded server, or a server we did not start. */
  source: 'cli' | 'sdk-download' | 'external';
  /** The server's process id when we run it as a child process. */
  pid?: number;
  /** Settles when the server process ends on its own (a crash); never for servers we do not own. */
  exited: Promise<number | null>;
  /** Stops what we started (SIGTERM, then SIGKILL after 15 s); a no-op for an external server. */
  stop(): Promise<void>;
}

/** The CLI's spelling of each SDK search-attribute type (`--search-attribute Name=Type`). */
const CLI_TYPE: Record<SearchAttributeType, string> = {
  TEXT: 'Text',
  KEYWORD: 'Keyword',
  INT: 'Int',
  DOUBLE: 'Double',
  BOOL: 'Bool',
  DATETIME: 'Datetime',
  KEYWORD_LIST: 'KeywordList',
};

export function searchAttributeArgs(keys: readonly SearchAttributeKey<SearchAttributeType>[]): string[] {
  return keys.flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPE[key.type]}`]);
}

export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    what: string,
    hint: string,
  ) {
    super(`Port ${port} (${what}) is already in use. ${hint}`);
    this.name = 'PortInUseError';
  }
}

async function assertFree(ip: string, port: number, what: string, hint: string): Promise<void> {
  try {
    await checkPortFree(ip, port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(port, what, hint);
    throw err;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the frontend answers a health check and the namespace exists. `abort` settles early
 * (the server process died), so a failed start is reported at once instead of after the timeout.
 */
export async function waitForTemporal(
  address: string,
  namespace: string,
  timeoutMs: number,
  abort?: Promise<unknown>,
  connectionOptions: Pick<ConnectionOptions, 'tls' | 'apiKey'> = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let aborted = false;
  void abort?.then(() => (aborted = true));
  let lastError: unknown;
  while (Date.now() < deadline && !aborted) {
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 2_000, ...connectionOptions });
      await connection.healthService.check({});
      await connection.workflowService.describeNamespace({ namespace });
      return;
    } catch (err) {
      lastError = err;
    } finally {
      await connection?.close().catch(() => undefined);
    }
    await sleep(250);
  }
  if (aborted) throw new Error(`Temporal server at ${address} exited before it was ready`);
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`Temporal server at ${address} did not answer within ${timeoutMs / 1000} s (${reason})`);
}

/** A server someone else runs (TEMPORAL_ADDRESS): only checks that it answers (with TLS / API key from env). */
export async function useExistingServer(address: string, namespace = 'default', timeoutMs = 30_000): Promise<DevServer> {
  await waitForTemporal(address, namespace, timeoutMs, undefined, clientConnectionOptions());
  return { address, namespace, uiUrl: undefined, source: 'external', exited: new Promise(() => undefined), stop: async () => undefined };
}

/** Forwards the server's lines to `log` until `muted()`: its shutdown prints only dial errors to itself. */
/** What the server printed: its last lines, and the first line of a Go panic (its cause, above the stack). */
interface ServerOutput {
  tail: string[];
  panic?: string;
}

function pipeLines(child: ChildProcess, log: (line: string) => void, output: ServerOutput, muted: () => boolean): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      if (output.panic === undefined && /^(panic|fatal error): /.test(line)) output.panic = line;
      output.tail.push(line);
      if (output.tail.length > 20) output.tail.shift();
      // Workers that stop polling cancel their long polls; the server logs each as an ERROR. Expected noise.
      if (!muted() && !line.includes('context canceled')) log(line);
    });
  }
}

function pidFileFor(dbFilename: string | null): string | undefined {
  return dbFilename ? `${dbFilename}.pid` : undefined;
}

/** Names the leftover server from an earlier run, if its pid file says one is still alive. */
function leftoverHint(pidFile: string | undefined): string {
  if (!pidFile || !existsSync(pidFile)) return '';
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return ` A dev server from an earlier run is still alive (pid ${pid}, see ${pidFile}): stop it with kill ${pid}.`;
  } catch {
    return '';
  }
}

/**
 * How the dev server keeps its SQLite file. Write-ahead logging with synchronous=normal commits without
 * an fsync per transaction: on a 2-core machine a workflow of three no-op activities ran at 26.6/s with
 * it against 8.6-12/s with the default rollback journal. Every committed transaction survives a crash of
 * the server process (the WAL is in the OS's page cache); a power loss or kernel crash can lose the last
 * transactions before a checkpoint, which a dev server may. A production cluster runs on PostgreSQL,
 * MySQL or Cassandra instead.
 */
/**
 * Dynamic config every dev server we start runs with (docs/priorities.md, all measured on CLI 1.9.1 /
 * Server 1.32 by the order worker's order-priority test):
 * - `matching.useNewMatcher`: the priority-aware matcher. Default on since Server 1.31, off in 1.29/1.30
 *   (the fallback CLI v1.5.1 runs 1.29.1), so it is set explicitly.
 * - `matching.enableFairness`: fairness keys are ignored without it (default off in every release).
 * - Tasks written to one task-queue partition instead of 4: priority and fairness order tasks within a
 *   partition and a worker polls one partition at a time, so with 4 a backlogged high-priority task sat
 *   behind normal ones in another partition (seen: dispatched 1st to 4th of 6). Reads stay at 4: polls on
 *   the empty ones forward to the root, and tasks an older database left in partitions 1-3 still drain
 *   (lowering read partitions first would strand them). A production cluster keeps its partitions, and
 *   its ordering is per partition.
 */
export const DEV_SERVER_DYNAMIC_CONFIG: Readonly<Record<string, boolean | number | string>> = {
  'matching.useNewMatcher': true,
  'matching.enableFairness': true,
  'matching.numTaskqueueWritePartitions': 1,
};

/** `--dynamic-config-value KEY=JSON` for each entry of DEV_SERVER_DYNAMIC_CONFIG. */
export function dynamicConfigArgs(config: Readonly<Record<string, boolean | number | string>> = DEV_SERVER_DYNAMIC_CONFIG): string[] {
  return Object.entries(config).flatMap(([key, value]) => ['--dynamic-config-value', `${key}=${JSON.stringify(value)}`]);
}

export const SQLITE_PRAGMA_ARGS = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'] as const;

async function startWithCli(cli: string, o: Required<Omit<DevServerOptions, 'cliPath'>>): Promise<DevServer> {
  const address = `${o.ip}:${o.port}`;
  const args = ['server', 'start-dev', '--ip', o.ip, '--port', String(o.port), '--namespace', o.namespace, '--log-level', 'warn'];
  args.push(...(o.ui ? ['--ui-port', String(o.uiPort)] : ['--headless']));
  if (o.dbFilename) args.push('--db-filename', o.dbFilename, ...SQLITE_PRAGMA_ARGS);
  args.push(...searchAttributeArgs(o.searchAttributes), ...dynamicConfigArgs());

  o.log(`Starting ${cli} ${args.join(' ')}`);
  // Own process group: a Ctrl-C in the terminal reaches our launcher, which stops the workers first
  // and this server last, instead of the server vanishing under workers that are still finishing.
  const child = spawn(cli, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const output: ServerOutput = { tail: [] };
  let stopping: Promise<void> | undefined;
  pipeLines(child, o.log, output, () => stopping !== undefined);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
    child.once('error', (err) => {
      o.log(`Could not run ${cli}: ${err.message}`);
      resolve(127);
    });
  });
  const pidFile = pidFileFor(o.dbFilename);
  if (pidFile && child.pid) writeFileSync(pidFile, `${child.pid}\n`);

  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(killer);
      }
      if (pidFile) rmSync(pidFile, { force: true });
    })());

  try {
    await waitForTemporal(address, o.namespace, o.readyTimeoutMs, exited);
  } catch (err) {
    await stop();
    const cause = output.panic ? `\nThe server panicked: ${output.panic}` : '';
    const last = output.tail.length ? `\nLast server output:\n  ${output.tail.join('\n  ')}` : '';
    const message = `${(err as Error).message}${cause}${last}`;
    throw output.panic ? new DevServerPanicError(message, output.panic) : new Error(message);
  }
  return { address, namespace: o.namespace, uiUrl: o.ui ? `http://localhost:${o.uiPort}` : undefined, source: 'cli', pid: child.pid, exited, stop };
}

/** Last resort when no CLI can be found or built: the SDK downloads and caches a dev server (needs the internet). */
async function startWithSdkDownload(o: Required<Omit<DevServerOptions, 'cliPath'>>): Promise<DevServer> {
  o.log('No Temporal CLI could be found or built: trying the SDK download of the dev server (needs the internet)...');
  let env: TestWorkflowEnvironment;
  try {
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'cached-download', downloadDir: path.join(cacheDir(), 'sdk-download') },
        ip: o.ip,
        port: o.port,
        ui: o.ui,
        ...(o.ui ? { uiPort: o.uiPort } : {}),
        namespace: o.namespace,
        ...(o.dbFilename ? { dbFilename: o.dbFilename } : {}),
        extraArgs: [...(o.dbFilename ? SQLITE_PRAGMA_ARGS : []), ...dynamicConfigArgs()],
        searchAttributes: [...o.searchAttributes],
        log: { format: 'pretty', level: 'warn' },
      },
    });
  } catch (err) {
    throw new TemporalCliNotFoundError(`the SDK download, tried last, failed too: ${(err as Error).message}`);
  }
  return {
    address: `${o.ip}:${o.port}`,
    namespace: o.namespace,
    uiUrl: o.ui ? `http://localhost:${o.uiPort}` : undefined,
    source: 'sdk-download',
    exited: new Promise(() => undefined),
    stop: () => env.teardown(),
  };
}

/**
 * Starts `temporal server start-dev` with our namespace, search attributes and a persistent SQLite file,
 * and resolves once it answers. Stop it with `stop()`; the launcher never leaves it running on its own.
 */
export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  const ip = opts.ip ?? '127.0.0.1';
  const port = opts.port === 0 ? await freePort(ip) : (opts.port ?? 7233);
  const ui = opts.ui ?? true;
  const uiPort = opts.uiPort === 0 ? await freePort(ip) : (opts.uiPort ?? port + 1000);
  const dbFilename = opts.dbFilename === undefined ? path.join(dataDir(), 'temporal.db') : opts.dbFilename;
  const o = {
    ip,
    port,
    ui,
    uiPort,
    dbFilename,
    namespace: opts.namespace ?? 'default',
    searchAttributes: opts.searchAttributes ?? ALL_SEARCH_ATTRIBUTES,
    log: opts.log ?? ((line: string) => process.stderr.write(`${line}\n`)),
    readyTimeoutMs: opts.readyTimeoutMs ?? 60_000,
  };
  if (dbFilename) mkdirSync(path.dirname(dbFilename), { recursive: true });

  const pidFile = pidFileFor(dbFilename);
  await assertFree(ip, port, 'Temporal gRPC', `Another Temporal server may be running: set TEMPORAL_ADDRESS=${ip}:${port} to use it, or TEMPORAL_DEV_PORT to pick another port.${leftoverHint(pidFile)}`);
  if (ui) await assertFree(ip, uiPort, 'Temporal UI', `Set TEMPORAL_DEV_UI_PORT to pick another port.${leftoverHint(pidFile)}`);

  const cli = opts.cliPath ?? await resolveTemporalCli({ allowDownload: true, log: o.log });
  const server = await (cli ? startWithCliRetrying(cli, o, pidFile) : startWithSdkDownload(o));
  try {
    await provisionDevServer(server.address, o.log);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

async function startWithCliRetrying(cli: string, o: Required<Omit<DevServerOptions, 'cliPath'>>, pidFile: string | undefined): Promise<DevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWithCli(cli, o);
    } catch (err) {
      if (!(err instanceof DevServerPanicError) || attempt === START_ATTEMPTS) throw err;
      o.log(`The Temporal server panicked while starting (${err.panic}); starting it again (attempt ${attempt + 1} of ${START_ATTEMPTS}).`);
      await assertFree(o.ip, o.port, 'Temporal gRPC', `It was free a moment ago: another process took it while the server was starting.${leftoverHint(pidFile)}`);
    }
  }
}

/**
 * How many times a server that panics before it answers is started. The dev server picks its internal
 * ports itself (history, matching, worker, membership) and panics when it cannot get one; on a busy CI
 * machine with many servers starting side by side that happened once in hundreds of starts. A panic
 * after start-up is a crash (`exited`) and is never retried here.
 */
const START_ATTEMPTS = 3;

/** The server process panicked before it answered; `panic` is its first line (the cause). */
export class DevServerPanicError extends Error {
  constructor(message: string, readonly panic: string) {
    super(message);
    this.name = 'DevServerPanicError';
  }
}

/**
 * What `start-dev` has no flag for: billing's namespace and its Nexus endpoint (docs/nexus.md), so that
 * `pnpm start`, demos, benches and tests get the same server compose provisions. Idempotent.
 */
export async function provisionDevServer(address: string, log: (line: string) => void = () => undefined): Promise<void> {
  const connection = await Connection.connect({ address });
  try {
    const endpoint = await provisionNexusEndpoint(connection);
    if (endpoint !== 'unchanged') log(`Nexus endpoint for billing ${endpoint}`);
  } finally {
    await connection.close();
  }
}
