export {
  AesGcmPayloadCodec,
  ENCRYPTED_ENCODING,
  METADATA_KEY_ID,
  parseEncryptionKey,
  parsePreviousKeys,
  PayloadDecryptionError,
  type EncryptionKey,
} from './aes-gcm-codec';
export { encryptionDataConverter, readEncryptionEnv, type EncryptionSettings } from './data-converter';
export { createCodecServer, type CodecServerOptions } from './codec-server';
export { CODEC_SERVER_ENV } from './env';
