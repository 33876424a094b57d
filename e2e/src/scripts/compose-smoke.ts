import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DockerComposeEnvironment, Wait, getContainerRuntimeClient, type StartedDockerComposeEnvironment } from 'testcontainers';
import { ORDER_TASK_QUEUE, type CreateOrderBody } from '@temporal-ecommerce/contracts/order';
import type { OrderDetailsResponse } from '@temporal-ecommerce/contracts/order/http';
import type { AnalysisProgress, AnalyzeRequest, AnalyzeStartResponse } from '@temporal-ecommerce/contracts/agent/http';
import { connectClient, portFree, repoRoot, requestJson, waitFor } from '../harness';
import { composeSmokeEnv } from '../env';

/**
 * `pnpm test:compose` (and the last step of `pnpm test`): the docker-compose.yml smoke test, through
 * Testcontainers. Where a Docker engine answers, it builds every image, brings the whole stack up
 * (Temporal on PostgreSQL, the UI, three workers, the gateway), places an order through the gateway and
 * waits for it to ship, starts an analysis of the mounted sample codebase and waits for its first file, scales the order worker to three replicas and waits until all three poll the
 * task queue, then removes the stack and its volumes. It runs the `dev` profile (Temporal's gRPC port on
 * 127.0.0.1:7233) and gives the gateway a bearer token through GATEWAY_ENV_FILE, as a deployment would;
 * a token-less POST /%61pi/orders must be a 401. Where no engine answers, it says so and exits 0:
 * the file's structure is still checked by infra/test/compose.test.ts in every run.
 */

const exec = promisify(execFile);
const COMPOSE_FILE = 'docker-compose.yml';
// Host ports docker-compose.yml publishes: the gateway, Temporal's frontend and its UI.
const PUBLISHED_PORTS = [3001, 7233, 8233];
// First builds compile better-sqlite3 in five images; later ones hit the layer cache.
const settings = composeSmokeEnv();
const STARTUP_TIMEOUT_MS = settings.COMPOSE_SMOKE_TIMEOUT_MS;

/** One token holding both roles, in a throw-away gateway.env: the gateway runs in production mode. */
const token = randomBytes(24).toString('hex');
const auth = { authorization: `Bearer ${token}` };
let composeEnv: NodeJS.ProcessEnv = process.env;

function writeGatewayEnv(dir: string): string {
  const file = path.join(dir, 'gateway.env');
  writeFileSync(file, `GATEWAY_TOKENS=${token}:operator+approver:compose-smoke\n`, { mode: 0o600 });
  composeEnv = { ...process.env, GATEWAY_ENV_FILE: file };
  return file;
}

function say(line: string): void {
  console.log(`compose smoke: ${line}`);
}

/** Why the smoke test cannot run here, or undefined when an engine and `docker compose` both answer. */
async function missingEngine(): Promise<string | undefined> {
  try {
    await getContainerRuntimeClient();
  } catch (err) {
    return `no Docker engine answered (${(err as Error).message}; Testcontainers looked at DOCKER_HOST, ~/.testcontainers.properties and /var/run/docker.sock)`;
  }
  try {
    await exec('docker', ['compose', 'version']);
  } catch {
    return 'a Docker engine answered, but the `docker compose` plugin is missing';
  }
  return undefined;
}

async function placeOrderAndWaitForShipment(gateway: string): Promise<void> {
  const order = JSON.parse(readFileSync(path.join(repoRoot(), 'examples', 'order1.json'), 'utf8')) as CreateOrderBody;
  const orderId = `compose-smoke-${Date.now()}`;
  const anonymous = await requestJson(gateway, 'POST', '/%61pi/orders', { ...order, orderId });
  if (anonymous.status !== 401) throw new Error(`POST /%61pi/orders without a token answered ${anonymous.status}, not 401`);
  const created = await requestJson(gateway, 'POST', '/api/orders', { ...order, orderId }, auth);
  if (created.status !== 201) throw new Error(`POST /api/orders answered ${created.status}: ${JSON.stringify(created.body)}`);
  say(`order ${orderId} accepted (${created.status})`);
  const shipped = await waitFor(
    async () => {
      const res = await requestJson<OrderDetailsResponse>(gateway, 'GET', `/api/orders/${orderId}`, undefined, auth);
      if (res.status === 200 && ['failed', 'cancelled'].includes(res.body.status)) throw new Error(`order ended ${res.body.status}`);
      return res.status === 200 && res.body.status === 'shipped' ? res.body : undefined;
    },
    { deadline: Date.now() + 120_000, intervalMs: 500, what: `order ${orderId} to ship` },
  );
  say(`order ${orderId} shipped (tracking ${shipped.trackingNumber ?? 'n/a'})`);
}

/** The gateway checks the repository path in its container and the agent worker reads it in its own. */
async function startAnalysisAndWaitForFirstFile(gateway: string): Promise<void> {
  const request = JSON.parse(readFileSync(path.join(repoRoot(), 'examples', 'codebase-analysis-config.json'), 'utf8')) as AnalyzeRequest;
  const taskId = `compose-smoke-${Date.now()}`;
  const started = await requestJson<AnalyzeStartResponse>(gateway, 'POST', '/api/agent/analyze', { ...request, taskId }, auth);
  if (started.status !== 201) throw new Error(`POST /api/agent/analyze answered ${started.status}: ${JSON.stringify(started.body)}`);
  const progress = await waitFor(
    async () => {
      const res = await requestJson<AnalysisProgress>(gateway, 'GET', `/api/agent/analyze/${started.body.workflowId}`, undefined, auth);
      return res.status === 200 && res.body.filesAnalyzed > 0 ? res.body : undefined;
    },
    { deadline: Date.now() + 120_000, intervalMs: 500, what: `analysis ${taskId} to finish a file` },
  );
  say(`analysis ${taskId} running: ${progress.filesAnalyzed}/${progress.totalFiles} files`);
}

/** `docker compose up --scale order-worker=3`, then the server must see three distinct workflow pollers. */
async function scaleOrderWorkers(project: string): Promise<void> {
  await exec('docker', ['compose', '-p', project, '-f', COMPOSE_FILE, 'up', '-d', '--no-recreate', '--scale', 'order-worker=3', 'order-worker'], { cwd: repoRoot(), env: composeEnv });
  const { client, connection } = await connectClient('127.0.0.1:7233');
  try {
    const identities = await waitFor(
      async () => {
        const { pollers } = await client.workflowService.describeTaskQueue({
          namespace: 'default',
          taskQueue: { name: ORDER_TASK_QUEUE },
          taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
        });
        const distinct = new Set((pollers ?? []).map((p) => p.identity));
        return distinct.size >= 3 ? [...distinct] : undefined;
      },
      { deadline: Date.now() + 120_000, intervalMs: 1000, what: `three order workers polling ${ORDER_TASK_QUEUE}` },
    );
    say(`${identities.length} order workers poll ${ORDER_TASK_QUEUE}: ${identities.join(', ')}`);
  } finally {
    await connection.close();
  }
}

async function main(): Promise<void> {
  // A machine with Docker where `pnpm test` should stay quick, or whose ports 3001/7233/8233 are taken.
  if (settings.COMPOSE_SMOKE === 'off') {
    say('SKIPPED: COMPOSE_SMOKE=off. Nothing was built or started.');
    return;
  }
  const missing = await missingEngine();
  if (missing) {
    say(`SKIPPED: ${missing}. Nothing was built or started; run it where an engine runs.`);
    return;
  }
  const busy = [];
  for (const port of PUBLISHED_PORTS) if (!(await portFree(port, '0.0.0.0'))) busy.push(port);
  if (busy.length > 0) throw new Error(`ports ${busy.join(', ')} are in use (is \`pnpm start\` running?); docker-compose.yml publishes ${PUBLISHED_PORTS.join(', ')}`);

  const project = `te-smoke-${Date.now()}`;
  const envDir = mkdtempSync(path.join(tmpdir(), 'compose-smoke-'));
  const gatewayEnvFile = writeGatewayEnv(envDir);
  say(`building and starting ${COMPOSE_FILE} as project ${project} (first build compiles every image: minutes)`);
  let stack: StartedDockerComposeEnvironment | undefined;
  try {
    stack = await new DockerComposeEnvironment(repoRoot(), COMPOSE_FILE)
      .withProjectName(project)
      .withProfiles('dev')
      .withEnvironment({ GATEWAY_ENV_FILE: gatewayEnvFile })
      .withBuild()
      .withWaitStrategy('postgresql-1', Wait.forHealthCheck())
      .withWaitStrategy('temporal-1', Wait.forHealthCheck())
      .withWaitStrategy('gateway-1', Wait.forHealthCheck())
      .withStartupTimeout(STARTUP_TIMEOUT_MS)
      .up();
    const gateway = `http://127.0.0.1:${stack.getContainer('gateway-1').getMappedPort(3001)}`;
    const health = await requestJson<{ status: string }>(gateway, 'GET', '/health');
    if (health.status !== 200) throw new Error(`GET /health answered ${health.status}: ${JSON.stringify(health.body)}`);
    say(`gateway healthy at ${gateway}`);
    await placeOrderAndWaitForShipment(gateway);
    await startAnalysisAndWaitForFirstFile(gateway);
    await scaleOrderWorkers(project);
    say('PASSED');
  } finally {
    // Also removes the scaled replicas: down acts on the whole project.
    if (stack) await stack.down({ removeVolumes: true });
    // An `up` that failed half-way leaves what it started behind.
    else await exec('docker', ['compose', '-p', project, '-f', COMPOSE_FILE, '--profile', 'dev', 'down', '--volumes'], { cwd: repoRoot(), env: composeEnv }).catch(() => undefined);
    rmSync(envDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  say(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
