import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { defaultPayloadConverter, METADATA_ENCODING_KEY, type Payload } from '@temporalio/common';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, METADATA_KEY_ID, parseEncryptionKey, PayloadDecryptionError } from '../src';

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
    await expect(other.decode([await encryptedOrder()])).rejects.toThrow('no key with id "k1"');
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
