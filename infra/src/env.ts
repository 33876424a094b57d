import path from 'node:path';
import { DATA_DIR_VARS, defineEnv, HOST_PORT, LOG_VARS, readEnv, TEMPORAL_TLS_VARS, v } from '@temporal-ecommerce/env';
import { dataDir, repoRoot } from './paths';

const port = (description: string, fallback?: number) =>
  fallback === undefined ? v.integer({ minimum: 1, maximum: 65535, description, defaultText: 'TEMPORAL_DEV_PORT + 1000' }) : v.integer({ default: fallback, minimum: 1, maximum: 65535, description });

/** What provision reads: the server a program talks to, nothing about this checkout (it runs in an image). */
export const SERVER_ENV = defineEnv({
  TEMPORAL_ADDRESS: v.string({ pattern: HOST_PORT, hint: 'host:port', defaultText: 'the dev server below', description: 'Set: use this server (cluster, Cloud, compose) and start none, only check it answers.' }),
  TEMPORAL_NAMESPACE: v.string({ default: 'default', description: 'Temporal namespace.' }),
  TEMPORAL_READY_TIMEOUT_SECONDS: v.integer({ default: 60, minimum: 1, maximum: 3600, description: 'How long to wait for a server (ours or TEMPORAL_ADDRESS) to answer.' }),
  TEMPORAL_DEV_IP: v.string({ default: '127.0.0.1', description: 'Interface the dev server listens on.' }),
  TEMPORAL_DEV_PORT: port('Dev server gRPC port.', 7233),
});

/** `pnpm start`, `pnpm temporal`, `pnpm run doctor`, provision: every variable infra reads. */
export const INFRA_ENV = defineEnv({
  ...SERVER_ENV.properties,
  TEMPORAL_DEV_UI_PORT: port('Dev server UI port.'),
  TEMPORAL_DEV_DB: v.string({ defaultText: '<data dir>/temporal.db', description: "Dev server's SQLite file (history survives restarts)." }),
  TEMPORAL_CLI_PATH: v.string({ defaultText: 'PATH, then .cache/', description: 'A temporal CLI to use instead of finding or installing one.' }),
  PORT: port('Gateway port pnpm start gives the gateway.', 3001),
  ...DATA_DIR_VARS,
  PG_BIN_DIR: v.string({ defaultText: 'the newest /usr/lib/postgresql/<version>/bin', description: 'PostgreSQL binaries (initdb, pg_ctl) for the throwaway clusters of the tests and pnpm chaos with CHAOS_POSTGRES.' }),
  CHROMIUM_PATH: v.string({ defaultText: 'chromium on PATH', description: "The browser `pnpm run doctor` checks for the console's browser tests." }),
  TEMPORAL_ECOMMERCE_APPS_ROOT: v.string({ defaultText: '<repo>', description: 'Where apps/<service>/dist lives (tests point it at fixtures).' }),
  LOG_FORMAT: LOG_VARS.LOG_FORMAT,
  // Read by control.ts's controlsRequested (which also refuses it under NODE_ENV=production); declared here for the docs and the type check.
  OPS_CONTROLS: v.oneOf(['on', 'off'] as const, { default: 'off', description: "pnpm start/dev: let the console's Operations screen kill and start workers, set the order worker's faults and run the load generator (local development only; refused with NODE_ENV=production)." }),
  ...TEMPORAL_TLS_VARS,
});

/** Where the launchers put things; read once from the environment, with local-dev defaults. */
export interface LauncherEnv {
  /** Set → an existing Temporal server (cluster, Cloud, compose): start none, only check it answers. */
  externalAddress: string | undefined;
  namespace: string;
  /** How long to wait for a server (ours or TEMPORAL_ADDRESS) to answer. */
  readyTimeoutMs: number;
  /** The dev server we start when no external address is given. */
  devServer: { ip: string; port: number; uiPort: number; dbFilename: string };
  gatewayPort: number;
  dataDir: string;
  /** Where apps/<service>/dist lives; the repo root unless a test points it at fixtures. */
  appsRoot: string;
  /** The Chromium the console's browser tests drive. */
  chromium: string;
}

/** The server a program talks to; nothing about this checkout, so it also works from an image that has none. */
export interface ServerEnv {
  /** TEMPORAL_ADDRESS, else the dev server's default address. */
  address: string;
  namespace: string;
  readyTimeoutMs: number;
}

/** For `provision`, which runs in the compose `temporal-provision` container, away from the repository. */
export function readServerEnv(env: NodeJS.ProcessEnv = process.env): ServerEnv {
  const e = readEnv(SERVER_ENV, env);
  return {
    address: e.TEMPORAL_ADDRESS ?? `${e.TEMPORAL_DEV_IP}:${e.TEMPORAL_DEV_PORT}`,
    namespace: e.TEMPORAL_NAMESPACE,
    readyTimeoutMs: e.TEMPORAL_READY_TIMEOUT_SECONDS * 1000,
  };
}

export function readLauncherEnv(env: NodeJS.ProcessEnv = process.env): LauncherEnv {
  const e = readEnv(INFRA_ENV, env);
  const data = e.TEMPORAL_ECOMMERCE_DATA_DIR ?? dataDir();
  return {
    externalAddress: e.TEMPORAL_ADDRESS,
    namespace: e.TEMPORAL_NAMESPACE,
    readyTimeoutMs: e.TEMPORAL_READY_TIMEOUT_SECONDS * 1000,
    devServer: {
      ip: e.TEMPORAL_DEV_IP,
      port: e.TEMPORAL_DEV_PORT,
      uiPort: e.TEMPORAL_DEV_UI_PORT ?? e.TEMPORAL_DEV_PORT + 1000,
      dbFilename: e.TEMPORAL_DEV_DB ?? path.join(data, 'temporal.db'),
    },
    gatewayPort: e.PORT,
    dataDir: data,
    appsRoot: e.TEMPORAL_ECOMMERCE_APPS_ROOT ?? repoRoot(),
    chromium: e.CHROMIUM_PATH ?? 'chromium',
  };
}
