import { afterAll } from 'vitest';
import { startPostgresCluster, type PostgresCluster } from '@temporal-ecommerce/infra/postgres';

/**
 * A throwaway PostgreSQL cluster (infra/src/postgres.ts: Debian's postgresql, which .ci/run installs),
 * started on first use by a test file and stopped after it; each caller gets a database of its own.
 */
let cluster: Promise<PostgresCluster> | undefined;
afterAll(async () => {
  if (cluster) (await cluster).stop();
  cluster = undefined;
});

let databases = 0;
export async function postgresDatabase(prefix: string): Promise<string> {
  cluster ??= startPostgresCluster();
  return (await cluster).createDatabase(`${prefix}_${process.pid}_${++databases}`);
}
