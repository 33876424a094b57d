import path from 'node:path';
import { dataDir, repoRoot } from './paths';

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
}

function positiveInt(name: string, fallback: number, max = 65535): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name}=${raw} is not a whole number from 1 to ${max}`);
  }
  return value;
}

/** The server a program talks to; nothing about this checkout, so it also works from an image that has none. */
export interface ServerEnv {
  /** TEMPORAL_ADDRESS, else the dev server's default address. */
  address: string;
  namespace: string;
  readyTimeoutMs: number;
}

function devPort(): number {
  return positiveInt('TEMPORAL_DEV_PORT', 7233);
}

/** For `provision`, which runs in the compose `temporal-provision` container, away from the repository. */
export function readServerEnv(): ServerEnv {
  return {
    address: process.env.TEMPORAL_ADDRESS || `${process.env.TEMPORAL_DEV_IP || '127.0.0.1'}:${devPort()}`,
    namespace: process.env.TEMPORAL_NAMESPACE || 'default',
    readyTimeoutMs: positiveInt('TEMPORAL_READY_TIMEOUT_SECONDS', 60, 3600) * 1000,
  };
}

export function readLauncherEnv(): LauncherEnv {
  const data = dataDir();
  const { namespace, readyTimeoutMs } = readServerEnv();
  const port = devPort();
  return {
    externalAddress: process.env.TEMPORAL_ADDRESS || undefined,
    namespace,
    readyTimeoutMs,
    devServer: {
      ip: process.env.TEMPORAL_DEV_IP || '127.0.0.1',
      port,
      uiPort: positiveInt('TEMPORAL_DEV_UI_PORT', port + 1000),
      dbFilename: process.env.TEMPORAL_DEV_DB || path.join(data, 'temporal.db'),
    },
    gatewayPort: positiveInt('PORT', 3001),
    dataDir: data,
    appsRoot: process.env.TEMPORAL_ECOMMERCE_APPS_ROOT || repoRoot(),
  };
}
