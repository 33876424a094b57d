import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ConsoleStack } from './stack';

/**
 * The ML training screens in a real browser against the real ML worker: start a short run from the form,
 * watch the loss curve get points, answer the review, audit the checkpoints, then tamper with one.
 */
let stack: ConsoleStack;
let page: Page;
let workflowId: string;

beforeAll(async () => {
  stack = await ConsoleStack.start({ name: 'ml', workers: ['ml-worker'] });
  page = await stack.signedInPage();
});

afterAll(async () => {
  await stack?.stop();
});

const points = async () => Number(await page.getByTestId('loss-chart').getAttribute('data-points'));

describe('ML training', () => {
  it('starts a short run from the form; the curve gets points live; a review answered from the page lets it finish', async () => {
    await page.goto('/#/ml');
    await page.getByLabel('Model id', { exact: true }).fill(`ui-iris-${Date.now().toString(36)}`);
    await page.getByLabel('Epochs', { exact: true }).fill('6');
    await page.getByLabel('Checkpoint every (epochs)').fill('2');
    await page.getByLabel('Review every (epochs)').fill('3');
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.waitForURL('**/#/ml/ml-training-*');
    workflowId = decodeURIComponent(page.url().split('#/ml/')[1]!);

    // The run waits at epoch 3 for a decision: the page shows the form and the first three epochs.
    await page.getByRole('form', { name: 'Review decision' }).waitFor({ timeout: 60_000 });
    expect(await points()).toBe(3);
    expect(await page.getByTestId('checkpoint-marker').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('accuracy').textContent()).toMatch(/%$/);
    await stack.screenshot(page, 'ml-review');

    await page.getByRole('button', { name: 'Send decision' }).click();
    await expect.poll(() => page.locator('.badge').first().textContent(), { timeout: 60_000 }).toBe('completed');
    expect(await points()).toBe(6);
    expect(await page.getByRole('form', { name: 'Review decision' }).count()).toBe(0);
    expect(stack.pageErrors).toEqual([]);
  });

  it('audits the checkpoints: verified, then the exact checkpoint after its file was changed', async () => {
    await page.getByRole('button', { name: 'Audit' }).click();
    await expect.poll(() => page.getByTestId('audit').textContent(), { timeout: 60_000 }).toMatch(/^Verified: \d+ checkpoints/);
    await stack.screenshot(page, 'ml-run');
    await stack.readmeScreenshot(page, 'ml-run');

    const run = await stack.http<{ checkpoints: { epoch: number; uri: string }[] }>('GET', `/api/ml-training/${workflowId}`);
    const victim = run.body.checkpoints[0]!;
    const file = fileURLToPath(victim.uri);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1]! ^= 0xff;
    writeFileSync(file, bytes);

    await page.getByRole('button', { name: 'Audit' }).click();
    await expect.poll(() => page.getByTestId('audit').textContent(), { timeout: 60_000 }).toContain('Not verified');
    const rows = await page.getByTestId('audit').locator('tr').allTextContents();
    expect(rows).toEqual([expect.stringContaining(`epoch ${victim.epoch}tampered`)]);
    await stack.screenshot(page, 'ml-audit-tampered');
    expect(stack.pageErrors).toEqual([]);
  });

  it('fits a phone width: the run page scrolls only vertically, the curve scales down', async () => {
    const phone = await stack.signedInPage({ width: 390, height: 844 });
    await phone.goto(`/#/ml/${encodeURIComponent(workflowId)}`);
    await phone.getByTestId('loss-chart').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect((await phone.getByTestId('loss-chart').boundingBox())!.width).toBeLessThanOrEqual(390);
    await stack.screenshot(phone, 'ml-phone');
  });
});
