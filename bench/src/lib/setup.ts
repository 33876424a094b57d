import path from 'node:path';
import { benchSettings } from '../env';
import { RestartableTemporal, connectClient, runDir, serviceEnv, type ServiceEnvOptions } from '@temporal-ecommerce/e2e/harness';
import type { Client, Connection } from '@temporalio/client';
import { serverPid } from './proc';

/** Ports of the benchmark runs (BENCH_TEMPORAL_PORT, BENCH_GATEWAY_PORT): away from pnpm start's 7233/3001. */
export const TEMPORAL_PORT = benchSettings.BENCH_TEMPORAL_PORT;
export const GATEWAY_PORT = benchSettings.BENCH_GATEWAY_PORT;

export interface BenchEnv {
  dir: string;
  dataDir: string;
  /** The dev server's pid (for its CPU time). */
  serverPid(): number | undefined;
  temporal: RestartableTemporal;
  client: Client;
  connection: Connection;
  env(extra?: ServiceEnvOptions['extra'], logLevel?: string): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** A fresh dev server (own SQLite file in a temp dir) and a client, for one benchmark. */
export async function benchEnv(name: string): Promise<BenchEnv> {
  const dir = runDir(`bench-${name}`);
  const dataDir = path.join(dir, 'data');
  const dbFilename = path.join(dir, 'temporal.db');
  const temporal = await RestartableTemporal.start({ port: TEMPORAL_PORT, dbFilename });
  const { client, connection } = await connectClient(temporal.address);
  return {
    dir,
    dataDir,
    serverPid: () => serverPid(dbFilename),
    temporal,
    client,
    connection,
    env: (extra, logLevel = 'warn') => serviceEnv({ temporalAddress: temporal.address, dataDir, logLevel, ...(extra ? { extra } : {}) }),
    close: async () => {
      await connection.close();
      await temporal.stop();
    },
  };
}
