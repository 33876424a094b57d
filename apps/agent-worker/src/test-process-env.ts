import { dirname } from 'node:path';

/**
 * NODE_PATH of a codebase's test run: the worker's own node_modules holding TypeScript, so a codebase
 * without an install step can still `require('typescript')`. The sandbox mounts it read-only.
 */
export function typescriptNodePath(): string {
  return dirname(dirname(require.resolve('typescript/package.json')));
}
