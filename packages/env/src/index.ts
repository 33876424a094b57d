export { EnvError, envFlag, envList, envNumber, envTemporalAddress } from './parse';
export { temporalTlsFromEnv, type TemporalTlsConfig, type TemporalTlsOptions } from './temporal-tls';
export { defineEnv, describeEnv, envTable, readEnv, v, type VarDoc, type VarInfo } from './schema';
export { DATA_DIR_VARS, HOST_PORT, LOG_LEVELS, LOG_VARS, NODE_ENV_VARS, TEMPORAL_CONNECTION_VARS, TEMPORAL_SERVER_VARS, TEMPORAL_TLS_VARS } from './vars';
