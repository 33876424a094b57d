import type { DestinationStream } from 'pino';
import type PinoPretty from 'pino-pretty';
import { EnvError } from './parse';

/** json: one JSON object a line, for anything that parses logs. pretty: one coloured line an event, for people. */
export type LogFormat = 'pretty' | 'json';
export const LOG_FORMATS: readonly LogFormat[] = ['pretty', 'json'];

/**
 * LOG_FORMAT when set, else pretty on a terminal and JSON everywhere else (CI, compose, a pipe), so
 * nothing that parses logs ever receives the pretty form by accident. Throws EnvError on another value.
 */
export function logFormat(env: NodeJS.ProcessEnv, stdoutIsTTY: boolean = Boolean(process.stdout.isTTY)): LogFormat {
  const raw = env.LOG_FORMAT?.trim().toLowerCase();
  if (raw === undefined || raw === '') return stdoutIsTTY ? 'pretty' : 'json';
  if (!(LOG_FORMATS as readonly string[]).includes(raw)) throw new EnvError(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, got "${env.LOG_FORMAT}"`);
  return raw as LogFormat;
}

/**
 * Colours follow the terminal: on for a TTY, and for a child whose parent's terminal asked for them
 * (`pnpm start` pipes its services' output and passes FORCE_COLOR); NO_COLOR always wins.
 */
export function logColors(env: NodeJS.ProcessEnv, stdoutIsTTY: boolean = Boolean(process.stdout.isTTY)): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return stdoutIsTTY;
}

export interface PrettyOptions {
  colorize: boolean;
  /** Where the formatted lines go; stdout when omitted. */
  destination?: NodeJS.WritableStream;
}

/**
 * A synchronous pino-pretty stream (in this thread, not a transport's worker thread, so the last lines
 * before process.exit are never lost): time, level, message, then the remaining fields on the same line.
 */
export function prettyStream(options: PrettyOptions): DestinationStream {
  // Loaded here, on first use: a process logging JSON (production, CI, the benches) never loads its ~30
  // modules (a worker's idle memory, docs/performance.md).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load; import() is async
  const pinoPretty = require('pino-pretty') as typeof PinoPretty;
  return pinoPretty({
    colorize: options.colorize,
    singleLine: true,
    sync: true,
    translateTime: 'SYS:HH:MM:ss.l',
    // pid and hostname say nothing locally; `pnpm start` already prefixes each line with the service.
    ignore: 'pid,hostname,service',
    ...(options.destination ? { destination: options.destination } : {}),
  });
}

/**
 * The destination for a service's pino logger chosen from the environment: a pretty stream, or
 * undefined for pino's own JSON on stdout. `destination` (tests) receives the lines in either format,
 * and it, not stdout, is the terminal that decides (a capture stream gets JSON unless LOG_FORMAT says).
 */
export function logDestination(
  env: NodeJS.ProcessEnv,
  options: { stdoutIsTTY?: boolean; destination?: NodeJS.WritableStream } = {},
): DestinationStream | undefined {
  const tty = options.stdoutIsTTY ?? Boolean(((options.destination ?? process.stdout) as { isTTY?: boolean }).isTTY);
  if (logFormat(env, tty) === 'json') return options.destination as DestinationStream | undefined;
  return prettyStream({ colorize: logColors(env, tty), ...(options.destination ? { destination: options.destination } : {}) });
}
