import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConnectionOptions } from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { afterAll, describe, expect, it } from 'vitest';
import { EnvError, temporalTlsFromEnv } from '../src';

describe('temporalTlsFromEnv', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'env-tls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds nothing for a plain local server', () => {
    expect(temporalTlsFromEnv({})).toBeUndefined();
    expect(temporalTlsFromEnv({ TEMPORAL_TLS: 'false' })).toBeUndefined();
  });

  it('turns TLS on with an API key, as Temporal Cloud requires, or with TEMPORAL_TLS alone', () => {
    expect(temporalTlsFromEnv({ TEMPORAL_API_KEY: 'k' })).toEqual({ tls: {}, apiKey: 'k' });
    expect(temporalTlsFromEnv({ TEMPORAL_TLS: 'true' })).toEqual({ tls: {} });
  });

  it('lets TEMPORAL_TLS=false keep an API key on a plaintext connection', () => {
    expect(temporalTlsFromEnv({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' })).toEqual({ tls: false, apiKey: 'k' });
  });

  it('reads an mTLS client pair, CA and server name from files', () => {
    for (const f of ['crt', 'key', 'ca']) writeFileSync(path.join(dir, f), `${f}-pem`);
    const options = temporalTlsFromEnv({
      TEMPORAL_TLS_CLIENT_CERT_PATH: path.join(dir, 'crt'),
      TEMPORAL_TLS_CLIENT_KEY_PATH: path.join(dir, 'key'),
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: path.join(dir, 'ca'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    expect(options).toEqual({
      tls: {
        clientCertPair: { crt: Buffer.from('crt-pem'), key: Buffer.from('key-pem') },
        serverRootCACertificate: Buffer.from('ca-pem'),
        serverNameOverride: 'temporal.internal',
      },
    });
  });

  it('names the variable when a certificate comes without its key, a file cannot be read, or the flag is not a flag', () => {
    writeFileSync(path.join(dir, 'lonely-crt'), 'x');
    expect(() => temporalTlsFromEnv({ TEMPORAL_TLS_CLIENT_CERT_PATH: path.join(dir, 'lonely-crt') })).toThrow(
      new EnvError('TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH go together (mTLS)'),
    );
    expect(() => temporalTlsFromEnv({ TEMPORAL_TLS_CLIENT_KEY_PATH: path.join(dir, 'lonely-crt') })).toThrow('go together');
    expect(() => temporalTlsFromEnv({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: path.join(dir, 'missing') })).toThrow(/^TEMPORAL_TLS_SERVER_CA_CERT_PATH: cannot read ".*missing"/);
    expect(() => temporalTlsFromEnv({ TEMPORAL_TLS: 'maybe' })).toThrow(new EnvError('TEMPORAL_TLS must be true or false, got "maybe"'));
  });

  it('spreads into the client ConnectionOptions and the worker NativeConnectionOptions (tsc checks the types)', () => {
    const options = temporalTlsFromEnv({ TEMPORAL_API_KEY: 'k' });
    const client: Pick<ConnectionOptions, 'tls' | 'apiKey'> = { ...options };
    const worker: Partial<NativeConnectionOptions> = { ...options };
    expect(client).toEqual(worker);
  });
});
