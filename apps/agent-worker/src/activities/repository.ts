import { realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';

const inside = (root: string, target: string) => target === root || target.startsWith(root + sep);

function notAllowed(message: string): never {
  throw ApplicationFailure.create({ type: ErrorType.RepositoryNotAllowed, message, nonRetryable: true });
}

/**
 * The worker's own check of a workflow's repositoryPath, whoever started the workflow: the path with
 * every symlink resolved must lie under one of AGENT_REPOSITORY_ROOTS (also resolved), or the activity
 * fails non-retryably before it reads anything. Same rule as the gateway's; returns the real path.
 */
export async function allowedRepository(repositoryPath: string, roots: readonly string[]): Promise<string> {
  if (roots.length === 0) notAllowed(`repositoryPath ${repositoryPath} refused: the worker has no AGENT_REPOSITORY_ROOTS`);
  const real = await realpath(resolve(repositoryPath)).catch(() => undefined);
  const realRoots = (await Promise.all(roots.map((r) => realpath(r).catch(() => undefined)))).filter((r): r is string => r !== undefined);
  if (!real || !realRoots.some((root) => inside(root, real))) {
    notAllowed(`repositoryPath ${repositoryPath}${real && real !== repositoryPath ? ` (really ${real})` : ''} is not under AGENT_REPOSITORY_ROOTS (${roots.join(', ')})`);
  }
  return real;
}

/**
 * `file` of an allowed repository, symlinks resolved: a link inside the repository must not lead the
 * worker outside it. Undefined when the file does not exist (the caller reports that).
 */
export async function fileInRepository(realRepository: string, file: string): Promise<string | undefined> {
  const full = resolve(realRepository, file);
  if (!inside(realRepository, full)) notAllowed(`${file} is outside the repository`);
  const real = await realpath(full).catch(() => undefined);
  if (real !== undefined && !inside(realRepository, real)) notAllowed(`${file} leads outside the repository (to ${real})`);
  return real;
}
