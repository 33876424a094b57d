import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';

/**
 * TLS and API key for a secured cluster or Temporal Cloud, from the same variables the workers read
 * (packages/worker-kit, Temporal's own env-config names): TEMPORAL_API_KEY, TEMPORAL_TLS,
 * TEMPORAL_TLS_CLIENT_CERT_PATH, TEMPORAL_TLS_CLIENT_KEY_PATH, TEMPORAL_TLS_SERVER_CA_CERT_PATH,
 * TEMPORAL_TLS_SERVER_NAME. Empty for a plain local server.
 */
export function clientConnectionOptions(env: NodeJS.ProcessEnv = process.env): Pick<ConnectionOptions, 'tls' | 'apiKey'> {
  const pem = (key: string): Buffer | undefined => {
    const file = env[key];
    if (!file) return undefined;
    try {
      return readFileSync(file);
    } catch (err) {
      throw new Error(`${key}: cannot read "${file}": ${(err as Error).message}`);
    }
  };
  const apiKey = env.TEMPORAL_API_KEY || undefined;
  const crt = pem('TEMPORAL_TLS_CLIENT_CERT_PATH');
  const key = pem('TEMPORAL_TLS_CLIENT_KEY_PATH');
  if (Boolean(crt) !== Boolean(key)) throw new Error('TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH go together (mTLS)');
  const ca = pem('TEMPORAL_TLS_SERVER_CA_CERT_PATH');
  const serverName = env.TEMPORAL_TLS_SERVER_NAME || undefined;
  const flag = env.TEMPORAL_TLS?.trim().toLowerCase();
  if (flag && !['true', '1', 'yes', 'on', 'false', '0', 'no', 'off'].includes(flag)) throw new Error(`TEMPORAL_TLS must be true or false, got "${env.TEMPORAL_TLS}"`);
  const tlsOn = flag ? ['true', '1', 'yes', 'on'].includes(flag) : Boolean(apiKey || crt || ca || serverName);
  if (!tlsOn && !apiKey) return {};
  return {
    tls: tlsOn
      ? {
          ...(crt && key ? { clientCertPair: { crt, key } } : {}),
          ...(ca ? { serverRootCACertificate: ca } : {}),
          ...(serverName ? { serverNameOverride: serverName } : {}),
        }
      : false,
    ...(apiKey ? { apiKey } : {}),
  };
}
