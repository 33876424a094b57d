import { defineEnv, EnvError as EnvReadError, LOG_VARS, readEnv, v } from '@temporal-ecommerce/env';
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

/** Every variable the codec server reads; .env.example and the README table are generated from it. */
export const CODEC_SERVER_ENV = defineEnv({
  CODEC_HOST: v.string({ default: '127.0.0.1', description: 'Interface the codec server listens on.' }),
  CODEC_PORT: v.integer({ default: 8888, minimum: 0, maximum: 65535, description: 'Codec server port (the Temporal UI calls it).' }),
  CODEC_CORS_ORIGINS: v.list({ default: ['http://localhost:8233', 'http://127.0.0.1:8233'], description: 'Origins (the Temporal UI) allowed to call the codec server from a browser.' }),
  PAYLOAD_ENCRYPTION_KEY: v.string({ secret: true, description: 'Required: base64 of 32 bytes, the key the workers encrypt payloads with.' }),
  PAYLOAD_ENCRYPTION_KEY_ID: v.string({ default: 'default', description: 'Id of the current key.' }),
  PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: v.string({ secret: true, description: 'id:base64key,... older keys that only decrypt.' }),
  ...LOG_VARS,
});

/** Reads and validates the environment once at start; throws EnvError naming the bad variable. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): CodecServerEnv {
  let e;
  try {
    e = readEnv(CODEC_SERVER_ENV, env);
  } catch (err) {
    if (err instanceof EnvReadError) throw new EnvError(err.message);
    throw err;
  }
  if (!e.PAYLOAD_ENCRYPTION_KEY) throw new EnvError('PAYLOAD_ENCRYPTION_KEY is required (base64 of 32 bytes: openssl rand -base64 32)');
  let settings;
  try {
    settings = readEncryptionEnv(env)!;
  } catch (err) {
    throw new EnvError((err as Error).message);
  }
  return {
    host: e.CODEC_HOST,
    port: e.CODEC_PORT,
    key: parseEncryptionKey(settings.key!, settings.keyId),
    previousKeys: settings.previousKeys ?? [],
    corsOrigins: e.CODEC_CORS_ORIGINS.map((s) => s.replace(/\/$/, '')),
    logLevel: e.LOG_LEVEL,
    log: { format: codecLogFormat(env), colors: logColors(env) },
  };
}
