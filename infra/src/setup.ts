/**
 * `pnpm run setup`: fetches or builds every tool the tests and `pnpm start` need, once, so the first test
 * run does not pay for it: the temporal CLI (go install, ~6 min the first time), the Java test server's
 * Maven dependencies and its class-data archive. Fails with one clear message when a tool is missing.
 */
import { resolveTemporalCli } from './temporal-cli';
import { buildTestServerArchive, resolveTestServer } from './test-server';

async function timed<T>(what: string, step: () => T | Promise<T>): Promise<T> {
  const start = Date.now();
  const result = await step();
  console.log(`setup: ${what} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
  return result;
}

async function run(): Promise<void> {
  const log = (msg: string) => console.log(`setup: ${msg}`);
  const cli = await timed('temporal CLI', () => resolveTemporalCli({ log }));
  console.log(`setup:   ${cli}`);
  const script = await timed('time-skipping test server (Maven)', () => resolveTestServer());
  console.log(`setup:   ${script}`);
  const archive = await timed('test server class-data archive', () => buildTestServerArchive(log));
  if (archive) console.log(`setup:   ${archive}`);
}

run().catch((err: unknown) => {
  console.error(`setup failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
