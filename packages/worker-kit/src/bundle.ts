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
  const lean = withoutSourcesContent(code);
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, lean);
  return Buffer.byteLength(lean);
}

const SOURCE_MAP_URL = '//# sourceMappingURL=data:';

/**
 * The bundle with its inline source map minus `sourcesContent`, the full text of every module (about
 * half the file). The SDK parses the map in every worker (stack traces of workflow errors still point at
 * our files and lines: the mappings stay) and keeps that text in memory for nothing unless a worker sets
 * `showStackTraceSources`, which ours do not: ~8 MiB less per worker (docs/performance.md).
 */
export function withoutSourcesContent(code: string): string {
  const at = code.lastIndexOf(SOURCE_MAP_URL);
  const base64 = at < 0 ? -1 : code.indexOf('base64,', at);
  if (base64 < 0) return code;
  const header = code.slice(at, base64 + 'base64,'.length);
  const map = JSON.parse(Buffer.from(code.slice(base64 + 'base64,'.length).trim(), 'base64').toString('utf8')) as { sourcesContent?: unknown };
  delete map.sourcesContent;
  return `${code.slice(0, at)}${header}${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}
