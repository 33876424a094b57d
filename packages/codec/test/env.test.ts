import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EnvError, loadEnv } from '../src/env';

const key = randomBytes(32).toString('base64');

describe('codec server env', () => {
  it('defaults to 127.0.0.1:8888, key id "default" and the local Temporal UI as CORS origin', () => {
    const env = loadEnv({ PAYLOAD_ENCRYPTION_KEY: key });
    expect(env).toMatchObject({ host: '127.0.0.1', port: 8888, corsOrigins: ['http://localhost:8233', 'http://127.0.0.1:8233'] });
    expect(env.key.id).toBe('default');
  });

  it('requires the key and names it when it is missing or malformed', () => {
    expect(() => loadEnv({})).toThrow(EnvError);
    expect(() => loadEnv({})).toThrow('PAYLOAD_ENCRYPTION_KEY is required');
    expect(() => loadEnv({ PAYLOAD_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/PAYLOAD_ENCRYPTION_KEY.*32 bytes/);
  });

  it('reads port, host, key id and origins', () => {
    const env = loadEnv({ PAYLOAD_ENCRYPTION_KEY: key, PAYLOAD_ENCRYPTION_KEY_ID: 'k7', CODEC_PORT: '8988', CODEC_HOST: '0.0.0.0', CODEC_CORS_ORIGINS: 'http://ui:8080/, https://cloud.temporal.io' });
    expect(env).toMatchObject({ host: '0.0.0.0', port: 8988, corsOrigins: ['http://ui:8080', 'https://cloud.temporal.io'] });
    expect(env.key.id).toBe('k7');
    expect(() => loadEnv({ PAYLOAD_ENCRYPTION_KEY: key, CODEC_PORT: 'x' })).toThrow('CODEC_PORT');
  });

  it('reads previous keys for decryption and names the bad entry', () => {
    const old = randomBytes(32).toString('base64');
    const env = loadEnv({ PAYLOAD_ENCRYPTION_KEY: key, PAYLOAD_ENCRYPTION_KEY_ID: '2026-02', PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `2026-01:${old}` });
    expect(env.key.id).toBe('2026-02');
    expect(env.previousKeys.map((k) => k.id)).toEqual(['2026-01']);
    expect(loadEnv({ PAYLOAD_ENCRYPTION_KEY: key }).previousKeys).toEqual([]);
    expect(() => loadEnv({ PAYLOAD_ENCRYPTION_KEY: key, PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `2026-01:${old},oops` })).toThrow(EnvError);
    expect(() => loadEnv({ PAYLOAD_ENCRYPTION_KEY: key, PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `2026-01:${old},oops` })).toThrow('PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: entry 2 of 2');
  });
});
