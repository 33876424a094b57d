import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RestartableTemporal,
  ensureWorkflowBundle,
  freePort,
  repoRoot,
  runDir,
  serviceEnv,
  serviceProcess,
  startGateway,
  startWorker,
  type ServiceProcess,
} from '../src/harness';

/**
 * Property-based run of schemathesis (PyPI; .ci/run installs it) over every operation in the gateway's own
 * OpenAPI document, against the real gateway with the three real workers on a real Temporal dev server.
 * It must find no 5xx, no response outside the documented schema, status codes and content types.
 */
const SCHEMATHESIS = process.env.SCHEMATHESIS_BIN ?? 'schemathesis';
const installed = spawnSync(SCHEMATHESIS, ['--version'], { stdio: 'ignore' }).status === 0;
const CHECKS = ['not_a_server_error', 'response_schema_conformance', 'status_code_conformance', 'content_type_conformance'];
/** gateway_fuzz_hooks.py: scales generated training runs down so the ML worker stays able to answer. */
const HOOKS_DIR = path.join(__dirname, '../fuzz');
/** Examples per operation and phase: about 2 minutes on 2 cores for the whole document. */
const MAX_EXAMPLES = Number(process.env.FUZZ_MAX_EXAMPLES ?? 20);

let temporal: RestartableTemporal | undefined;
const services: ServiceProcess[] = [];
let baseUrl: string;
let dir: string;

// A missing schemathesis is a failure naming the install (the run below throws), never a silent skip.
describe('the gateway under schemathesis', () => {
  beforeAll(async () => {
    if (!installed) throw new Error(`${SCHEMATHESIS} is not installed: pip install 'schemathesis==4.32.5' (.ci/run does)`);
    dir = runDir('fuzz');
    temporal = await RestartableTemporal.start({ port: await freePort(), dbFilename: path.join(dir, 'temporal.db') });
    const common = { temporalAddress: temporal.address, dataDir: path.join(dir, 'data'), logLevel: 'warn' };
    const workers = (['order-worker', 'ml-worker', 'agent-worker'] as const).map((app) => {
      ensureWorkflowBundle(app);
      const worker = serviceProcess(app, app, serviceEnv({ ...common, logLevel: 'info' }), path.join(dir, `${app}.log`));
      services.push(worker);
      return worker;
    });
    await Promise.all(workers.map((w) => startWorker(w, { timeoutMs: 240_000 })));
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    const gateway = serviceProcess(
      'gateway',
      'gateway',
      serviceEnv({
        ...common,
        extra: {
          PORT: String(port),
          HOST: '127.0.0.1',
          // Dev mode (no tokens) and no rate limit: the fuzzer is to reach every route's own validation.
          NODE_ENV: 'development',
          RATE_LIMIT_MAX: '0',
          // The test line runs two packages at once on two cores: under that and the fuzzer's load a worker can
          // take longer than the 4 s default to answer a query. A correct 503, but not what this run is about
          // (the contract is). That training does not block queries is apps/ml-worker's training-thread test.
          WORKER_TIMEOUT_MS: '30000',
          UPDATE_TIMEOUT_MS: '60000',
          AGENT_REPOSITORY_ROOTS: path.join(repoRoot(), 'examples'),
        },
      }),
      path.join(dir, 'gateway.log'),
    );
    services.push(gateway);
    await startGateway(gateway, baseUrl, 120_000);
  }, 400_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop(5_000).catch(() => undefined)));
    await temporal?.stop();
  });

  it('finds no server error and no response that breaks the documented schema, in any operation', { timeout: 420_000 }, async () => {
    const args = [
      'run',
      `${baseUrl}/docs/json`,
      '--url',
      baseUrl,
      '--checks',
      CHECKS.join(','),
      '--phases',
      'examples,coverage,fuzzing',
      '--max-examples',
      String(MAX_EXAMPLES),
      '--request-timeout',
      '90',
      // The same cases on every run, so a finding reproduces.
      '--generation-deterministic',
      '--no-color',
    ];
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      // In the run's folder: schemathesis keeps a .schemathesis cache in its working directory.
      const child = spawn(SCHEMATHESIS, args, {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: 'gateway_fuzz_hooks', PYTHONPATH: HOOKS_DIR },
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('close', (exitCode) => resolve({ code: exitCode, output: out }));
    });
    const report = path.join(dir, 'schemathesis.txt');
    writeFileSync(report, output);
    console.log(output.split('\n').slice(-30).join('\n'));
    expect(output).toMatch(/Tested: \d+/);
    const failures = output.slice(Math.max(0, output.indexOf('FAILURES')), output.indexOf('WARNINGS') > 0 ? output.indexOf('WARNINGS') : undefined);
    expect(code, `schemathesis found problems (full report ${report}, gateway log ${path.join(dir, 'gateway.log')}):\n${failures.slice(0, 15_000)}`).toBe(0);
  });
});
