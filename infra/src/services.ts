import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { logColors, logFormat } from '@temporal-ecommerce/env/log';

/** A process `pnpm start` runs, and the command that runs it on its own. */
export interface ServiceSpec {
  name: string;
  /** Package folder relative to the repo root. */
  dir: string;
  /** Compiled entry file relative to `dir`. */
  entry: string;
}

export const SERVICES: readonly ServiceSpec[] = [
  { name: 'order-worker', dir: 'apps/order-worker', entry: 'dist/worker.js' },
  { name: 'ml-worker', dir: 'apps/ml-worker', entry: 'dist/worker.js' },
  { name: 'agent-worker', dir: 'apps/agent-worker', entry: 'dist/worker.js' },
  { name: 'gateway', dir: 'apps/gateway', entry: 'dist/server.js' },
];

export const standaloneCommand = (spec: ServiceSpec): string => `pnpm --filter ./${spec.dir} start`;

const COLORS = [36, 35, 33, 32, 34, 31];
const useColor = (): boolean => logColors(process.env);
export const paint = (code: number, text: string): string => (useColor() ? `\x1b[${code}m${text}\x1b[0m` : text);

/**
 * The children's stdout is a pipe to us, so on their own they would log JSON: their format and colours
 * follow our terminal instead (LOG_FORMAT and NO_COLOR still decide when set).
 */
export function childLogEnv(env: NodeJS.ProcessEnv, stdoutIsTTY: boolean): { LOG_FORMAT: string; FORCE_COLOR?: string } {
  const format = logFormat(env, stdoutIsTTY);
  return { LOG_FORMAT: format, ...(format === 'pretty' && logColors(env, stdoutIsTTY) ? { FORCE_COLOR: '1' } : {}) };
}

/** Prints `name | line` for every line of a child's output, in a colour per service. */
export function prefixer(name: string, index: number, width: number): (line: string) => void {
  const prefix = paint(COLORS[index % COLORS.length] ?? 36, `${name.padEnd(width)} |`);
  return (line) => process.stdout.write(`${prefix} ${line}\n`);
}

export interface RunningService {
  spec: ServiceSpec;
  child: ChildProcess;
  /** Settles with a description of how the process ended ("code 1", "signal SIGKILL"). */
  exited: Promise<string>;
  /** True once we asked it to stop, so its exit is expected rather than a crash. */
  stopping: boolean;
}

/**
 * Starts a service as a child process in its own process group: a Ctrl-C in the terminal reaches only
 * the launcher, which sends each child exactly one SIGTERM. (The SDK's Runtime handles the first
 * signal and drops its handler, so a second signal would kill a worker in the middle of its shutdown.)
 */
export function startService(
  root: string,
  spec: ServiceSpec,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): RunningService | undefined {
  const cwd = path.join(root, spec.dir);
  if (!existsSync(path.join(cwd, spec.entry))) return undefined;
  // The entry by its full path, so `pgrep -f agent-worker/dist/worker.js` finds the process.
  const child = spawn(process.execPath, [path.join(cwd, spec.entry)], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', log);
  }
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`));
    child.once('error', (err) => resolve(`error ${err.message}`));
  });
  return { spec, child, exited, stopping: false };
}

/** SIGTERM, then SIGKILL after `graceMs` if the process is still there. */
export async function stopService(service: RunningService, graceMs: number): Promise<void> {
  const { child } = service;
  service.stopping = true;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await service.exited;
  clearTimeout(killer);
}
