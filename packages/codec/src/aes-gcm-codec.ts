import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** `metadata.encoding` of an encrypted payload: the Temporal UI shows it as such until a codec server decodes it. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Which key encrypted the payload, so keys can rotate while old histories stay readable. */
export const METADATA_KEY_ID = 'encryption-key-id';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface EncryptionKey {
  id: string;
  /** 32 bytes (AES-256). */
  key: Buffer;
}

export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const KEY_ID = /^[\w.-]{1,64}$/;

/**
 * A key from its base64 text (what env holds): `openssl rand -base64 32`. Throws naming what is wrong,
 * never the key itself.
 */
export function parseEncryptionKey(base64: string, id: string): EncryptionKey {
  const text = base64.trim();
  const key = Buffer.from(text, 'base64');
  if (!BASE64.test(text) || key.length !== KEY_BYTES) {
    throw new Error(`encryption key must be ${KEY_BYTES} bytes of base64 (openssl rand -base64 32), got ${BASE64.test(text) ? `${key.length} bytes` : 'characters that are not base64'}`);
  }
  if (!KEY_ID.test(id)) throw new Error(`encryption key id must be 1-64 letters, digits, ".", "_" or "-", got "${id}"`);
  return { id, key };
}

const utf8 = (s: string): Uint8Array => Buffer.from(s, 'utf8');

/**
 * Encrypts every payload with AES-256-GCM: the whole original Payload (metadata and data) becomes the
 * ciphertext, so the server sees neither values nor their encodings. The key id is authenticated data:
 * changing it in the history makes decryption fail instead of trying another key.
 * Payloads that are not encrypted pass through decode unchanged (histories from before encryption).
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly current: EncryptionKey;
  private readonly keys: Map<string, Buffer>;

  /** `key` encrypts; it and `previousKeys` decrypt (a key ring: rotate by making the old current key a previous one). */
  constructor(key: EncryptionKey, previousKeys: EncryptionKey[] = []) {
    const ids = [key.id, ...previousKeys.map((k) => k.id)];
    const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
    // Two keys under one id would make the id useless for choosing the key that decrypts.
    if (repeated !== undefined) throw new Error(`encryption key id "${repeated}" is used by more than one key`);
    this.current = key;
    this.keys = new Map([key, ...previousKeys].map((k) => [k.id, k.key]));
  }

  get keyId(): string {
    return this.current.id;
  }

  /** Ids of the keys that decrypt: the current one first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.current.key, iv);
    cipher.setAAD(utf8(this.current.id));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING), [METADATA_KEY_ID]: utf8(this.current.id) },
      data: Buffer.concat([iv, body, cipher.getAuthTag()]),
    };
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    if (!encoding || Buffer.from(encoding).toString('utf8') !== ENCRYPTED_ENCODING) return payload;
    const rawKeyId = payload.metadata?.[METADATA_KEY_ID];
    if (!rawKeyId) throw new PayloadDecryptionError(`encrypted payload has no ${METADATA_KEY_ID}`);
    const keyId = Buffer.from(rawKeyId).toString('utf8');
    const key = this.keys.get(keyId);
    if (!key) {
      throw new PayloadDecryptionError(
        `payload was encrypted with key id "${keyId}", which this process does not hold (it holds ${this.keyIds.map((id) => `"${id}"`).join(', ')}): add that key to PAYLOAD_ENCRYPTION_PREVIOUS_KEYS`,
      );
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError('encrypted payload is truncated');
    const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, IV_BYTES));
    decipher.setAAD(utf8(keyId));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(`payload failed authentication with key "${keyId}": tampered with, or a different key of the same id`);
    }
    return temporal.api.common.v1.Payload.decode(plain);
  }
}

/**
 * The previous keys of a key ring from env text: `id1:base64key,id2:base64key`. They decrypt only.
 * Errors name the variable and the entry's position, never a key.
 */
export function parsePreviousKeys(text: string, variable = 'PAYLOAD_ENCRYPTION_PREVIOUS_KEYS'): EncryptionKey[] {
  const entries = text.split(',').map((e) => e.trim());
  if (entries.length === 1 && entries[0] === '') return [];
  const keys: EncryptionKey[] = [];
  entries.forEach((entry, i) => {
    const at = `${variable}: entry ${i + 1} of ${entries.length}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error(`${at} must be "<key id>:<base64 key>" (entries separated by ",")`);
    const id = entry.slice(0, colon).trim();
    // An id that is not an id may be a key pasted in the wrong place: not echoed.
    if (!KEY_ID.test(id)) throw new Error(`${at}: the key id (before ":") must be 1-64 letters, digits, ".", "_" or "-"`);
    try {
      keys.push(parseEncryptionKey(entry.slice(colon + 1), id));
    } catch (err) {
      throw new Error(`${at} (key id "${id}"): ${(err as Error).message}`);
    }
  });
  const ids = keys.map((k) => k.id);
  const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (repeated >= 0) throw new Error(`${variable}: entry ${repeated + 1} repeats key id "${ids[repeated]}"`);
  return keys;
}
