import path from 'node:path';
import { dataDir } from './paths';

/** Where the launchers put things; read once from the environment, with local-dev defaults. */
export interface LauncherEnv {
  /** Set → an existing Temporal server (cluster, Cloud, compose): start none, only check it answers. */
  externalAddress: string | undefined;
  namespace: string;
  /** The dev server we start when no external address is given. */
  devServer: { ip: string; port: number; uiPort: number; dbFilename: string };
  gatewayPort: number;
  dataDir: string;
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`${name}=${raw} is not a TCP port (1-65535)`);
  }
  return value;
}

export function readLauncherEnv(): LauncherEnv {
  const data = dataDir();
  const devPort = port('TEMPORAL_DEV_PORT', 7233);
  return {
    externalAddress: process.env.TEMPORAL_ADDRESS || undefined,
    namespace: process.env.TEMPORAL_NAMESPACE || 'default',
    devServer: {
      ip: process.env.TEMPORAL_DEV_IP || '127.0.0.1',
      port: devPort,
      uiPort: port('TEMPORAL_DEV_UI_PORT', devPort + 1000),
      dbFilename: process.env.TEMPORAL_DEV_DB || path.join(data, 'temporal.db'),
    },
    gatewayPort: port('PORT', 3001),
    dataDir: data,
  };
}
