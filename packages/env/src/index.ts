export { EnvError, envFlag, envList, envNumber, envTemporalAddress } from './parse';
export { temporalTlsFromEnv, type TemporalTlsConfig, type TemporalTlsOptions } from './temporal-tls';
