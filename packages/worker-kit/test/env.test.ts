import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorkerKitEnv, EnvError, workerKitVars } from '../src';

const REPO_ROOT = path.resolve(__dirname, '../../..');
const deploymentDefaults = { deploymentName: 'order-worker', behavior: 'PINNED' as const, packageVersion: '1.2.3', repoRoot: REPO_ROOT };
const defaults = { metricsPort: 9464, deployment: deploymentDefaults };
const tmp = mkdtempSync(path.join(tmpdir(), 'worker-kit-env-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('loadWorkerKitEnv: Worker Deployment Versioning', () => {
  it('runs as a version of its deployment by default: build id from the package version and the git revision', () => {
    const { deployment } = loadWorkerKitEnv({}, defaults);
    expect(deployment).toMatchObject({ version: { deploymentName: 'order-worker' }, behavior: 'PINNED', promote: 'if-none' });
    expect(deployment!.version.buildId).toMatch(/^1\.2\.3-([0-9a-f]{12}(-dirty)?|nogit)$/);
    expect(loadWorkerKitEnv({ GIT_REVISION: 'abc123' }, defaults).deployment!.version.buildId).toBe('1.2.3-abc123');
    expect(loadWorkerKitEnv({ NODE_ENV: 'production', GIT_REVISION: 'abc123' }, defaults).deployment!.promote).toBe('never');
  });

  it('takes the name, build id and promote policy from env, and names a bad variable', () => {
    const env = { WORKER_DEPLOYMENT_NAME: 'orders-canary', WORKER_BUILD_ID: 'v2', WORKER_DEPLOYMENT_PROMOTE: 'always' };
    expect(loadWorkerKitEnv(env, defaults).deployment).toEqual({ version: { deploymentName: 'orders-canary', buildId: 'v2' }, behavior: 'PINNED', promote: 'always' });
    expect(() => loadWorkerKitEnv({ WORKER_DEPLOYMENT_NAME: 'orders.v2' }, defaults)).toThrow(/WORKER_DEPLOYMENT_NAME must be .* \(no dot\)/);
    expect(() => loadWorkerKitEnv({ WORKER_BUILD_ID: 'v 2' }, defaults)).toThrow(/WORKER_BUILD_ID must be/);
    expect(() => loadWorkerKitEnv({ WORKER_DEPLOYMENT_PROMOTE: 'yes' }, defaults)).toThrow('WORKER_DEPLOYMENT_PROMOTE must be one of never, if-none, always, got "yes"');
    expect(() => loadWorkerKitEnv({ WORKER_VERSIONING: 'maybe' }, defaults)).toThrow('WORKER_VERSIONING must be on or off');
  });
});

describe('loadWorkerKitEnv', () => {
  it('serves metrics on the worker default port on loopback, with a 3 s sticky queue timeout and tracing, encryption and TLS off', () => {
    expect(loadWorkerKitEnv({ WORKER_VERSIONING: 'off' }, defaults)).toEqual({ stickyQueueScheduleToStartTimeout: 3000, metricsAddress: '127.0.0.1:9464' });
  });

  it('reads WORKER_STICKY_QUEUE_TIMEOUT as a duration and names it when it is not one or out of range', () => {
    const sticky = (value: string) => loadWorkerKitEnv({ WORKER_STICKY_QUEUE_TIMEOUT: value }, defaults).stickyQueueScheduleToStartTimeout;
    expect(sticky('10s')).toBe(10_000);
    expect(sticky('3 seconds')).toBe(3000);
    expect(sticky('1.5m')).toBe(90_000);
    expect(sticky('2500')).toBe(2500);
    expect(sticky('')).toBe(3000);
    for (const bad of ['soon', '-3s', '500ms', '2h', '3 fortnights']) {
      expect(() => sticky(bad)).toThrow(EnvError);
      expect(() => sticky(bad)).toThrow(`WORKER_STICKY_QUEUE_TIMEOUT must be a duration from 1 s to 600 s, like "3s", "3 seconds" or "3000" (milliseconds), got "${bad}"`);
    }
  });

  it("takes a worker's own sticky queue timeout default, for the variable's schema and its reader alike", () => {
    const own = { ...defaults, stickyQueueTimeoutMs: 1000 };
    expect(loadWorkerKitEnv({}, own).stickyQueueScheduleToStartTimeout).toBe(1000);
    expect(loadWorkerKitEnv({ WORKER_STICKY_QUEUE_TIMEOUT: '4s' }, own).stickyQueueScheduleToStartTimeout).toBe(4000);
    expect(workerKitVars({ metricsPort: 9466, deploymentName: 'x', stickyQueueTimeoutMs: 1000 }).WORKER_STICKY_QUEUE_TIMEOUT.default).toBe('1s');
    expect(workerKitVars({ metricsPort: 9466, deploymentName: 'x' }).WORKER_STICKY_QUEUE_TIMEOUT.default).toBe('3s');
  });

  it('moves or disables metrics', () => {
    expect(loadWorkerKitEnv({ METRICS_PORT: '9564', METRICS_HOST: '0.0.0.0' }, defaults).metricsAddress).toBe('0.0.0.0:9564');
    expect(loadWorkerKitEnv({ METRICS_PORT: 'off' }, defaults).metricsAddress).toBeUndefined();
    expect(() => loadWorkerKitEnv({ METRICS_PORT: '99999' }, defaults)).toThrow(/METRICS_PORT must be a port number or "off"/);
  });

  it('turns tracing on with one switch, sending to the local collector unless an endpoint is given', () => {
    expect(loadWorkerKitEnv({ OTEL_ENABLED: 'true' }, defaults).tracing).toEqual({ otlpEndpoint: 'http://127.0.0.1:4318' });
    expect(loadWorkerKitEnv({ OTEL_ENABLED: '1', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318' }, defaults).tracing).toEqual({ otlpEndpoint: 'http://otel:4318' });
    expect(loadWorkerKitEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318' }, defaults).tracing).toBeUndefined();
    expect(() => loadWorkerKitEnv({ OTEL_ENABLED: 'maybe' }, defaults)).toThrow('OTEL_ENABLED must be true or false');
  });

  it('reads the encryption key and refuses a malformed one', () => {
    const key = randomBytes(32).toString('base64');
    expect(loadWorkerKitEnv({ PAYLOAD_ENCRYPTION_KEY: key }, defaults).encryption).toEqual({ key, keyId: 'default' });
    expect(() => loadWorkerKitEnv({ PAYLOAD_ENCRYPTION_KEY: 'dG9vLXNob3J0' }, defaults)).toThrow(EnvError);
  });

  it('reads previous keys for decryption (rotation) and names a bad entry without printing a key', () => {
    const [key, old] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const encryption = loadWorkerKitEnv({ PAYLOAD_ENCRYPTION_KEY: key, PAYLOAD_ENCRYPTION_KEY_ID: 'b', PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `a:${old}` }, defaults).encryption;
    expect(encryption).toMatchObject({ key, keyId: 'b' });
    expect(encryption!.previousKeys!.map((k) => k.id)).toEqual(['a']);
    const bad = () => loadWorkerKitEnv({ PAYLOAD_ENCRYPTION_KEY: key, PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `a:${old},${old}` }, defaults);
    expect(bad).toThrow(EnvError);
    expect(bad).toThrow('PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: entry 2 of 2');
    expect(bad).not.toThrow(old.slice(0, 12));
  });

  it('builds connection options for an API key (TLS implied) and for mTLS from files', () => {
    expect(loadWorkerKitEnv({ TEMPORAL_API_KEY: 'secret' }, defaults).connectionOptions).toEqual({ tls: {}, apiKey: 'secret' });
    const crt = path.join(tmp, 'client.pem');
    const key = path.join(tmp, 'client.key');
    writeFileSync(crt, 'CERT');
    writeFileSync(key, 'KEY');
    const mtls = loadWorkerKitEnv({ TEMPORAL_TLS_CLIENT_CERT_PATH: crt, TEMPORAL_TLS_CLIENT_KEY_PATH: key, TEMPORAL_TLS_SERVER_NAME: 'ns.acct.tmprl.cloud' }, defaults);
    expect(mtls.connectionOptions).toEqual({ tls: { clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') }, serverNameOverride: 'ns.acct.tmprl.cloud' } });
    expect(() => loadWorkerKitEnv({ TEMPORAL_TLS_CLIENT_CERT_PATH: crt }, defaults)).toThrow('go together');
    expect(() => loadWorkerKitEnv({ TEMPORAL_TLS_SERVER_CA_CERT_PATH: path.join(tmp, 'missing.pem') }, defaults)).toThrow(/TEMPORAL_TLS_SERVER_CA_CERT_PATH: cannot read/);
  });
});
