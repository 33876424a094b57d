import { existsSync } from 'node:fs';
import path from 'node:path';
import { DATA_DIR_VARS, defineEnv, readEnv } from '@temporal-ecommerce/env';

/** The monorepo root: the nearest ancestor holding pnpm-workspace.yaml. */
export function repoRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'pnpm-workspace.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Git-ignored runtime state (Temporal's SQLite file, service databases, artifacts). */
export const dataDir = (): string => readEnv(defineEnv(DATA_DIR_VARS), process.env).TEMPORAL_ECOMMERCE_DATA_DIR ?? path.join(repoRoot(), '.data');

/** Git-ignored tools that setup builds or resolves (the temporal CLI, the test server's classpath). */
export const cacheDir = (): string => path.join(repoRoot(), '.cache');
