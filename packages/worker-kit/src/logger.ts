import pino from 'pino';
import type { Logger as SdkLogger, LogLevel as SdkLogLevel, LogMetadata } from '@temporalio/common';
import { logDestination } from '@temporal-ecommerce/env/log';

export interface LoggerOptions {
  /** pino level: trace, debug, info, warn, error, fatal, silent. Default info. */
  level?: string;
  /** Where lines go; stdout when omitted. Tests pass a stream to read what was logged. */
  destination?: NodeJS.WritableStream;
  /**
   * Read for LOG_FORMAT, NO_COLOR and FORCE_COLOR (default process.env): pretty lines on a terminal,
   * JSON otherwise (`@temporal-ecommerce/env/log`).
   */
  env?: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal; process.stdout.isTTY when omitted. */
  stdoutIsTTY?: boolean;
}

/** One logger per service; `service` is a field on every JSON line so merged logs stay readable. */
export function createLogger(service: string, options: LoggerOptions = {}): pino.Logger {
  const logOptions: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: { service, pid: process.pid },
    // The SDK reports errors under `error`; serialize it like `err` so stacks survive JSON.
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  };
  const destination = logDestination(options.env ?? process.env, {
    ...(options.stdoutIsTTY !== undefined ? { stdoutIsTTY: options.stdoutIsTTY } : {}),
    ...(options.destination ? { destination: options.destination } : {}),
  });
  return destination ? pino(logOptions, destination) : pino(logOptions);
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * The SDK logs webpack's whole multi-line stats text when it bundles workflow code. A successful build
 * becomes one line (asset, size, time); undefined for anything else, which stays as it is.
 */
export function summarizeWebpackReport(message: string): { message: string; asset: string; size: string; ms: number } | undefined {
  const text = message.replace(ANSI, '');
  const done = /^webpack \S+ compiled successfully in (\d+) ms$/m.exec(text);
  const asset = /^asset (\S+) ([\d.]+ \w+)/m.exec(text);
  if (!done || !asset) return undefined;
  const ms = Number(done[1]);
  return { message: `workflow bundle ${asset[1]} ${asset[2]} built in ${ms} ms`, asset: asset[1]!, size: asset[2]!, ms };
}

const PINO_METHOD: Record<SdkLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The SDK's Logger interface on top of pino. Workflow `log`, activity `log`, worker lifecycle messages
 * and (forwarded) Rust core logs all arrive here with their metadata (workflowId, activityType, ...).
 */
export class PinoSdkLogger implements SdkLogger {
  constructor(private readonly logger: pino.Logger) {}

  log(level: SdkLogLevel, message: string, meta?: LogMetadata): void {
    // Symbol keys (the SDK's timestamp marker) mean nothing to pino; drop them.
    const fields = meta ? Object.fromEntries(Object.entries(meta)) : {};
    const webpack = level === 'INFO' ? summarizeWebpackReport(message) : undefined;
    if (webpack) {
      // The full report stays one LOG_LEVEL=debug away.
      this.logger.debug({ ...fields, report: message }, 'webpack report');
      this.logger.info({ ...fields, asset: webpack.asset, size: webpack.size, ms: webpack.ms }, webpack.message);
      return;
    }
    this.logger[PINO_METHOD[level] ?? 'info'](fields, message);
  }
  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
