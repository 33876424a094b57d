import { dirname } from 'node:path';

/**
 * The environment a codebase's tests run in: a PATH to find node, and NODE_PATH pointing at the
 * worker's own node_modules so a codebase without an install step can still `require('typescript')`.
 * Nothing else: the analysed code must not see the worker's credentials.
 */
export function testProcessEnv(path: string, home: string | undefined): Record<string, string> {
  const typescriptDir = dirname(require.resolve('typescript/package.json'));
  return { PATH: path, ...(home ? { HOME: home } : {}), NODE_PATH: dirname(typescriptDir), CI: '1' };
}
