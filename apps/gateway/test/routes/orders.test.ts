import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import Database from 'better-sqlite3';
import type { CatalogResponse, CreateOrderBody, OrderDetailsResponse, ListOrdersResponse } from '@temporal-ecommerce/contracts/order/http';
import { buildApp } from '../../src/app';
import { CATALOG_CACHE_MS } from '../../src/plugins/app/catalog';
import { testConfig } from '../helpers';

// The real order worker, as a process: the gateway never imports worker code.
const ORDER_WORKER_DIR = path.dirname(require.resolve('@temporal-ecommerce/order-worker/package.json'));
const ORDER_WORKER = path.join(ORDER_WORKER_DIR, 'dist/worker.js');
const EXAMPLES = path.join(__dirname, '../../../../examples');
const DECLINED_CUSTOMER = 'customer-declined';

let env: TestWorkflowEnvironment;
let app: FastifyInstance;
let worker: ChildProcess;
let dataDir: string;
let seq = 0;

/** Starts the real order worker process and resolves once it polls (queries need a polling worker). */
async function startOrderWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [ORDER_WORKER], {
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: env.namespace ?? 'default',
      TEMPORAL_ECOMMERCE_DATA_DIR: dataDir,
      ORDER_FAULT_DECLINED_CUSTOMERS: DECLINED_CUSTOMER,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('"worker started"')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`order worker exited early (${code}):\n${out}`)));
  });
  return child;
}

async function stopOrderWorker(): Promise<void> {
  if (worker.exitCode !== null) return;
  worker.kill('SIGTERM');
  await once(worker, 'exit');
}

beforeAll(async () => {
  if (!existsSync(ORDER_WORKER)) throw new Error(`${ORDER_WORKER} is missing: pnpm turbo run build --filter=@temporal-ecommerce/gateway...`);
  env = await createLocalTestEnv();
  dataDir = mkdtempSync(path.join(tmpdir(), 'gateway-orders-'));
  worker = await startOrderWorker();
  // The gateway reads the catalog from the order worker's orders.db, as in compose: the same data dir.
  app = await buildApp({ config: testConfig(env.address, { TEMPORAL_ECOMMERCE_DATA_DIR: dataDir }), client: env.client });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  if (worker) await stopOrderWorker();
  await env?.teardown();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const uid = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++seq}`;

function example(file: string, orderId: string): CreateOrderBody {
  return { ...(JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as CreateOrderBody), orderId };
}

async function create(order: unknown) {
  return app.inject({ method: 'POST', url: '/api/orders', payload: order as object });
}

async function status(orderId: string): Promise<OrderDetailsResponse> {
  const res = await app.inject({ method: 'GET', url: `/api/orders/${orderId}` });
  expect(res.statusCode).toBe(200);
  return res.json<OrderDetailsResponse>();
}

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('POST /api/orders', () => {
  it('starts the saga and answers 201 with the workflow and a UI link; the order then ships', async () => {
    const order = example('order1.json', uid('order'));
    const res = await create(order);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ orderId: order.orderId, workflowId: `order-${order.orderId}`, message: 'Order created successfully' });
    expect(body.runId).toMatch(/\S/);
    expect(body.uiLink).toBe(`http://localhost:8233/namespaces/default/workflows/order-${order.orderId}/${body.runId}/history`);

    const shipped = await waitFor(() => status(order.orderId), (s) => s.status === 'shipped', 'shipped');
    expect(shipped).toMatchObject({ inventoryReserved: true, paymentProcessed: true, totalAmount: 1359.97, workflowId: `order-${order.orderId}` });
    expect(shipped.paymentId).toMatch(/^pay_/);
    expect(shipped.reservationId).toMatch(/^res_/);
    expect(shipped.trackingNumber).toMatch(/^1Z/);
  });

  it('answers 409 for an order id that was already used', async () => {
    const order = example('order1.json', uid('order'));
    expect((await create(order)).statusCode).toBe(201);
    const again = await create(order);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe(`Order ${order.orderId} already exists`);
  });

  it('answers 400 naming the field for invalid bodies, and starts nothing', async () => {
    const base = example('order1.json', uid('order'));
    const cases: [unknown, string][] = [
      [{ ...base, customerId: undefined }, 'body/customerId is required'],
      [{ ...base, totalAmount: 1359.96 }, 'body/totalAmount must equal the sum of the items (1359.97)'],
      [{ ...base, items: [{ ...base.items[0], quantity: 0 }] }, 'body/items/0/quantity must be >= 1'],
      [{ ...base, items: [{ ...base.items[0], price: 10.001 }], totalAmount: 10.001 }, 'body/items/0/price must have at most two decimals'],
      [{ ...base, items: [] }, 'body/items must NOT have fewer than 1 items'],
      [{ ...base, coupon: 'FREE' }, 'body/coupon is not allowed'],
      [{ ...base, orderId: 'has space' }, 'body/orderId must match pattern'],
    ];
    for (const [payload, message] of cases) {
      const res = await create(payload);
      expect(res.statusCode, message).toBe(400);
      expect(res.json().message).toContain(message);
    }
    expect((await app.inject({ method: 'GET', url: `/api/orders/${base.orderId}` })).statusCode).toBe(404);
  });
});

describe('POST /api/orders?wait=charged (Update-with-Start)', () => {
  const createWaiting = (order: unknown, query = 'wait=charged') => app.inject({ method: 'POST', url: `/api/orders?${query}`, payload: order as object });

  it('answers 201 once the order is reserved and charged, with the payment id, and the saga goes on to ship', async () => {
    const order = example('order1.json', uid('order-early'));
    const res = await createWaiting(order);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ orderId: order.orderId, workflowId: `order-${order.orderId}`, message: 'Order created and charged', totalAmount: 1359.97 });
    expect(body.paymentId).toMatch(/^pay_/);
    expect(body.status).toBe('payment_completed');
    expect(body.uiLink).toBe(`http://localhost:8233/namespaces/default/workflows/order-${order.orderId}/${body.runId}/history`);
    const shipped = await waitFor(() => status(order.orderId), (s) => s.status === 'shipped', 'shipped');
    expect(shipped).toMatchObject({ paymentId: body.paymentId, runId: body.runId });
  });

  it('a high-value order answers once charged and then awaits its approval', async () => {
    const order = example('order-high-value.json', uid('order-early-hv'));
    const res = await createWaiting(order);
    expect(res.statusCode).toBe(201);
    expect(res.json().paymentId).toMatch(/^pay_/);
    await waitFor(() => status(order.orderId), (s) => s.status === 'awaiting_approval', 'awaiting_approval');
  });

  it('a declined card is a 402 with the reason, given after the stock was released', async () => {
    const order = { ...example('order1.json', uid('order-early-declined')), customerId: DECLINED_CUSTOMER };
    const res = await createWaiting(order);
    expect(res.statusCode).toBe(402);
    expect(res.json()).toMatchObject({ error: 'Payment Required', message: `Order ${order.orderId} was not charged: Card declined for customer ${DECLINED_CUSTOMER}` });
    const failed = await status(order.orderId);
    expect(failed).toMatchObject({ status: 'failed', paymentProcessed: false, compensations: ['releaseInventory'] });
  });

  it('an order the stock cannot cover is a 409 naming the product', async () => {
    const order = { ...example('order1.json', uid('order-early-oos')), items: [{ productId: 'limited-001', productName: 'Console', quantity: 2 }], totalAmount: undefined };
    const res = await createWaiting(order);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(new RegExp(`^Order ${order.orderId} was not charged: Out of stock: .*limited-001`));
    expect((await status(order.orderId)).status).toBe('failed');
  });

  it('an order id already used is a 409; a wait other than charged is a 400 that starts nothing', async () => {
    const order = example('order1.json', uid('order-early-dup'));
    expect((await createWaiting(order)).statusCode).toBe(201);
    const again = await createWaiting(order);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe(`Order ${order.orderId} already exists`);

    const other = example('order1.json', uid('order-early-bad'));
    for (const [query, message] of [
      ['wait=shipped', 'querystring/wait must be one of charged'],
      ['wait=charged&fast=1', 'querystring/fast is not allowed'],
    ]) {
      const res = await createWaiting(other, query);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().message, query).toContain(message);
    }
    expect((await app.inject({ method: 'GET', url: `/api/orders/${other.orderId}` })).statusCode).toBe(404);
  });
});

describe('POST /api/orders: prices come from the catalog', () => {
  /** Sets a catalog price the way an operator would, in the order worker's database, and waits out the gateway's cache. */
  async function setCatalogPrice(productId: string, priceCents: number): Promise<void> {
    const db = new Database(path.join(dataDir, 'orders.db'));
    try {
      db.prepare('UPDATE products SET price_cents = ? WHERE product_id = ?').run(priceCents, productId);
    } finally {
      db.close();
    }
    await new Promise((r) => setTimeout(r, CATALOG_CACHE_MS + 100));
  }

  it('answers 400 naming the item and the current price when a price differs, and starts nothing', async () => {
    const order = example('order1.json', uid('order'));
    const res = await create({ ...order, items: [{ ...order.items[0], price: 0.01 }], totalAmount: 0.01 });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('body/items/0/price must equal the catalog price of laptop-001 (1299.99)');
    const mouse = await create({ ...order, items: [order.items[0], { ...order.items[1], price: 19.99 }], totalAmount: 1339.97 });
    expect(mouse.statusCode).toBe(400);
    expect(mouse.json().message).toBe('body/items/1/price must equal the catalog price of mouse-001 (29.99)');
    expect((await app.inject({ method: 'GET', url: `/api/orders/${order.orderId}` })).statusCode).toBe(404);
  });

  it('answers 400 naming the field for an unknown product or a total that is not the catalog total', async () => {
    const order = example('order1.json', uid('order'));
    const unknown = await create({ ...order, items: [{ productId: 'no-such-product', productName: 'Nothing', quantity: 1 }], totalAmount: undefined });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe('body/items/0/productId is not in the catalog (no-such-product)');
    const bare = order.items.map(({ price: _price, ...rest }) => rest);
    const total = await create({ ...order, items: bare, totalAmount: 1000 });
    expect(total.statusCode).toBe(400);
    expect(total.json().message).toBe('body/totalAmount must equal the catalog total (1359.97)');
    expect((await app.inject({ method: 'GET', url: `/api/orders/${order.orderId}` })).statusCode).toBe(404);
  });

  it('prices an order sent without prices or total at the catalog total', async () => {
    const order = example('order1.json', uid('order'));
    const { totalAmount: _total, ...rest } = order;
    const res = await create({ ...rest, items: order.items.map(({ price: _price, ...item }) => item) });
    expect(res.statusCode).toBe(201);
    const shipped = await waitFor(() => status(order.orderId), (s) => s.status === 'shipped', 'shipped');
    expect(shipped).toMatchObject({ totalAmount: 1359.97, requiresApproval: false });
    expect(shipped.items.map((i) => i.price)).toEqual([1299.99, 29.99]);
  });

  it('an under-priced laptop order cannot skip approval: 400 with its price, and without prices it awaits approval', async () => {
    const laptops = { orderId: uid('order-laptops'), customerId: 'customer-123', items: [{ productId: 'laptop-001', productName: 'Laptop', quantity: 4 }] };
    const cheap = await create({ ...laptops, items: [{ ...laptops.items[0], price: 1000 }], totalAmount: 4000 });
    expect(cheap.statusCode).toBe(400);
    expect(cheap.json().message).toContain('body/items/0/price must equal the catalog price of laptop-001 (1299.99)');
    expect((await create(laptops)).statusCode).toBe(201);
    const waiting = await waitFor(() => status(laptops.orderId), (s) => s.status === 'awaiting_approval', 'awaiting_approval');
    expect(waiting).toMatchObject({ totalAmount: 5199.96, requiresApproval: true });
  });

  it('follows a catalog price change within a few seconds: GET /api/catalog shows it and an order at the old price is a 400', async () => {
    await setCatalogPrice('monitor-001', 29_999);
    try {
      const catalog = (await app.inject({ method: 'GET', url: '/api/catalog' })).json<CatalogResponse>();
      expect(catalog.products.find((p) => p.productId === 'monitor-001')).toMatchObject({ name: 'Monitor', price: 299.99 });
      const order = { orderId: uid('order'), customerId: 'customer-123', items: [{ productId: 'monitor-001', productName: 'Monitor', quantity: 1, price: 349.99 }] };
      const res = await create(order);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toBe('body/items/0/price must equal the catalog price of monitor-001 (299.99)');
    } finally {
      await setCatalogPrice('monitor-001', 34_999);
    }
  });
});

describe('POST /api/orders: priority', () => {
  /** The priority the run was started with, as the server recorded it in its start event. */
  async function startedPriority(orderId: string) {
    const history = await env.client.workflow.getHandle(`order-${orderId}`).fetchHistory();
    const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
    return { key: started?.priority?.priorityKey, fairness: started?.priority?.fairnessKey };
  }
  const terminate = (orderId: string) => env.client.workflow.getHandle(`order-${orderId}`).terminate('test done');

  it('defaults to high above the approval threshold and normal below it, the customer as fairness key', async () => {
    const normal = example('order1.json', uid('order-prio'));
    const high = example('order-high-value.json', uid('order-prio-hv'));
    expect((await create(normal)).statusCode).toBe(201);
    expect((await create(high)).statusCode).toBe(201);
    expect(await startedPriority(normal.orderId)).toMatchObject({ key: 3, fairness: normal.customerId });
    expect(await startedPriority(high.orderId)).toMatchObject({ key: 1, fairness: high.customerId });
    await Promise.all([terminate(normal.orderId), terminate(high.orderId)]);
  });

  it('an unknown priority is a 400 naming the field, and starts nothing', async () => {
    const order = { ...example('order1.json', uid('order-prio-bad')), priority: 'urgent' };
    const res = await create(order);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^body\/priority /);
    expect((await app.inject({ method: 'GET', url: `/api/orders/${order.orderId}` })).statusCode).toBe(404);
  });

  describe('with tokens: a caller may lower an order, only an approver may raise it', () => {
    let secured: FastifyInstance;
    beforeAll(async () => {
      const config = testConfig(env.address, { TEMPORAL_ECOMMERCE_DATA_DIR: dataDir, GATEWAY_TOKENS: 'prio-op:operator:olga,prio-both:operator+approver:abe', RATE_LIMIT_MAX: '0' });
      secured = await buildApp({ config, client: env.client });
      await secured.ready();
    });
    afterAll(async () => secured?.close());
    const post = (order: object, token: string) => secured.inject({ method: 'POST', url: '/api/orders', payload: order, headers: { authorization: `Bearer ${token}` } });

    it('an operator asking high for a normal order is a 403 naming the field and the role, and starts nothing', async () => {
      const order = { ...example('order1.json', uid('order-prio-raise')), priority: 'high' };
      const res = await post(order, 'prio-op');
      expect(res.statusCode).toBe(403);
      expect(res.json().message).toBe('body/priority high needs the approver role for an order of 1359.97 (its default is normal); olga may ask for normal or lower');
      expect((await app.inject({ method: 'GET', url: `/api/orders/${order.orderId}` })).statusCode).toBe(404);
    });

    it('an operator may ask for the default or lower: low for a normal order, normal for a high-value one', async () => {
      const low = { ...example('order1.json', uid('order-prio-low')), priority: 'low' };
      const lowered = { ...example('order-high-value.json', uid('order-prio-lowered')), priority: 'normal' };
      const same = { ...example('order-high-value.json', uid('order-prio-same')), priority: 'high' };
      for (const order of [low, lowered, same]) expect((await post(order, 'prio-op')).statusCode).toBe(201);
      expect((await startedPriority(low.orderId)).key).toBe(5);
      expect((await startedPriority(lowered.orderId)).key).toBe(3);
      expect((await startedPriority(same.orderId)).key).toBe(1);
      await Promise.all([low, lowered, same].map((o) => terminate(o.orderId)));
    });

    it('an approver may raise a normal order to high', async () => {
      const order = { ...example('order1.json', uid('order-prio-approver')), priority: 'high' };
      expect((await post(order, 'prio-both')).statusCode).toBe(201);
      expect((await startedPriority(order.orderId)).key).toBe(1);
      await terminate(order.orderId);
    });
  });
});

describe('GET /api/catalog', () => {
  it('lists every product with its price and stock, enough to build an order', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/catalog' });
    expect(res.statusCode).toBe(200);
    const { products } = res.json<CatalogResponse>();
    expect(products.map((p) => p.productId)).toEqual(expect.arrayContaining(['laptop-001', 'mouse-001', 'server-001', 'limited-001']));
    expect(products.find((p) => p.productId === 'laptop-001')).toMatchObject({ name: 'Laptop', price: 1299.99 });
    for (const p of products) expect(p.stock).toBeGreaterThanOrEqual(0);
    // Built from the catalog alone, an order goes through.
    const laptop = products.find((p) => p.productId === 'mouse-001')!;
    const order = { orderId: uid('order'), customerId: 'customer-123', items: [{ productId: laptop.productId, productName: laptop.name, quantity: 1, price: laptop.price }], totalAmount: laptop.price };
    expect((await create(order)).statusCode).toBe(201);
  });

  it('answers 503 when the catalog cannot be read, for the list and for a new order, keeping the file path out of the answer', async () => {
    const broken = await buildApp({ config: testConfig(env.address, { TEMPORAL_ECOMMERCE_DATA_DIR: path.join(dataDir, 'missing') }), client: env.client });
    try {
      const list = await broken.inject({ method: 'GET', url: '/api/catalog' });
      expect(list.statusCode).toBe(503);
      expect(list.json().message).toBe('The product catalog is unavailable: is the order worker running?');
      expect(list.body).not.toContain('orders.db');
      const order = await broken.inject({ method: 'POST', url: '/api/orders', payload: example('order1.json', uid('order')) });
      expect(order.statusCode).toBe(503);
    } finally {
      await broken.close();
    }
  });
});

describe('GET /api/orders/:orderId', () => {
  it('answers 404 for an unknown order', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/orders/no-such-order' });
    expect(res.statusCode).toBe(404);
  });

  it('reports a failed order with its reason and compensations', async () => {
    const order = { ...example('order1.json', uid('order')), customerId: DECLINED_CUSTOMER };
    expect((await create(order)).statusCode).toBe(201);
    const failed = await waitFor(() => status(order.orderId), (s) => s.status === 'failed', 'failed');
    expect(failed.failure).toMatchObject({ type: 'PaymentDeclined' });
    expect(failed.compensations).toEqual(['releaseInventory']);
  });
});

describe('approval', () => {
  it('a high-value order awaits approval, ships once approved, and a second approval is 409', async () => {
    const order = example('order-high-value.json', uid('order-hv'));
    expect((await create(order)).statusCode).toBe(201);
    await waitFor(() => status(order.orderId), (s) => s.status === 'awaiting_approval', 'awaiting_approval');

    const res = await app.inject({
      method: 'POST',
      url: `/api/orders/${order.orderId}/approve`,
      payload: { approved: true, approvedBy: 'admin@company.com', reason: 'Verified with customer' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'shipped', approvedBy: 'admin@company.com', approvalReason: 'Verified with customer' });
    expect((await status(order.orderId)).status).toBe('shipped');

    const again = await app.inject({ method: 'POST', url: `/api/orders/${order.orderId}/approve`, payload: { approved: true, approvedBy: 'x' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/not awaiting approval/);
  });

  it('a rejection refunds and releases; the approval body is validated; unknown orders are 404', async () => {
    const order = example('order-high-value.json', uid('order-hv'));
    expect((await create(order)).statusCode).toBe(201);
    await waitFor(() => status(order.orderId), (s) => s.status === 'awaiting_approval', 'awaiting_approval');

    const bad = await app.inject({ method: 'POST', url: `/api/orders/${order.orderId}/approve`, payload: { approved: 'yes', approvedBy: 'a' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('body/approved');

    const res = await app.inject({ method: 'POST', url: `/api/orders/${order.orderId}/approve`, payload: { approved: false, approvedBy: 'risk@company.com', reason: 'No' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'failed', compensations: ['refundPayment', 'releaseInventory'] });

    const closed = await app.inject({ method: 'POST', url: `/api/orders/${order.orderId}/approve`, payload: { approved: true, approvedBy: 'x' } });
    expect(closed.statusCode).toBe(409);
    const unknown = await app.inject({ method: 'POST', url: '/api/orders/nope/approve', payload: { approved: true, approvedBy: 'x' } });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('POST /api/orders/:orderId/cancel', () => {
  it('cancels (returns) a shipped order without a body, then refuses a second cancel with 409', async () => {
    const order = example('order1.json', uid('order'));
    expect((await create(order)).statusCode).toBe(201);
    await waitFor(() => status(order.orderId), (s) => s.status === 'shipped', 'shipped');

    const res = await app.inject({ method: 'POST', url: `/api/orders/${order.orderId}/cancel` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', compensations: ['cancelShipment', 'refundPayment', 'releaseInventory'] });
    expect((await status(order.orderId)).status).toBe('cancelled');

    const again = await app.inject({ method: 'POST', url: `/api/orders/${order.orderId}/cancel` });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe(`Order ${order.orderId} cannot be cancelled: it is cancelled`);
  });

  it('cancels an order awaiting approval with a reason; unknown orders are 404', async () => {
    const order = example('order-high-value.json', uid('order-hv'));
    expect((await create(order)).statusCode).toBe(201);
    await waitFor(() => status(order.orderId), (s) => s.status === 'awaiting_approval', 'awaiting_approval');
    const res = await app.inject({ method: 'POST', url: `/api/orders/${order.orderId}/cancel`, payload: { reason: 'Customer changed their mind' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Customer changed their mind', compensations: ['refundPayment', 'releaseInventory'] });
    expect((await app.inject({ method: 'POST', url: '/api/orders/nope/cancel' })).statusCode).toBe(404);
  });
});

describe('Idempotency-Key on the order Updates', () => {
  const approve = (orderId: string, key?: string, approved = true) =>
    app.inject({ method: 'POST', url: `/api/orders/${orderId}/approve`, headers: key ? { 'idempotency-key': key } : {}, payload: { approved, approvedBy: 'admin@company.com' } });
  const cancel = (orderId: string, key?: string) =>
    app.inject({ method: 'POST', url: `/api/orders/${orderId}/cancel`, headers: key ? { 'idempotency-key': key } : {}, payload: { reason: 'retried' } });

  it('answers a retried approval with the first outcome instead of 409; another key is a new request', async () => {
    const order = example('order-high-value.json', uid('order-idem'));
    expect((await create(order)).statusCode).toBe(201);
    await waitFor(() => status(order.orderId), (s) => s.status === 'awaiting_approval', 'awaiting_approval');
    const key = `approve-${order.orderId}`;
    const first = await approve(order.orderId, key);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'shipped', approvedBy: 'admin@company.com' });
    const retry = await approve(order.orderId, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    // Same key, changed body: not a retry, so the workflow's validator answers it.
    expect((await approve(order.orderId, key, false)).statusCode).toBe(409);
    expect((await approve(order.orderId, `${key}-other`)).statusCode).toBe(409);
  });

  it('answers 400 naming the header for a key that is not visible ASCII or too long', async () => {
    const order = example('order-high-value.json', uid('order-idem'));
    for (const key of ['has space', 'x'.repeat(129)]) {
      const res = await approve(order.orderId, key);
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain('headers/idempotency-key');
    }
  });

  it('a cancel that got 503 with the worker down is applied once the worker is back, and its retry answers that outcome', async () => {
    const order = example('order-high-value.json', uid('order-idem'));
    expect((await create(order)).statusCode).toBe(201);
    await waitFor(() => status(order.orderId), (s) => s.status === 'awaiting_approval', 'awaiting_approval');
    const key = `cancel-${order.orderId}`;
    await stopOrderWorker();
    try {
      const down = await cancel(order.orderId, key);
      expect(down.statusCode).toBe(503);
      expect(down.json().message).toMatch(/read the state before sending it again/);
    } finally {
      worker = await startOrderWorker();
    }
    // Temporal kept the Update: the restarted worker applies it without anyone sending it again.
    await waitFor(() => status(order.orderId), (s) => s.status === 'cancelled', 'cancelled by the kept Update');
    const retry = await cancel(order.orderId, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ status: 'cancelled', cancelReason: 'retried', compensations: ['refundPayment', 'releaseInventory'] });
    // Without the key the same retry is a second cancel, and the order cannot be cancelled twice.
    expect((await cancel(order.orderId)).statusCode).toBe(409);
  });
});

describe('GET /api/orders', () => {
  it('lists orders from visibility with status, pages with nextPageToken and filters by status and customer', async () => {
    const customerId = uid('customer');
    const ids = [uid('order'), uid('order'), uid('order')];
    for (const id of ids) expect((await create({ ...example('order1.json', id), customerId })).statusCode).toBe(201);
    const list = (url: string) => app.inject({ method: 'GET', url }).then((r) => r.json<ListOrdersResponse>());
    // Visibility is eventually consistent: wait until all three are shipped there.
    await waitFor(
      () => list(`/api/orders?customerId=${customerId}&status=shipped`),
      (r) => r.orders.length === 3,
      'three shipped orders in visibility',
    );

    const first = await list(`/api/orders?customerId=${customerId}&pageSize=2`);
    expect(first.orders).toHaveLength(2);
    expect(first.nextPageToken).toBeDefined();
    const second = await list(`/api/orders?customerId=${customerId}&pageSize=2&nextPageToken=${first.nextPageToken}`);
    expect(second.orders).toHaveLength(1);
    const seen = [...first.orders, ...second.orders];
    expect(seen.map((o) => o.orderId).sort()).toEqual([...ids].sort());
    for (const o of seen) expect(o).toMatchObject({ customerId, status: 'shipped', totalAmount: 1359.97, executionStatus: 'RUNNING' });

    expect((await list(`/api/orders?customerId=${customerId}&status=cancelled`)).orders).toEqual([]);
  });

  it('answers 400 for a bad status filter or page size', async () => {
    const status = await app.inject({ method: 'GET', url: '/api/orders?status=lost' });
    expect(status.statusCode).toBe(400);
    expect(status.json().message).toContain('querystring/status');
    expect((await app.inject({ method: 'GET', url: '/api/orders?pageSize=1000' })).statusCode).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents every order route with tags, examples and error responses', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths['/api/orders'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(doc.paths['/api/orders'].post.responses).toHaveProperty('201');
    expect(doc.paths['/api/orders'].post.responses).toHaveProperty('409');
    expect(Object.keys(doc.paths['/api/orders'].post.responses)).toEqual(expect.arrayContaining(['201', '202', '402']));
    expect(doc.paths['/api/orders'].post.parameters).toEqual([expect.objectContaining({ name: 'wait', in: 'query', schema: { type: 'string', enum: ['charged'] } })]);
    expect(doc.paths['/api/orders/{orderId}'].get.responses).toHaveProperty('404');
    expect(doc.paths['/api/orders/{orderId}/approve'].post.tags).toEqual(['orders']);
    expect(doc.paths['/api/orders/{orderId}/cancel'].post.responses).toHaveProperty('409');
    expect(JSON.stringify(doc.paths['/api/orders'].post.requestBody)).toContain('order-001');
    expect(doc.paths['/api/catalog'].get.tags).toEqual(['catalog']);
    expect(doc.paths['/api/catalog'].get.responses).toHaveProperty('200');
    expect(doc.tags.map((t: { name: string }) => t.name)).toContain('catalog');
  });
});
