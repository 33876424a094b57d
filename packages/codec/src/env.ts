import { logColors, logFormat, type LogFormat } from '@temporal-ecommerce/env/log';
import type { EncryptionKey } from './aes-gcm-codec';
import { parseEncryptionKey } from './aes-gcm-codec';
import { readEncryptionEnv } from './data-converter';

/** The codec server's configuration. This file is the only reader of process.env in the package. */
export interface CodecServerEnv {
  host: string;
  port: number;
  /** Encrypts (POST /encode) and decrypts. */
  key: EncryptionKey;
  /** Decrypt only: payloads written before the last rotation. */
  previousKeys: EncryptionKey[];
  corsOrigins: string[];
  logLevel: string;
  /** LOG_FORMAT, else pretty on a terminal and JSON otherwise. */
  log: { format: LogFormat; colors: boolean };
}

export class EnvError extends Error {
  override name = 'EnvError';
}

function codecLogFormat(env: NodeJS.ProcessEnv): LogFormat {
  try {
    return logFormat(env);
  } catch (err) {
    throw new EnvError((err as Error).message);
  }
}

/** Reads and validates the environment once at start; throws EnvError naming the bad variable. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): CodecServerEnv {
  const port = Number(env.CODEC_PORT || 8888);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EnvError(`CODEC_PORT must be a port number, got "${env.CODEC_PORT}"`);
  if (!env.PAYLOAD_ENCRYPTION_KEY) throw new EnvError('PAYLOAD_ENCRYPTION_KEY is required (base64 of 32 bytes: openssl rand -base64 32)');
  let settings;
  try {
    settings = readEncryptionEnv(env)!;
  } catch (err) {
    throw new EnvError((err as Error).message);
  }
  return {
    host: env.CODEC_HOST || '127.0.0.1',
    port,
    key: parseEncryptionKey(settings.key!, settings.keyId),
    previousKeys: settings.previousKeys ?? [],
    corsOrigins: (env.CODEC_CORS_ORIGINS || 'http://localhost:8233,http://127.0.0.1:8233')
      .split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter(Boolean),
    logLevel: env.LOG_LEVEL || 'info',
    log: { format: codecLogFormat(env), colors: logColors(env) },
  };
}
