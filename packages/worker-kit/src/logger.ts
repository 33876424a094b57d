import pino from 'pino';
import type { Logger as SdkLogger, LogLevel as SdkLogLevel, LogMetadata } from '@temporalio/common';

export interface LoggerOptions {
  /** pino level: trace, debug, info, warn, error, fatal, silent. Default info. */
  level?: string;
  /** Where lines go; stdout when omitted. Tests pass a stream to read what was logged. */
  destination?: pino.DestinationStream;
}

/** One JSON logger per service; `service` is a field on every line so merged logs stay readable. */
export function createLogger(service: string, options: LoggerOptions = {}): pino.Logger {
  const logOptions: pino.LoggerOptions = {
    level: options.level ?? 'info',
    base: { service, pid: process.pid },
    // The SDK reports errors under `error`; serialize it like `err` so stacks survive JSON.
    serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
  };
  return options.destination ? pino(logOptions, options.destination) : pino(logOptions);
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
