import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { bundleWorkflowCode, type BundleOptions } from '@temporalio/worker';
import { createLogger, PinoSdkLogger } from './logger';

/**
 * Bundles a worker's workflow code into one file, so production workers start without webpack and
 * every replica runs byte-identical workflow code. Returns the size in bytes for the script to print.
 */
export async function bundleWorkflowsTo(
  workflowsPath: string,
  outFile: string,
  options: Omit<BundleOptions, 'workflowsPath'> = {},
): Promise<number> {
  // Our logger, not the SDK's default console one: webpack's report becomes one line (logger.ts).
  const logger = options.logger ?? new PinoSdkLogger(createLogger('workflow-bundle'));
  const { code } = await bundleWorkflowCode({ workflowsPath, ...options, logger });
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, code);
  return Buffer.byteLength(code);
}
