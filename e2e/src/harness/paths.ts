import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from '@temporal-ecommerce/infra';

export { repoRoot };

export type AppName = 'order-worker' | 'ml-worker' | 'agent-worker' | 'gateway';

/** Folder of one app in the monorepo. */
export const appDir = (app: AppName): string => path.join(repoRoot(), 'apps', app);

/** The compiled entry that `pnpm start` runs for the app. */
export const appEntry = (app: AppName): string => path.join(appDir(app), 'dist', app === 'gateway' ? 'server.js' : 'worker.js');

/** A fresh folder under the OS temp dir for one run's state (Temporal's SQLite file, worker databases, logs). */
export const runDir = (prefix: string): string => mkdtempSync(path.join(tmpdir(), `temporal-ecommerce-${prefix}-`));
