import type { DataConverter } from '@temporalio/common';
import { AesGcmPayloadCodec, parseEncryptionKey } from './aes-gcm-codec';

export interface EncryptionSettings {
  /** base64 of 32 bytes; undefined means payloads are stored in clear. */
  key?: string;
  keyId: string;
}

/**
 * The data converter for a client or worker: encrypting when a key is set, the SDK default otherwise.
 * Clients and workers of one namespace must agree, so every process builds it from the same env vars.
 */
export function encryptionDataConverter(settings: EncryptionSettings): DataConverter | undefined {
  if (!settings.key) return undefined;
  return { payloadCodecs: [new AesGcmPayloadCodec(parseEncryptionKey(settings.key, settings.keyId))] };
}
