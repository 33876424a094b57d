import { readFileSync } from 'node:fs';
import { EnvError, envFlag } from './parse';

/**
 * The SDK's TLSConfig, written out so this package needs no Temporal package at run time (the gateway
 * must not pull in @temporalio/worker); test/temporal-tls.test.ts checks it still fits both connections.
 */
export interface TemporalTlsConfig {
  serverNameOverride?: string;
  serverRootCACertificate?: Buffer;
  clientCertPair?: { crt: Buffer; key: Buffer };
}

/** Spreads into the client's ConnectionOptions and the worker's NativeConnectionOptions alike. */
export interface TemporalTlsOptions {
  /** false: plaintext, yet with an API key (TEMPORAL_TLS=false). */
  tls: TemporalTlsConfig | false;
  apiKey?: string;
}

function readPem(env: NodeJS.ProcessEnv, key: string): Buffer | undefined {
  const file = env[key];
  if (!file) return undefined;
  try {
    return readFileSync(file);
  } catch (err) {
    throw new EnvError(`${key}: cannot read "${file}": ${(err as Error).message}`);
  }
}

/**
 * TLS and API key for Temporal Cloud or a secured cluster, with the variable names of Temporal's own
 * env config, so one .env serves every process: TEMPORAL_API_KEY, TEMPORAL_TLS,
 * TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH, TEMPORAL_TLS_SERVER_CA_CERT_PATH,
 * TEMPORAL_TLS_SERVER_NAME. An API key or any certificate setting implies TLS unless TEMPORAL_TLS says
 * otherwise. undefined for a plain local server. Throws EnvError naming the variable.
 */
export function temporalTlsFromEnv(env: NodeJS.ProcessEnv): TemporalTlsOptions | undefined {
  const apiKey = env.TEMPORAL_API_KEY || undefined;
  const crt = readPem(env, 'TEMPORAL_TLS_CLIENT_CERT_PATH');
  const key = readPem(env, 'TEMPORAL_TLS_CLIENT_KEY_PATH');
  if (Boolean(crt) !== Boolean(key)) throw new EnvError('TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH go together (mTLS)');
  const ca = readPem(env, 'TEMPORAL_TLS_SERVER_CA_CERT_PATH');
  const serverName = env.TEMPORAL_TLS_SERVER_NAME || undefined;
  const tlsOn = envFlag(env, 'TEMPORAL_TLS') ?? Boolean(apiKey || crt || ca || serverName);
  if (!tlsOn && !apiKey) return undefined;
  const tls: TemporalTlsConfig | false = tlsOn
    ? {
        ...(crt && key ? { clientCertPair: { crt, key } } : {}),
        ...(ca ? { serverRootCACertificate: ca } : {}),
        ...(serverName ? { serverNameOverride: serverName } : {}),
      }
    : false;
  return { tls, ...(apiKey ? { apiKey } : {}) };
}
