import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { AesGcmPayloadCodec, createCodecServer, ENCRYPTED_ENCODING, parseEncryptionKey } from '../src';

const UI = 'http://localhost:8233';
const codec = new AesGcmPayloadCodec(parseEncryptionKey(randomBytes(32).toString('base64'), 'ui-key'));
let server: Server;
let url: string;

beforeAll(async () => {
  server = createCodecServer({ codec, corsOrigins: [UI], maxBodyBytes: 64 * 1024 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Proto JSON as the UI sends it: every bytes field in base64. */
function toJson(p: Payload): { metadata: Record<string, string>; data: string } {
  return {
    metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v!).toString('base64')])),
    data: Buffer.from(p.data!).toString('base64'),
  };
}

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: UI, 'x-namespace': 'default' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function b64(s: string): string {
  return Buffer.from(s).toString('base64');
}

describe('codec server', () => {
  it('decodes an encrypted payload into the JSON the UI can show', async () => {
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload({ approvedBy: 'bob' })]);
    const res = await post('/decode', { payloads: [toJson(encrypted!)] });
    expect(res.status).toBe(200);
    const { payloads } = (await res.json()) as { payloads: Array<{ metadata: Record<string, string>; data: string }> };
    expect(payloads[0]!.metadata.encoding).toBe(b64('json/plain'));
    expect(JSON.parse(Buffer.from(payloads[0]!.data, 'base64').toString())).toEqual({ approvedBy: 'bob' });
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
  });

  it('encodes, and what it encodes it decodes again', async () => {
    const plain = toJson(defaultPayloadConverter.toPayload('hello'));
    const encoded = (await (await post('/encode', { payloads: [plain] })).json()) as { payloads: Array<{ metadata: Record<string, string>; data: string }> };
    expect(encoded.payloads[0]!.metadata.encoding).toBe(b64(ENCRYPTED_ENCODING));
    const decoded = (await (await post('/decode', encoded)).json()) as { payloads: unknown[] };
    expect(decoded.payloads).toEqual([plain]);
  });

  it('answers the browser preflight for the UI origin with the headers the UI sends', async () => {
    const res = await fetch(`${url}/decode`, {
      method: 'OPTIONS',
      headers: { origin: UI, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
    expect(res.headers.get('access-control-allow-headers')).toMatch(/X-Namespace/i);
  });

  it('gives no CORS grant to an origin that is not configured', async () => {
    const res = await fetch(`${url}/decode`, { method: 'OPTIONS', headers: { origin: 'http://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 400 for a tampered payload and for a body without payloads', async () => {
    const [encrypted] = await codec.encode([defaultPayloadConverter.toPayload(1)]);
    const json = toJson(encrypted!);
    const data = Buffer.from(json.data, 'base64');
    data[15] = data[15]! ^ 0xff;
    const tampered = await post('/decode', { payloads: [{ ...json, data: data.toString('base64') }] });
    expect(tampered.status).toBe(400);
    expect(((await tampered.json()) as { message: string }).message).toMatch(/failed authentication/);

    const missing = await post('/decode', { nothing: true });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toBe('body/payloads must be an array');
    expect((await post('/decode', '{not json')).status).toBe(400);
  });

  it('answers 413 for a body over the limit and 404 for other paths', async () => {
    expect((await post('/decode', { payloads: [{ data: 'x'.repeat(100 * 1024) }] })).status).toBe(413);
    expect((await post('/other', { payloads: [] })).status).toBe(404);
  });
});

describe('codec server entry with a key ring', () => {
  it('decodes payloads of the current and the previous keys, encodes with the current one, and names an unknown key id', async () => {
    const entry = path.join(__dirname, '../dist/server.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: build @temporal-ecommerce/codec first`);
    const [keyA, keyB] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const child = spawn(process.execPath, [entry], {
      env: { PATH: process.env.PATH, CODEC_PORT: '0', PAYLOAD_ENCRYPTION_KEY: keyB, PAYLOAD_ENCRYPTION_KEY_ID: 'b', PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `a:${keyA}` },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const ready = await new Promise<{ url: string; keyId: string; previousKeyIds: string[] }>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const line = out.split('\n').find((l) => l.includes('codec server ready'));
          if (line) resolve(JSON.parse(line));
        });
        child.once('exit', (code) => reject(new Error(`codec server exited (${code}):\n${out}`)));
      });
      expect(ready).toMatchObject({ keyId: 'b', previousKeyIds: ['a'] });
      const call = async (route: string, payloads: Payload[]) => {
        const res = await fetch(`${ready.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ payloads: payloads.map(toJson) }) });
        return { status: res.status, body: (await res.json()) as { payloads?: Array<{ metadata: Record<string, string>; data: string }>; message?: string } };
      };
      const codecOf = (key: string, id: string) => new AesGcmPayloadCodec(parseEncryptionKey(key, id));
      const [underA] = await codecOf(keyA, 'a').encode([defaultPayloadConverter.toPayload('written before the rotation')]);
      const [underB] = await codecOf(keyB, 'b').encode([defaultPayloadConverter.toPayload('written after')]);
      const decoded = await call('/decode', [underA!, underB!]);
      expect(decoded.status).toBe(200);
      expect(decoded.body.payloads!.map((p) => JSON.parse(Buffer.from(p.data, 'base64').toString()))).toEqual(['written before the rotation', 'written after']);
      const encoded = await call('/encode', [defaultPayloadConverter.toPayload('new')]);
      expect(Buffer.from(encoded.body.payloads![0]!.metadata['encryption-key-id']!, 'base64').toString()).toBe('b');
      const [underC] = await codecOf(randomBytes(32).toString('base64'), 'c').encode([defaultPayloadConverter.toPayload('x')]);
      const unknown = await call('/decode', [underC!]);
      expect(unknown.status).toBe(400);
      expect(unknown.body.message).toContain('key id "c", which this process does not hold (it holds "b", "a")');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
