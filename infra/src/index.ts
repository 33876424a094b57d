export { repoRoot, dataDir, cacheDir } from './paths';
export { findTemporalCli, resolveTemporalCli, TemporalCliNotFoundError, TEMPORAL_CLI_MODULE, TEMPORAL_CLI_VERSION } from './temporal-cli';
export { resolveTestServer } from './test-server';
export { startDevServer, type DevServer, type DevServerOptions } from './dev-server';
// The one free-port helper: infra's launchers, the e2e harness and the packages' tests all use it.
export { checkPortFree, freePort } from './ports';
