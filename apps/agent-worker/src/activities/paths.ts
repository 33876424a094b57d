import { resolve, sep } from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';

/** `relative` resolved under `root`; a path that escapes the root is a caller's mistake, never retried. */
export function resolveInside(root: string, relative: string): string {
  const base = resolve(root);
  const full = resolve(base, relative);
  if (full !== base && !full.startsWith(base + sep)) {
    throw ApplicationFailure.create({ type: ErrorType.InvalidRequest, message: `${relative} is outside ${root}`, nonRetryable: true });
  }
  return full;
}

/** A store key (workflow id / run id) as one safe directory name. */
export function safeName(key: string): string {
  return key.replace(/[^A-Za-z0-9_.-]/g, '_');
}
