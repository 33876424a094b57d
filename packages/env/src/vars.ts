import { LOG_FORMATS } from './log';
import { v } from './schema';

/** pino levels; every service reads LOG_LEVEL and LOG_FORMAT. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

export const LOG_VARS = {
  LOG_LEVEL: v.oneOf(LOG_LEVELS, { default: 'info', description: 'Lowest pino level written.' }),
  LOG_FORMAT: v.oneOf(LOG_FORMATS, { defaultText: 'pretty on a terminal, json otherwise', description: 'One coloured line per event (pretty) or one JSON object per line (json). NO_COLOR drops the colours.' }),
};

/** TEMPORAL_ADDRESS as host:port. */
export const HOST_PORT = '^[^\\s:]+:\\d+$';

/** The Temporal server a client or worker connects to. */
export const TEMPORAL_SERVER_VARS = {
  TEMPORAL_ADDRESS: v.string({ default: '127.0.0.1:7233', pattern: HOST_PORT, hint: 'host:port', description: 'Temporal frontend gRPC address.' }),
  TEMPORAL_NAMESPACE: v.string({ default: 'default', description: 'Temporal namespace.' }),
};

/** Temporal Cloud / a secured cluster, with Temporal's own env-config names (read by temporalTlsFromEnv). */
export const TEMPORAL_TLS_VARS = {
  TEMPORAL_API_KEY: v.string({ secret: true, description: 'API key (Temporal Cloud); implies TLS.' }),
  TEMPORAL_TLS: v.flag({ defaultText: 'on when any other TEMPORAL_TLS_* or the API key is set', description: 'Force TLS on or off.' }),
  TEMPORAL_TLS_CLIENT_CERT_PATH: v.string({ description: 'mTLS client certificate (PEM file); goes with TEMPORAL_TLS_CLIENT_KEY_PATH.' }),
  TEMPORAL_TLS_CLIENT_KEY_PATH: v.string({ description: 'mTLS client key (PEM file); goes with TEMPORAL_TLS_CLIENT_CERT_PATH.' }),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: v.string({ description: "CA of the server's certificate (PEM file)." }),
  TEMPORAL_TLS_SERVER_NAME: v.string({ description: 'SNI / host name to verify.' }),
};

export const TEMPORAL_CONNECTION_VARS = { ...TEMPORAL_SERVER_VARS, ...TEMPORAL_TLS_VARS };

/** Where the services keep their data (SQLite files, artifacts, workspaces). */
export const DATA_DIR_VARS = {
  TEMPORAL_ECOMMERCE_DATA_DIR: v.string({ defaultText: '<repo>/.data', description: 'Data folder of the workers (orders.db, ML artifacts, agent workspaces); the gateway reads the catalog from it.' }),
};

export const NODE_ENV_VARS = {
  NODE_ENV: v.string({ default: 'development', description: 'production turns off demo conveniences and refuses unsafe settings.' }),
};
