import { parseEncryptionKey, type EncryptionKey } from './aes-gcm-codec';

/** The codec server's configuration. This file is the only reader of process.env in the package. */
export interface CodecServerEnv {
  host: string;
  port: number;
  key: EncryptionKey;
  corsOrigins: string[];
  logLevel: string;
}

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Reads and validates the environment once at start; throws EnvError naming the bad variable. */
export function loadEnv(env: NodeJS.ProcessEnv = process.env): CodecServerEnv {
  const port = Number(env.CODEC_PORT || 8888);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EnvError(`CODEC_PORT must be a port number, got "${env.CODEC_PORT}"`);
  if (!env.PAYLOAD_ENCRYPTION_KEY) throw new EnvError('PAYLOAD_ENCRYPTION_KEY is required (base64 of 32 bytes: openssl rand -base64 32)');
  let key: EncryptionKey;
  try {
    key = parseEncryptionKey(env.PAYLOAD_ENCRYPTION_KEY, env.PAYLOAD_ENCRYPTION_KEY_ID || 'default');
  } catch (err) {
    throw new EnvError(`PAYLOAD_ENCRYPTION_KEY / PAYLOAD_ENCRYPTION_KEY_ID: ${(err as Error).message}`);
  }
  return {
    host: env.CODEC_HOST || '127.0.0.1',
    port,
    key,
    corsOrigins: (env.CODEC_CORS_ORIGINS || 'http://localhost:8233,http://127.0.0.1:8233')
      .split(',')
      .map((s) => s.trim().replace(/\/$/, ''))
      .filter(Boolean),
    logLevel: env.LOG_LEVEL || 'info',
  };
}
