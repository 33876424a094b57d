export {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  METADATA_KEY_ID,
  parseEncryptionKey,
  PayloadDecryptionError,
  type EncryptionKey,
} from './aes-gcm-codec';
export { encryptionDataConverter, type EncryptionSettings } from './data-converter';
export { createCodecServer, type CodecServerOptions } from './codec-server';
