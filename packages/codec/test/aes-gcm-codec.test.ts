import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, METADATA_KEY_ID, encryptionDataConverter, parseEncryptionKey, parsePreviousKeys, PayloadDecryptionError, readEncryptionEnv } from '../src';

const keyText = randomBytes(32).toString('base64');
const codec = new AesGcmPayloadCodec(parseEncryptionKey(keyText, 'k1'));
const order = { orderId: 'order-001', customerId: 'alice@example.com', totalAmount: 129.99 };

function text(bytes: Uint8Array | null | undefined): string {
  return Buffer.from(bytes ?? new Uint8Array()).toString('utf8');
}

async function encryptedOrder(): Promise<Payload> {
  const [payload] = await codec.encode([defaultPayloadConverter.toPayload(order)]);
  return payload!;
}

describe('AesGcmPayloadCodec', () => {
  it('round-trips a payload: decode(encode(p)) gives back the same metadata and data', async () => {
    const original = defaultPayloadConverter.toPayload(order);
    const [decoded] = await codec.decode(await codec.encode([original]));
    expect(text(decoded!.metadata![METADATA_ENCODING_KEY])).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(order);
  });

  it('hides the value and its encoding: only binary/encrypted and the key id are visible', async () => {
    const payload = await encryptedOrder();
    expect(Object.keys(payload.metadata!).sort()).toEqual([METADATA_KEY_ID, METADATA_ENCODING_KEY].sort());
    expect(text(payload.metadata![METADATA_ENCODING_KEY])).toBe(ENCRYPTED_ENCODING);
    expect(text(payload.metadata![METADATA_KEY_ID])).toBe('k1');
    expect(text(payload.data)).not.toContain('alice');
    expect(text(payload.data)).not.toContain('json/plain');
  });

  it('uses a fresh IV per payload, so equal values do not give equal ciphertexts', async () => {
    const [a, b] = await codec.encode([defaultPayloadConverter.toPayload(order), defaultPayloadConverter.toPayload(order)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('rejects a payload whose ciphertext was changed', async () => {
    const payload = await encryptedOrder();
    const data = Buffer.from(payload.data!);
    data[20] = data[20]! ^ 0x01;
    await expect(codec.decode([{ ...payload, data }])).rejects.toThrow(PayloadDecryptionError);
  });

  it('rejects a payload whose key id was changed, even to another known key', async () => {
    const other = parseEncryptionKey(randomBytes(32).toString('base64'), 'k0');
    const rotating = new AesGcmPayloadCodec(parseEncryptionKey(keyText, 'k1'), [other]);
    const payload = await encryptedOrder();
    const relabelled = { ...payload, metadata: { ...payload.metadata, [METADATA_KEY_ID]: Buffer.from('k0') } };
    await expect(rotating.decode([relabelled])).rejects.toThrow(/failed authentication with key "k0"/);
  });

  it('rejects a payload encrypted with a different key of the same id', async () => {
    const impostor = new AesGcmPayloadCodec(parseEncryptionKey(randomBytes(32).toString('base64'), 'k1'));
    await expect(impostor.decode([await encryptedOrder()])).rejects.toThrow(/failed authentication/);
  });

  it('names the missing key when the key id is unknown', async () => {
    const other = new AesGcmPayloadCodec(parseEncryptionKey(randomBytes(32).toString('base64'), 'k2'));
    await expect(other.decode([await encryptedOrder()])).rejects.toThrow(PayloadDecryptionError);
    await expect(other.decode([await encryptedOrder()])).rejects.toThrow('encrypted with key id "k1", which this process does not hold (it holds "k2")');
  });

  it('decrypts with a previous key after rotation and encrypts with the new one', async () => {
    const old = await encryptedOrder();
    const rotated = new AesGcmPayloadCodec(parseEncryptionKey(randomBytes(32).toString('base64'), 'k2'), [parseEncryptionKey(keyText, 'k1')]);
    const [decoded] = await rotated.decode([old]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(order);
    const [fresh] = await rotated.encode([decoded!]);
    expect(text(fresh!.metadata![METADATA_KEY_ID])).toBe('k2');
  });

  it('passes payloads that were never encrypted through decode unchanged', async () => {
    const plain = defaultPayloadConverter.toPayload(order);
    const [decoded] = await codec.decode([plain]);
    expect(decoded).toBe(plain);
  });

  it('rejects a truncated ciphertext', async () => {
    const payload = await encryptedOrder();
    await expect(codec.decode([{ ...payload, data: Buffer.from(payload.data!).subarray(0, 10) }])).rejects.toThrow('truncated');
  });
});

describe('parseEncryptionKey', () => {
  it('refuses a key that is not 32 bytes', () => {
    expect(() => parseEncryptionKey(randomBytes(16).toString('base64'), 'k')).toThrow('must be 32 bytes');
  });

  it('refuses a key id with characters outside the allowed set', () => {
    expect(() => parseEncryptionKey(keyText, 'has space')).toThrow('key id');
  });
});

describe('key ring', () => {
  const keyA = randomBytes(32).toString('base64');
  const keyB = randomBytes(32).toString('base64');
  const keyC = randomBytes(32).toString('base64');

  it('reads previous keys "id:base64,id:base64" in order, tolerating spaces', () => {
    const keys = parsePreviousKeys(` a:${keyA} , c:${keyC}`);
    expect(keys.map((k) => k.id)).toEqual(['a', 'c']);
    expect(keys[0]!.key.equals(Buffer.from(keyA, 'base64'))).toBe(true);
    expect(parsePreviousKeys('')).toEqual([]);
  });

  it.each([
    ['an entry without an id', () => `a:${keyA},${keyC}`, 'PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: entry 2 of 2 must be "<key id>:<base64 key>"'],
    ['a short key', () => `a:${keyA},c:${randomBytes(16).toString('base64')}`, 'PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: entry 2 of 2 (key id "c"): encryption key must be 32 bytes of base64 (openssl rand -base64 32), got 16 bytes'],
    ['a key that is not base64', () => `a:${keyA.slice(0, -4)}!!!!`, 'entry 1 of 1 (key id "a"): encryption key must be 32 bytes of base64 (openssl rand -base64 32), got characters that are not base64'],
    ['an id that is not an id', () => `${keyB}x:${keyA}`, 'entry 1 of 1: the key id (before ":") must be 1-64 letters'],
    ['a repeated id', () => `a:${keyA},a:${keyC}`, 'entry 2 repeats key id "a"'],
    ['an empty entry', () => `a:${keyA},,c:${keyC}`, 'entry 2 of 3 must be'],
  ])('refuses %s, naming the variable and the position but never a key', (_name, text, message) => {
    const value = text();
    const err = (() => {
      try {
        parsePreviousKeys(value);
      } catch (e) {
        return e as Error;
      }
      throw new Error('accepted');
    })();
    expect(err.message).toContain(message);
    for (const secret of [keyA, keyB, keyC]) expect(err.message).not.toContain(secret.slice(0, 12));
  });

  it('reads the ring from env: current key and id, previous keys; refuses a previous key under the current id', () => {
    expect(readEncryptionEnv({})).toBeUndefined();
    const settings = readEncryptionEnv({ PAYLOAD_ENCRYPTION_KEY: keyB, PAYLOAD_ENCRYPTION_KEY_ID: 'b', PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `a:${keyA}` });
    expect(settings).toMatchObject({ key: keyB, keyId: 'b' });
    expect(settings!.previousKeys!.map((k) => k.id)).toEqual(['a']);
    expect(readEncryptionEnv({ PAYLOAD_ENCRYPTION_KEY: keyB })).toEqual({ key: keyB, keyId: 'default' });
    expect(() => readEncryptionEnv({ PAYLOAD_ENCRYPTION_KEY: keyB, PAYLOAD_ENCRYPTION_KEY_ID: 'b', PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `b:${keyA}` })).toThrow(
      'PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: entry 1 has key id "b", the id of the current PAYLOAD_ENCRYPTION_KEY',
    );
    expect(() => readEncryptionEnv({ PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `a:${keyA}` })).toThrow('PAYLOAD_ENCRYPTION_PREVIOUS_KEYS is set but PAYLOAD_ENCRYPTION_KEY is not');
    expect(() => readEncryptionEnv({ PAYLOAD_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/^PAYLOAD_ENCRYPTION_KEY \/ PAYLOAD_ENCRYPTION_KEY_ID: .*got 5 bytes/);
  });

  it('rotates: what A wrote, a ring with B current and A previous reads and rewrites under B; B alone names A', async () => {
    const ringA = encryptionDataConverter(readEncryptionEnv({ PAYLOAD_ENCRYPTION_KEY: keyA, PAYLOAD_ENCRYPTION_KEY_ID: 'a' })!)!.payloadCodecs![0]!;
    const ringB = encryptionDataConverter(readEncryptionEnv({ PAYLOAD_ENCRYPTION_KEY: keyB, PAYLOAD_ENCRYPTION_KEY_ID: 'b', PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: `a:${keyA}` })!)!.payloadCodecs![0]!;
    const onlyB = encryptionDataConverter(readEncryptionEnv({ PAYLOAD_ENCRYPTION_KEY: keyB, PAYLOAD_ENCRYPTION_KEY_ID: 'b' })!)!.payloadCodecs![0]!;
    const [underA] = await ringA.encode([defaultPayloadConverter.toPayload(order)]);
    const [read] = await ringB.decode([underA!]);
    expect(defaultPayloadConverter.fromPayload(read!)).toEqual(order);
    const [underB] = await ringB.encode([read!]);
    expect(text(underB!.metadata![METADATA_KEY_ID])).toBe('b');
    await expect(ringA.decode([underB!])).rejects.toThrow('key id "b"');
    await expect(onlyB.decode([underA!])).rejects.toThrow('encrypted with key id "a", which this process does not hold (it holds "b")');
  });

  it('refuses two keys under one id in a codec', () => {
    expect(() => new AesGcmPayloadCodec(parseEncryptionKey(keyA, 'a'), [parseEncryptionKey(keyB, 'a')])).toThrow('key id "a" is used by more than one key');
  });
});
