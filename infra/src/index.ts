export { repoRoot, dataDir, cacheDir } from './paths';
export { findTemporalCli, resolveTemporalCli, TemporalCliNotFoundError, TEMPORAL_CLI_MODULE, TEMPORAL_CLI_VERSION } from './temporal-cli';
export { resolveTestServer } from './test-server';
export { startDevServer, type DevServer, type DevServerOptions } from './dev-server';
