import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { connectClient, freePort, repoRoot, requestJson, RestartableTemporal, runDir, waitFor } from '@temporal-ecommerce/e2e/harness';
import type { Client, Connection } from '@temporalio/client';
import { CHROMIUM, README_IMAGES, README_SHOTS, SCREENSHOTS, TOKEN, TOKEN_IDENTITY } from './stack';

/**
 * The Operations screen against `pnpm start` itself (infra/dist/start-all.js with OPS_CONTROLS=on): its
 * supervisor runs the three workers and the gateway in development mode, on a Temporal dev server with
 * its Web UI. The console kills and starts real worker processes, restarts the order worker with a fault,
 * and drives the load generator; the Swagger UI and the Temporal UI are opened in the same browser.
 */
const APPROVER = 'ops-approver-token';
const LONG = { timeout: 240_000, interval: 500 };

let temporal: RestartableTemporal;
let launcher: ChildProcess;
const lines: string[] = [];
let baseUrl: string;
let browser: Browser;
let client: Client;
let connection: Connection;
const pageErrors: string[] = [];

const api = <T>(method: 'GET' | 'POST', url: string, body?: unknown, token = TOKEN) => requestJson<T>(baseUrl, method, url, body, { authorization: `Bearer ${token}` });

beforeAll(async () => {
  const dir = runDir('console-ops');
  const repos = path.join(dir, 'repos');
  cpSync(path.join(repoRoot(), 'examples', 'sample-codebase'), path.join(repos, 'sample-codebase'), { recursive: true });
  temporal = await RestartableTemporal.start({ port: await freePort(), uiPort: await freePort(), dbFilename: path.join(dir, 'temporal.db') });
  ({ client, connection } = await connectClient(temporal.address));
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  launcher = spawn(process.execPath, [path.join(repoRoot(), 'infra', 'dist', 'start-all.js')], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NO_COLOR: '1',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      METRICS_PORT: 'off',
      OPS_CONTROLS: 'on',
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_UI_URL: temporal.uiUrl!,
      TEMPORAL_ECOMMERCE_DATA_DIR: path.join(dir, 'data'),
      PORT: String(port),
      GATEWAY_TOKENS: `${TOKEN}:operator:${TOKEN_IDENTITY},${APPROVER}:approver:abe`,
      CONSOLE_DIR: path.resolve(import.meta.dirname, '..', 'dist'),
      AGENT_REPOSITORY_ROOTS: repos,
      AGENT_FILE_DELAY_MS: '500',
      SSE_POLL_INTERVAL_MS: '300',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [launcher.stdout!, launcher.stderr!]) createInterface({ input: stream }).on('line', (l) => lines.push(l));
  const deadline = Date.now() + LONG.timeout;
  await waitFor(() => (lines.some((l) => l.includes('temporal-ecommerce is running')) ? true : undefined), { deadline, what: `pnpm start's banner (${lines.slice(-5).join(' / ')})` });
  // Development mode bundles each worker's workflows at start: wait until all three poll.
  await waitFor(
    async () => {
      const res = await api<{ queues?: { worker: string; workflow: { pollers: unknown[] } }[] }>('GET', '/api/ops/task-queues');
      return res.body.queues?.filter((q) => q.workflow.pollers.length > 0).length === 3 ? true : undefined;
    },
    { deadline, intervalMs: 1_000, what: 'the three workers polling' },
  );
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (launcher && launcher.exitCode === null) {
    const exited = new Promise((resolve) => launcher.once('exit', resolve));
    launcher.kill('SIGTERM');
    await exited;
  }
  await connection?.close();
  await temporal?.stop();
}, 120_000);

async function signedIn(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: baseUrl });
  const page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content.Security.Policy|Refused to/i.test(msg.text())) pageErrors.push(`csp: ${msg.text()}`);
  });
  await page.goto('/#/ops');
  await page.getByLabel('Token').fill(TOKEN);
  await page.getByRole('button', { name: 'Use token' }).click();
  await page.getByRole('button', { name: 'Forget token' }).waitFor();
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The README's 1280×800 picture of a page (see stack.ts readmeScreenshot), scrolled so `focus` is in view. */
async function readmeShot(page: Page, name: string, focus: Locator): Promise<void> {
  await focus.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  mkdirSync(README_SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(README_SHOTS, `${name}.png`) });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(README_IMAGES, { recursive: true });
    cpSync(path.join(README_SHOTS, `${name}.png`), path.join(README_IMAGES, `${name}.png`));
  }
}

const pidOf = async (page: Page, worker: string) => Number(/pid (\d+)/.exec((await page.locator(`[data-testid=workers] tr[data-worker=${worker}]`).textContent()) ?? '')?.[1]);

describe('operations', () => {
  it('shows each queue\'s pollers; a visitor kills the agent worker mid-analysis, starts it again, and the analysis completes without analysing a file twice', async () => {
    const started = await api<{ workflowId: string }>('POST', '/api/agent/analyze', { taskId: `ops-${Date.now()}`, repositoryPath: 'sample-codebase', analysisType: 'security', budget: 100 });
    expect(started.status).toBe(201);
    const { workflowId } = started.body;
    const page = await signedIn();
    const agentRow = page.locator('[data-testid=task-queues] tr[data-worker=agent-worker]');
    await expect.poll(async () => Number(await agentRow.getAttribute('data-pollers')), LONG).toBeGreaterThan(0);
    const pid = await pidOf(page, 'agent-worker');
    expect(pid).toBeGreaterThan(1);
    // The worker's identity in Temporal is pid@host: the process the supervisor runs.
    expect(await agentRow.locator('.poller').first().textContent()).toContain(`${pid}@`);

    await expect.poll(async () => (await api<{ filesAnalyzed: number }>('GET', `/api/agent/analyze/${workflowId}`)).body.filesAnalyzed, LONG).toBeGreaterThan(1);
    const beforeKill = (await api<{ filesAnalyzed: number }>('GET', `/api/agent/analyze/${workflowId}`)).body.filesAnalyzed;
    await page.getByRole('button', { name: 'Kill agent-worker' }).click();
    const workerRow = page.locator('[data-testid=workers] tr[data-worker=agent-worker]');
    await expect.poll(() => workerRow.getAttribute('data-running'), LONG).toBe('false');
    expect(await workerRow.textContent()).toContain('stopped (signal SIGKILL)');
    expect(() => process.kill(pid, 0)).toThrow();
    // Nothing answers the analysis's query now: the gateway says which worker is missing.
    const stalled = await api<{ message: string }>('GET', `/api/agent/analyze/${workflowId}`);
    expect(stalled.status).toBe(503);
    expect(stalled.body.message).toMatch(/agent worker/);
    await shot(page, 'ops-worker-killed');

    await page.getByRole('button', { name: 'Start agent-worker' }).click();
    await expect.poll(() => workerRow.getAttribute('data-running'), LONG).toBe('true');
    const newPid = await pidOf(page, 'agent-worker');
    expect(newPid).not.toBe(pid);
    await expect.poll(async () => (await agentRow.textContent()) ?? '', LONG).toContain(`${newPid}@`);
    await expect.poll(async () => (await api<{ status: string }>('GET', `/api/agent/analyze/${workflowId}`)).body.status, LONG).toBe('completed');
    const done = (await api<{ filesAnalyzed: number; totalFiles: number }>('GET', `/api/agent/analyze/${workflowId}`)).body;
    expect(done.filesAnalyzed).toBe(done.totalFiles);
    expect(beforeKill).toBeLessThan(done.totalFiles);
    // Each file's activity was scheduled once: the one in flight at the kill ran again as attempt 2, none twice.
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const scheduled = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'analyzeFile');
    expect(scheduled).toHaveLength(done.totalFiles);
    await shot(page, 'ops');
    expect(pageErrors).toEqual([]);
  }, 600_000);

  it('restarts the order worker with the carrier refusing shipments, and an order then runs its compensations', async () => {
    const page = await signedIn();
    const form = page.getByRole('form', { name: 'Order worker faults' });
    await form.waitFor();
    const before = await pidOf(page, 'order-worker');
    await form.getByLabel('Carrier').selectOption('reject');
    await form.getByRole('button', { name: /Apply faults/ }).click();
    await page.getByText('Applied: the order worker restarts gracefully with them.').waitFor();
    await expect.poll(async () => (await pidOf(page, 'order-worker')) || 0, LONG).not.toBe(before);
    await expect.poll(async () => (await pidOf(page, 'order-worker')) || 0, LONG).toBeGreaterThan(0);
    // The new worker polls before the order is placed.
    const after = await pidOf(page, 'order-worker');
    await expect.poll(async () => (await page.locator('[data-testid=task-queues] tr[data-worker=order-worker]').textContent()) ?? '', LONG).toContain(`${after}@`);

    const orderId = `ops-fault-${Date.now()}`;
    const created = await api('POST', '/api/orders', { orderId, customerId: 'ops-customer', items: [{ productId: 'mouse-001', productName: 'mouse', quantity: 1 }] });
    expect(created.status).toBe(201);
    await expect.poll(async () => (await api<{ status: string }>('GET', `/api/orders/${orderId}`)).body.status, LONG).toBe('failed');
    const order = (await api<{ compensations?: unknown[]; error?: string }>('GET', `/api/orders/${orderId}`)).body;
    expect(JSON.stringify(order)).toMatch(/carrier|shipment|ship/i);

    await form.getByLabel('Carrier').selectOption('ok');
    await form.getByRole('button', { name: /Apply faults/ }).click();
    await page.getByText('Applied: the order worker restarts gracefully with them.').waitFor();
    await expect.poll(async () => (await api<{ enabled: boolean; faults: { carrier: string } }>('GET', '/api/ops/controls')).body.faults.carrier, LONG).toBe('ok');
  }, 600_000);

  it('runs a load from the panel and draws its throughput and latency live', async () => {
    const page = await signedIn();
    const form = page.getByRole('form', { name: 'Load' });
    await form.getByLabel('Orders per second').fill('2');
    await form.getByLabel('Duration (s)').fill('10');
    for (const s of ['high-value', 'declined', 'out-of-stock', 'cancel']) await form.getByLabel(`Mix: ${s}`).fill('0');
    await form.getByLabel('Mix: normal').fill('1');
    await form.getByRole('button', { name: 'Start load' }).click();
    const chart = page.getByTestId('throughput-chart');
    // Live: the chart grows while the run goes on, before it ends.
    await expect.poll(async () => Number((await chart.getAttribute('data-points')) ?? 0), LONG).toBeGreaterThanOrEqual(3);
    expect(await form.getByRole('button', { name: 'Start load' }).isDisabled()).toBe(true);
    await page.getByText(/last run ended/).waitFor({ timeout: 120_000 });
    expect(Number(await page.getByTestId('load-sent').textContent())).toBeGreaterThanOrEqual(10);
    await shot(page, 'ops-load');
    await readmeShot(page, 'ops', chart);

    // Beyond the bounds the gateway refuses the run, and the panel shows its words; no run starts.
    const sentBefore = (await api<{ load: { startedAt?: number } }>('GET', '/api/ops/controls')).body.load.startedAt;
    const alert = form.getByRole('alert');
    const rate = form.getByLabel('Orders per second');
    await rate.fill('50');
    await form.getByRole('button', { name: 'Start load' }).click();
    await expect.poll(() => alert.textContent()).toMatch(/^400: body\/rate must be <= 20$/);
    await shot(page, 'ops-load-refused');
    await rate.fill('2');
    await form.getByLabel('Duration (s)').fill('301');
    await form.getByRole('button', { name: 'Start load' }).click();
    await expect.poll(() => alert.textContent()).toMatch(/^400: body\/durationSeconds must be <= 300$/);
    expect((await api<{ load: { startedAt?: number; running: boolean } }>('GET', '/api/ops/controls')).body.load).toMatchObject({ startedAt: sentBefore, running: false });
    // Within the bounds again, the error goes and the run starts.
    await form.getByLabel('Duration (s)').fill('2');
    await form.getByRole('button', { name: 'Start load' }).click();
    await alert.waitFor({ state: 'detached' });
    await expect.poll(async () => (await api<{ load: { startedAt?: number } }>('GET', '/api/ops/controls')).body.load.startedAt, LONG).not.toBe(sentBefore);
  }, 600_000);

  it('is refused to a token without the operator role', async () => {
    const res = await api('GET', '/api/ops/task-queues', undefined, APPROVER);
    expect(res.status).toBe(403);
    const kill = await api('POST', '/api/ops/workers/order-worker/kill', undefined, APPROVER);
    expect(kill.status).toBe(403);
    expect(lines.some((l) => l.includes('killed from the console') && l.startsWith('order-worker'))).toBe(false);
  }, 600_000);

  it('opens the Swagger UI and the Temporal UI in the browser', async () => {
    const page = await signedIn();
    await page.goto('/docs');
    await page.locator('#operations-ops-listTaskQueues').waitFor({ timeout: 60_000 });
    expect(await page.locator('.swagger-ui .info .title').textContent()).toMatch(/temporal-ecommerce/i);
    await shot(page, 'swagger-ui');

    const orderId = `ops-ui-${Date.now()}`;
    await api('POST', '/api/orders', { orderId, customerId: 'ops-customer', items: [{ productId: 'mouse-001', productName: 'mouse', quantity: 1 }] });
    await page.goto(`/#/orders/${orderId}`);
    const link = page.getByRole('link', { name: /Temporal UI/ });
    await link.waitFor({ timeout: 60_000 });
    expect(await link.getAttribute('href')).toContain(temporal.uiUrl!);
    const [ui] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    // This run's page, not a list or a not-found page that merely mentions the id: its run id and workflow type.
    const run = await client.workflow.getHandle(`order-${orderId}`).describe();
    await ui.getByText(run.runId).first().waitFor({ timeout: 120_000 });
    await ui.getByText(run.type, { exact: true }).first().waitFor({ timeout: 60_000 });
    expect(new URL(ui.url()).pathname).toBe(`/namespaces/default/workflows/order-${orderId}/${run.runId}/history`);
    await shot(ui, 'temporal-ui');
  }, 600_000);
});
