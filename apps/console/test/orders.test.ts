import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { APPROVER_TOKEN, ConsoleStack, TOKEN, TOKEN_IDENTITY } from './stack';

/**
 * The Orders screens in a real browser against the real system: a place-and-ship order, a high-value
 * order approved from its page, a return whose compensations appear in the order they ran.
 */
let stack: ConsoleStack;

beforeAll(async () => {
  // A slow payment (3 s) so the page is open while the saga is still on its way: what it shows after is live.
  stack = await ConsoleStack.start({ name: 'orders', workers: ['order-worker'], workerEnv: { 'order-worker': { ORDER_FAULT_PAYMENT_DELAY_MS: '3000' } } });
});

afterAll(async () => {
  await stack?.stop();
});

const run = Date.now().toString(36);
const step = (page: Page, key: string) => page.locator(`[data-testid="timeline"] [data-step="${key}"]`);

async function placeOrder(page: Page, orderId: string, customerId: string, quantities: Record<string, number>): Promise<void> {
  await page.goto('/#/orders/new');
  await page.getByLabel('Order id').fill(orderId);
  await page.getByLabel('Customer').fill(customerId);
  for (const [product, quantity] of Object.entries(quantities)) await page.getByLabel(`Quantity of ${product}`).fill(String(quantity));
  await page.getByRole('button', { name: 'Place order' }).click();
  await page.waitForURL(`**/#/orders/${orderId}`);
}

describe('orders', () => {
  it('serves the console at / with a self-only CSP, revalidated page and year-long hashed assets', async () => {
    const res = await fetch(`${stack.baseUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await res.text())?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${stack.baseUrl}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
  });

  it('asks for a bearer token and keeps it in sessionStorage, never in the URL', async () => {
    const page = await stack.page();
    await page.goto('/#/orders');
    await page.getByRole('form', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Token').fill('not-the-token');
    await page.getByRole('button', { name: 'Use token' }).click();
    // Refused again: the form stays, and the list is not shown.
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('Invalid bearer token');
    await page.getByLabel('Token').fill(TOKEN);
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.getByRole('form', { name: 'Sign in' }).waitFor({ state: 'detached' });
    expect(page.url()).not.toContain(TOKEN);
    expect(await page.evaluate(() => Object.values(sessionStorage))).toEqual([TOKEN]);
    expect(await page.evaluate(() => Object.values(localStorage))).toEqual([]);
    expect(stack.pageErrors).toEqual([]);
  });

  it('places an order from the catalog and watches its timeline reach shipped live', async () => {
    const page = await stack.signedInPage();
    const orderId = `ui-ship-${run}`;
    await placeOrder(page, orderId, `cust-${run}`, { Laptop: 1, Mouse: 2 });
    // Opened while the payment is still in flight: the page shows the charge as the current step...
    await expect.poll(() => step(page, 'charge').getAttribute('data-state')).toBe('active');
    // ...and the stream carries it on to shipped, with the return window open.
    await expect.poll(() => step(page, 'ship').getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await step(page, 'returns').getAttribute('data-state')).toBe('active');
    expect(await step(page, 'approval').count()).toBe(0);
    expect(await page.getByTestId('live').textContent()).toBe('live');
    // The server priced it: 1 × 1299.99 + 2 × 29.99.
    await expect.poll(() => page.locator('.card').first().textContent()).toContain('1,359.97');
    expect(await page.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Cancel (return)' }).isEnabled()).toBe(true);
    expect(await page.getByRole('link', { name: 'Open the run in the Temporal UI' }).getAttribute('href')).toContain(`/workflows/order-${orderId}/`);
    await stack.screenshot(page, 'order-shipped');

    // The list, filtered by this customer, newest first.
    await page.goto('/#/orders');
    await page.getByLabel('Customer').fill(`cust-${run}`);
    await page.getByLabel('Customer').press('Enter');
    await expect.poll(() => page.getByTestId('orders').locator('tbody tr').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('orders').locator('tbody tr').first().textContent()).toContain(orderId);
    await stack.screenshot(page, 'orders-list');
    await stack.readmeScreenshot(page, 'orders-list');
    expect(stack.pageErrors).toEqual([]);
  });

  it('approves a high-value order from its page; the buttons follow what the workflow accepts', async () => {
    const page = await stack.signedInPage();
    const orderId = `ui-approve-${run}`;
    await placeOrder(page, orderId, `cust-hv-${run}`, { Laptop: 4 });
    await expect.poll(() => step(page, 'approval').getAttribute('data-state'), { timeout: 30_000 }).toBe('active');
    expect(await step(page, 'approval').textContent()).toContain('deadline');
    const approve = page.getByRole('button', { name: 'Approve' });
    expect(await approve.isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Reject' }).isEnabled()).toBe(true);
    await stack.screenshot(page, 'order-awaiting-approval');

    await approve.click();
    await expect.poll(() => step(page, 'ship').getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await step(page, 'approval').textContent()).toContain(`approved by ${TOKEN_IDENTITY}`);
    expect(await approve.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Reject' }).isDisabled()).toBe(true);
    expect(stack.pageErrors).toEqual([]);
  });

  it('offers a token only the actions its role allows: an approver may approve, not place, cancel or operate', async () => {
    const page = await stack.signedInPage(undefined, APPROVER_TOKEN);
    const nav = page.getByRole('navigation', { name: 'Screens' });
    await nav.getByRole('link', { name: 'Orders' }).waitFor();
    await expect.poll(() => nav.getByRole('link', { name: 'Operations' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'New order' }).count()).toBe(0);
    await page.goto(`/#/orders/ui-approve-${run}`);
    await step(page, 'ship').waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(1);
    // The gateway records the token's identity as the approver: no field pretends otherwise.
    await page.getByText('Approver: abe (from your token)').waitFor();
    expect(await page.locator('input[name="approvedBy"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Cancel/ }).count()).toBe(0);
    await page.getByText('Cancelling needs the operator role; abe does not have it.').waitFor();
    await page.goto('/#/orders/new');
    await page.getByText('Placing an order needs the operator role; abe does not have it.').waitFor();
    expect(await page.getByRole('form', { name: 'Place an order' }).isVisible()).toBe(false);
    // The operator token sees them all.
    const operator = await stack.signedInPage();
    await operator.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Operations' }).waitFor();
    await operator.getByRole('link', { name: 'New order' }).waitFor();
    expect(stack.pageErrors).toEqual([]);
  });

  it('fits a phone width: the order page scrolls only vertically', async () => {
    const page = await stack.signedInPage({ width: 390, height: 844 });
    await page.goto(`/#/orders/ui-ship-${run}`);
    await step(page, 'ship').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await stack.screenshot(page, 'order-phone');
  });

  it('cancels a shipped order and shows the compensations newest step first', async () => {
    const page = await stack.signedInPage();
    const orderId = `ui-return-${run}`;
    await placeOrder(page, orderId, `cust-ret-${run}`, { Mouse: 1 });
    await expect.poll(() => step(page, 'ship').getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    await page.getByLabel('Reason').fill('Customer returned it');
    await page.getByRole('button', { name: 'Cancel (return)' }).click();
    const compensations = page.locator('[data-testid="timeline"] [data-step^="comp-"]');
    await expect.poll(() => compensations.count(), { timeout: 30_000 }).toBe(3);
    expect(await compensations.allTextContents()).toEqual([
      'Compensate: Cancel the shipment',
      'Compensate: Refund the payment',
      'Compensate: Release the reserved stock',
    ]);
    expect(await page.locator('.badge').first().textContent()).toBe('cancelled');
    expect(await page.getByRole('button', { name: 'Cancel' }).isDisabled()).toBe(true);
    await stack.screenshot(page, 'order-cancelled');
    await stack.readmeScreenshot(page, 'order-page');
    expect(stack.pageErrors).toEqual([]);
  });
});
