import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineEnv, readEnv } from '@temporal-ecommerce/env';
import { INFRA_ENV } from './env';
import { freePort } from './ports';

/**
 * A throwaway PostgreSQL cluster for tests and the chaos run: initdb into a temporary folder, pg_ctl start
 * on a free 127.0.0.1 port, trust authentication for the local test role only, fsync off. Removed by
 * stop(). Debian's `postgresql` package provides the binaries (.ci/run installs it); PG_BIN_DIR overrides
 * where they are looked for.
 *
 * PostgreSQL refuses to run as root, so under root (CI containers) the server runs as the `postgres`
 * system user the package creates, with the folder handed to it.
 */
export interface PostgresCluster {
  /** A URL for `database` on this cluster (created with createDatabase). */
  url(database: string): string;
  /** Creates an empty database and returns its URL. */
  createDatabase(database: string): string;
  readonly port: number;
  stop(): void;
}

const USER = 'app';

export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { PG_BIN_DIR } = readEnv(defineEnv({ PG_BIN_DIR: INFRA_ENV.properties.PG_BIN_DIR }), env);
  if (PG_BIN_DIR) return existsSync(path.join(PG_BIN_DIR, 'initdb')) ? PG_BIN_DIR : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL binaries not found (apt-get install postgresql, or set PG_BIN_DIR): .ci/run installs them');
  const dir = mkdtempSync(path.join(tmpdir(), 'pg-cluster-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, uid('postgres'), gid('postgres'));
  const run = (cmd: string, args: string[]): void => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]] : [path.join(bin, cmd), args];
    const res = spawnSync(file, argv, { cwd: dir, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`${cmd} failed (${res.status}): ${res.stderr || res.stdout}`);
  };
  const data = path.join(dir, 'data');
  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', USER, '--auth=trust', '-E', 'UTF8', '--no-sync']);
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const url = (database: string): string => `postgres://${USER}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    createDatabase(database) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(database)) throw new Error(`not a plain database name: ${database}`);
      execFileSync(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', USER, '-d', 'postgres', '-qc', `CREATE DATABASE ${database}`], {
        stdio: 'pipe',
      });
      return url(database);
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function uid(user: string): number {
  return Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
}
function gid(user: string): number {
  return Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
}
