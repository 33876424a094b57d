import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';

function badRequest(message: string): never {
  throw ApplicationFailure.create({ type: ErrorType.InvalidRequest, message, nonRetryable: true });
}

const inside = (root: string, target: string) => target === root || target.startsWith(root + path.sep);

/**
 * The absolute, symlink-free path of a repository the agent may read: under one of `roots`, existing,
 * a directory, and holding every listed file. Relative paths resolve against the first root. Anything
 * else is the client's mistake (400 naming the field).
 */
export async function resolveRepository(raw: string, roots: string[], files: string[] | undefined, context: string): Promise<string> {
  const [first] = roots;
  if (!first) badRequest(`${context}/repositoryPath cannot be used: no AGENT_REPOSITORY_ROOTS configured`);
  const candidate = path.resolve(first, raw);
  const real = await realpath(candidate).catch(() => undefined);
  const realRoots = (await Promise.all(roots.map((r) => realpath(r).catch(() => undefined)))).filter((r): r is string => r !== undefined);
  if (!realRoots.some((root) => inside(root, real ?? candidate))) {
    badRequest(`${context}/repositoryPath must be under ${roots.join(' or ')}`);
  }
  if (!real || !(await stat(real)).isDirectory()) badRequest(`${context}/repositoryPath ${raw} is not an existing directory`);
  for (const [i, file] of (files ?? []).entries()) {
    // Resolved through symlinks too: a link inside the repository must not lead the worker outside it.
    const full = await realpath(path.resolve(real, file)).catch(() => undefined);
    const fileStat = full && inside(real, full) ? await stat(full).catch(() => undefined) : undefined;
    if (!fileStat?.isFile()) badRequest(`${context}/files/${i} (${file}) is not a file in ${raw}`);
  }
  return real;
}
