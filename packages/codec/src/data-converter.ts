import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, parseEncryptionKey, parsePreviousKeys, type EncryptionKey } from './aes-gcm-codec';

export interface EncryptionSettings {
  /** base64 of 32 bytes; undefined means payloads are stored in clear. */
  key?: string;
  keyId: string;
  /** Keys that only decrypt (older keys still found in histories), from PAYLOAD_ENCRYPTION_PREVIOUS_KEYS. */
  previousKeys?: EncryptionKey[];
}

/**
 * The data converter for a client or worker: encrypting when a key is set, the SDK default otherwise.
 * Clients and workers of one namespace must agree, so every process builds it from the same env vars.
 */
export function encryptionDataConverter(settings: EncryptionSettings): DataConverter | undefined {
  if (!settings.key) return undefined;
  return { payloadCodecs: [new AesGcmPayloadCodec(parseEncryptionKey(settings.key, settings.keyId), settings.previousKeys ?? [])] };
}

/**
 * The key ring from the environment: PAYLOAD_ENCRYPTION_KEY (current, encrypts), PAYLOAD_ENCRYPTION_KEY_ID
 * (default "default") and PAYLOAD_ENCRYPTION_PREVIOUS_KEYS (`id:base64key,…`, decrypt only). Undefined when
 * no key is set. Throws an Error naming the variable (and entry) at fault, never a key's value.
 */
export function readEncryptionEnv(env: Record<string, string | undefined>): EncryptionSettings | undefined {
  if (!env.PAYLOAD_ENCRYPTION_KEY) {
    if (env.PAYLOAD_ENCRYPTION_PREVIOUS_KEYS) throw new Error('PAYLOAD_ENCRYPTION_PREVIOUS_KEYS is set but PAYLOAD_ENCRYPTION_KEY is not: previous keys only decrypt, a current key is required');
    return undefined;
  }
  const keyId = env.PAYLOAD_ENCRYPTION_KEY_ID || 'default';
  let current: EncryptionKey;
  try {
    current = parseEncryptionKey(env.PAYLOAD_ENCRYPTION_KEY, keyId);
  } catch (err) {
    throw new Error(`PAYLOAD_ENCRYPTION_KEY / PAYLOAD_ENCRYPTION_KEY_ID: ${(err as Error).message}`);
  }
  const previousKeys = parsePreviousKeys(env.PAYLOAD_ENCRYPTION_PREVIOUS_KEYS ?? '');
  const clash = previousKeys.findIndex((k) => k.id === current.id);
  if (clash >= 0) throw new Error(`PAYLOAD_ENCRYPTION_PREVIOUS_KEYS: entry ${clash + 1} has key id "${keyId}", the id of the current PAYLOAD_ENCRYPTION_KEY; give every key its own id`);
  return { key: env.PAYLOAD_ENCRYPTION_KEY, keyId, ...(previousKeys.length > 0 ? { previousKeys } : {}) };
}
