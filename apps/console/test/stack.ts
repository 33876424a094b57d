import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import {
  RestartableTemporal,
  repoRoot,
  connectClient,
  ensureWorkflowBundle,
  freePort,
  requestJson,
  runDir,
  serviceEnv,
  serviceProcess,
  startGateway,
  startWorker,
  type ServiceProcess,
} from '@temporal-ecommerce/e2e/harness';
import type { Client, Connection } from '@temporalio/client';

type Worker = 'order-worker' | 'ml-worker' | 'agent-worker';

/** Auth on, as in production: one token with both roles, so every button can be pressed. */
export const TOKEN = 'console-test-token';
export const TOKEN_IDENTITY = 'olga';
/** A second token with the approver role only: the console offers it no operator action. */
export const APPROVER_TOKEN = 'console-approver-token';

/** Debian's chromium (.ci/run installs it); never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CONSOLE_DIST = path.resolve(import.meta.dirname, '..', 'dist');
/** Screenshots of each screen, for a reviewer (and the README). */
export const SCREENSHOTS = path.resolve(import.meta.dirname, '..', 'test-results', 'screenshots');
/** One 1280×800 image per page, as the README shows them; copied to README_IMAGES with UPDATE_SCREENSHOTS=1. */
export const README_SHOTS = path.join(SCREENSHOTS, 'readme');
export const README_IMAGES = path.resolve(import.meta.dirname, '..', '..', '..', 'docs', 'images', 'console');

export interface StackOptions {
  name: string;
  workers: Worker[];
  workerEnv?: Partial<Record<Worker, Record<string, string>>>;
  gatewayEnv?: Record<string, string>;
}

/**
 * The real system the console runs against: a Temporal dev server, the workers, and the gateway serving
 * the console's build (each the real entry file as a child process, all state in a temp folder), plus a
 * headless chromium. One per test file.
 */
export class ConsoleStack {
  private constructor(
    readonly temporal: RestartableTemporal,
    readonly client: Client,
    private readonly connection: Connection,
    readonly gateway: ServiceProcess,
    readonly workers: ServiceProcess[],
    readonly baseUrl: string,
    readonly browser: Browser,
    /** CSP violations and page errors seen by any page: a test fails on them. */
    readonly pageErrors: string[],
  ) {}

  static async start(opts: StackOptions): Promise<ConsoleStack> {
    const dir = runDir(`console-${opts.name}`);
    const dataDir = path.join(dir, 'data');
    // The agent analyses a copy: the repository under examples/ is never touched by a test.
    const repos = path.join(dir, 'repos');
    cpSync(path.join(repoRoot(), 'examples', 'sample-codebase'), path.join(repos, 'sample-codebase'), { recursive: true });
    for (const w of opts.workers) ensureWorkflowBundle(w);
    const temporal = await RestartableTemporal.start({ port: await freePort(), dbFilename: path.join(dir, 'temporal.db') });
    const { client, connection } = await connectClient(temporal.address);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const gateway = serviceProcess(
      'gateway',
      'gateway',
      serviceEnv({
        temporalAddress: temporal.address,
        dataDir,
        logLevel: 'warn',
        extra: { PORT: String(port), HOST: '127.0.0.1', CONSOLE_DIR: CONSOLE_DIST, SSE_POLL_INTERVAL_MS: '200', GATEWAY_TOKENS: `${TOKEN}:operator+approver:${TOKEN_IDENTITY},${APPROVER_TOKEN}:approver:abe`, TEMPORAL_UI_URL: 'http://localhost:8233', AGENT_REPOSITORY_ROOTS: repos, ...opts.gatewayEnv },
      }),
      path.join(dir, 'gateway.log'),
    );
    const workers = opts.workers.map((w) =>
      serviceProcess(w, w, serviceEnv({ temporalAddress: temporal.address, dataDir, extra: { AGENT_REPOSITORY_ROOTS: repos, ...opts.workerEnv?.[w] } }), path.join(dir, `${w}.log`)),
    );
    // Workers first: the order worker creates the catalog the gateway reads.
    await Promise.all(workers.map((w) => startWorker(w)));
    await startGateway(gateway, baseUrl);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    return new ConsoleStack(temporal, client, connection, gateway, workers, baseUrl, browser, []);
  }

  /** A fresh page (own sessionStorage) at 1280×800 or a phone's width, recording CSP violations and errors. */
  async page(viewport: { width: number; height: number } = { width: 1280, height: 800 }): Promise<Page> {
    const context = await this.browser.newContext({ viewport, baseURL: this.baseUrl });
    const page = await context.newPage();
    page.on('pageerror', (err) => this.pageErrors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content.Security.Policy|Refused to/i.test(msg.text())) this.pageErrors.push(`csp: ${msg.text()}`);
    });
    return page;
  }

  /** Opens the console, which asks for a token (the gateway answered 401), and signs in. */
  async signedInPage(viewport?: { width: number; height: number }, token = TOKEN): Promise<Page> {
    const page = await this.page(viewport);
    await page.goto('/#/orders');
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.getByRole('button', { name: 'Forget token' }).waitFor();
    return page;
  }

  async screenshot(page: Page, name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  /**
   * The README's picture of a page: the 1280×800 viewport (not the full page), scrolled so `focus` is in
   * view, written to test-results/screenshots/readme/ and, with UPDATE_SCREENSHOTS=1, over the committed
   * image in docs/images/console/.
   */
  async readmeScreenshot(page: Page, name: string, focus?: Locator): Promise<void> {
    const size = page.viewportSize();
    if (size?.width !== 1280 || size.height !== 800) throw new Error(`README screenshot ${name} needs a 1280×800 page, got ${size?.width}×${size?.height}`);
    if (focus) await focus.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    // The focus ring of the last click would show in the picture.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    mkdirSync(README_SHOTS, { recursive: true });
    const file = path.join(README_SHOTS, `${name}.png`);
    await page.screenshot({ path: file });
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(README_IMAGES, { recursive: true });
      cpSync(file, path.join(README_IMAGES, `${name}.png`));
    }
  }

  http<T = unknown>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<{ status: number; body: T }> {
    return requestJson<T>(this.baseUrl, method, url, body, { authorization: `Bearer ${TOKEN}` });
  }

  async stop(): Promise<void> {
    await this.browser.close();
    await Promise.all(this.workers.map((w) => w.stop(15_000)));
    await this.gateway.stop(10_000);
    await this.connection.close();
    await this.temporal.stop();
    await Promise.all([...this.workers, this.gateway].map((p) => p.close()));
  }
}
