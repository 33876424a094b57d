import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientConnectionOptions } from '../src/connection-options';

describe('clientConnectionOptions (TEMPORAL_ADDRESS pointing at a secured server)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tls-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds nothing for a plain local server', () => {
    expect(clientConnectionOptions({})).toEqual({});
  });

  it('turns TLS on with an API key, as Temporal Cloud requires', () => {
    expect(clientConnectionOptions({ TEMPORAL_API_KEY: 'k' })).toEqual({ tls: {}, apiKey: 'k' });
  });

  it('lets TEMPORAL_TLS=false keep an API key on a plaintext connection', () => {
    expect(clientConnectionOptions({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' })).toEqual({ tls: false, apiKey: 'k' });
  });

  it('reads an mTLS client pair, CA and server name from files', () => {
    for (const f of ['crt', 'key', 'ca']) writeFileSync(path.join(dir, f), `${f}-pem`);
    const options = clientConnectionOptions({
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

  it('names the variable when a certificate comes without its key, or a file cannot be read', () => {
    writeFileSync(path.join(dir, 'lonely-crt'), 'x');
    expect(() => clientConnectionOptions({ TEMPORAL_TLS_CLIENT_CERT_PATH: path.join(dir, 'lonely-crt') })).toThrow('go together');
    expect(() => clientConnectionOptions({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: path.join(dir, 'missing') })).toThrow('TEMPORAL_TLS_SERVER_CA_CERT_PATH: cannot read');
    expect(() => clientConnectionOptions({ TEMPORAL_TLS: 'maybe' })).toThrow('TEMPORAL_TLS must be true or false');
  });
});
