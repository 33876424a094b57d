import path from 'node:path';
import { readFileSync } from 'node:fs';
import { ORDER_WORKER_DEPLOYMENT, orderWorkflowId, type CreateOrderBody, type OrderStatus } from '@temporal-ecommerce/contracts/order';
import type { CreateOrderResponse, OrderDetailsResponse } from '@temporal-ecommerce/contracts/order/http';
import { repoRoot, serviceEnv, serviceProcess, sleep, startWorker, type ServiceProcess } from '../harness';
import { DemoStack, say } from './lib/demo-stack';

const V1 = { buildId: 'demo-v1', carrier: 'DemoExpress' };
const V2 = { buildId: 'demo-v2', carrier: 'NextDayAir' };

let failures = 0;
function check(ok: boolean, what: string): void {
  say(`  ${ok ? '✓' : '✗'} ${what}`);
  if (!ok) failures++;
}

function example(file: string, orderId: string): CreateOrderBody {
  return { ...(JSON.parse(readFileSync(path.join(repoRoot(), 'examples', file), 'utf8')) as CreateOrderBody), orderId };
}

async function waitForStatus(stack: DemoStack, orderId: string, statuses: readonly OrderStatus[], timeoutMs = 60_000): Promise<OrderDetailsResponse> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await stack.http<OrderDetailsResponse>('GET', `/api/orders/${orderId}`);
    if (res.status === 200 && statuses.includes(res.body.status)) return res.body;
    if (Date.now() > deadline) throw new Error(`order ${orderId} did not reach ${statuses.join('/')} (last: ${res.status} ${JSON.stringify(res.body).slice(0, 200)})`);
    await sleep(200);
  }
}

/** The build the server has the run on (its pinned or current version), from the run's versioning info. */
async function buildOf(stack: DemoStack, orderId: string): Promise<string | undefined> {
  const info = (await stack.client.workflow.getHandle(orderWorkflowId(orderId)).describe()).raw.workflowExecutionInfo?.versioningInfo;
  return info?.deploymentVersion?.buildId ?? undefined;
}

async function placeAndShip(stack: DemoStack, orderId: string): Promise<{ build: string | undefined; carrier: string | undefined }> {
  const res = await stack.http<CreateOrderResponse>('POST', '/api/orders', example('order1.json', orderId));
  if (res.status !== 201) throw new Error(`POST /api/orders ${orderId} → ${res.status} ${JSON.stringify(res.body)}`);
  const shipped = await waitForStatus(stack, orderId, ['shipped']);
  return { build: await buildOf(stack, orderId), carrier: shipped.carrier };
}

/**
 * `pnpm demo:versioning`: Worker Deployment Versioning on the order worker, asserted step by step.
 * v1 runs and is current; high-value orders wait for approval on it; v2 (which books shipments with
 * another carrier) starts beside it, is ramped, then made current: new orders run on v2, the waiting
 * ones stay pinned to v1 and, approved, ship with v1's carrier; a rollback sends new orders to v1 again.
 */
async function main(): Promise<void> {
  const stack = await DemoStack.start(
    {
      name: 'versioning',
      workers: ['order-worker'],
      workerEnv: { 'order-worker': { WORKER_BUILD_ID: V1.buildId, ORDER_SHIPPING_CARRIER: V1.carrier } },
      // The gateway in development mode: this demo is about the workers, and its requests carry no token.
      gatewayEnv: { NODE_ENV: 'development', ORDER_COMPLETION_DELAY: '10 minutes', ORDER_APPROVAL_TIMEOUT: '10 minutes' },
    },
    say,
  );
  const deployments = stack.client.workflowService;
  const namespace = 'default';
  let v2: ServiceProcess | undefined;
  try {
    const run = Date.now().toString(36);
    say(`1) Order worker ${ORDER_WORKER_DEPLOYMENT}.${V1.buildId} is current (carrier ${V1.carrier}). Two high-value orders wait for approval on it.`);
    const waiting = [`demo-pinned-a-${run}`, `demo-pinned-b-${run}`];
    for (const id of waiting) {
      check((await stack.http('POST', '/api/orders', example('order-high-value.json', id))).status === 201, `POST /api/orders ${id} → 201`);
      await waitForStatus(stack, id, ['awaiting_approval']);
      check((await buildOf(stack, id)) === V1.buildId, `${id} awaits approval, pinned to ${V1.buildId}`);
    }

    say(`2) Start ${V2.buildId} beside it (carrier ${V2.carrier}, WORKER_DEPLOYMENT_PROMOTE=never): it polls but takes no new orders yet.`);
    v2 = serviceProcess(
      'order-worker',
      'order-worker-v2',
      serviceEnv({
        temporalAddress: stack.temporal.address,
        dataDir: stack.dataDir,
        extra: { WORKER_BUILD_ID: V2.buildId, ORDER_SHIPPING_CARRIER: V2.carrier, WORKER_DEPLOYMENT_PROMOTE: 'never' },
      }),
      path.join(stack.dir, 'order-worker-v2.log'),
    );
    await startWorker(v2);
    const before = await placeAndShip(stack, `demo-before-${run}`);
    check(before.build === V1.buildId && before.carrier === V1.carrier, `a new order still runs on ${V1.buildId} and ships with ${V1.carrier} (got ${before.build}, ${before.carrier})`);

    say(`3) Ramp ${V2.buildId} to 50 %: new orders split between the versions.`);
    await deployments.setWorkerDeploymentRampingVersion({ namespace, deploymentName: ORDER_WORKER_DEPLOYMENT, buildId: V2.buildId, percentage: 50, identity: 'demo-versioning' });
    const ramped = await Promise.all(Array.from({ length: 12 }, (_, i) => placeAndShip(stack, `demo-ramp-${i}-${run}`)));
    const onV2 = ramped.filter((r) => r.build === V2.buildId);
    say(`  ${onV2.length} of ${ramped.length} on ${V2.buildId}`);
    check(onV2.length > 0 && onV2.length < ramped.length, 'some new orders on each version');
    check(ramped.every((r) => r.carrier === (r.build === V2.buildId ? V2.carrier : V1.carrier)), 'each order shipped with the carrier of the version it ran on');

    say(`4) Make ${V2.buildId} current: every new order runs on it.`);
    await deployments.setWorkerDeploymentCurrentVersion({ namespace, deploymentName: ORDER_WORKER_DEPLOYMENT, buildId: V2.buildId, identity: 'demo-versioning' });
    const after = await placeAndShip(stack, `demo-after-${run}`);
    check(after.build === V2.buildId && after.carrier === V2.carrier, `a new order runs on ${V2.buildId} and ships with ${V2.carrier} (got ${after.build}, ${after.carrier})`);

    say(`5) Approve the waiting orders: pinned, they finish on ${V1.buildId}, with ${V1.carrier}.`);
    for (const id of waiting) {
      const approved = await stack.http<OrderDetailsResponse>('POST', `/api/orders/${id}/approve`, { approved: true, approvedBy: 'admin@company.com' });
      check(approved.status === 200 && approved.body.status === 'shipped', `approve ${id} → ${approved.status} ${approved.body.status}`);
      check((await buildOf(stack, id)) === V1.buildId && approved.body.carrier === V1.carrier, `${id} stayed on ${V1.buildId}, shipped with ${approved.body.carrier}`);
    }

    say(`6) Roll back: ${V1.buildId} current again; new orders run on it.`);
    await deployments.setWorkerDeploymentCurrentVersion({ namespace, deploymentName: ORDER_WORKER_DEPLOYMENT, buildId: V1.buildId, identity: 'demo-versioning' });
    const rolledBack = await placeAndShip(stack, `demo-rollback-${run}`);
    check(rolledBack.build === V1.buildId && rolledBack.carrier === V1.carrier, `a new order runs on ${V1.buildId} and ships with ${V1.carrier} (got ${rolledBack.build}, ${rolledBack.carrier})`);
    check((await buildOf(stack, `demo-after-${run}`)) === V2.buildId, `the order started on ${V2.buildId} stays pinned there`);

    say(`Deployments in the Temporal UI: ${stack.temporal.uiUrl}/namespaces/default/deployments`);
    say(failures === 0 ? 'All checks held.' : `${failures} check(s) failed.`);
    if (failures > 0) process.exitCode = 1;
  } finally {
    await v2?.stop(15_000);
    await stack.stop(say);
    await v2?.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
