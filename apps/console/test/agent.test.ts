import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleStack, TOKEN } from './stack';

/**
 * The Agent screens in a real browser against the real agent worker: an analysis of the sample codebase
 * that runs out of budget, the budget raised from the page, and the issues it found.
 */
let stack: ConsoleStack;

beforeAll(async () => {
  // A little time per file, so the page sees the analysis under way.
  stack = await ConsoleStack.start({ name: 'agent', workers: ['agent-worker'], workerEnv: { 'agent-worker': { AGENT_FILE_DELAY_MS: '150' } } });
});

afterAll(async () => {
  await stack?.stop();
});

describe('agent', () => {
  it('starts an analysis, asks for more budget when it runs out, and goes on to the issues once it is approved', async () => {
    const page = await stack.signedInPage();
    await page.goto('/#/agent');
    await page.getByLabel('Budget ($)').fill('0.01');
    await page.getByRole('button', { name: 'Start analysis' }).click();
    await page.waitForURL('**/#/agent/agent-analysis-*');

    const dialog = page.getByRole('dialog', { name: 'Budget approval' });
    await dialog.waitFor({ timeout: 60_000 });
    expect(Number(await page.getByTestId('cost').getAttribute('value'))).toBe(1);
    await stack.screenshot(page, 'agent-budget');
    await page.getByLabel('New budget ($)').fill('100');
    await page.getByRole('button', { name: 'Approve budget' }).click();

    await expect.poll(() => page.locator('.badge').first().textContent(), { timeout: 90_000 }).toBe('completed');
    expect(await dialog.count()).toBe(0);
    const files = page.getByTestId('files');
    expect(await files.getAttribute('value')).toBe(await files.getAttribute('max'));
    expect(await page.getByTestId('issues').locator('tbody tr').count()).toBeGreaterThan(0);
    await stack.screenshot(page, 'agent-completed');
    expect(stack.pageErrors).toEqual([]);
  });

  it('waits for the plan, refactors once it is approved from the page, and shows each batch applied or rolled back with why', async () => {
    const page = await stack.signedInPage();
    await page.goto('/#/agent');
    await page.locator('label', { hasText: 'Refactor for' }).locator('select').selectOption('maintainability');
    await page.locator('label', { hasText: 'Approve the plan first' }).locator('input[type=checkbox]').check();
    await page.getByRole('button', { name: 'Start analysis' }).click();
    await page.waitForURL('**/#/agent/agent-analysis-*');

    const dialog = page.getByRole('dialog', { name: 'Plan approval' });
    await dialog.waitFor({ timeout: 120_000 });
    expect(await dialog.locator('li').count()).toBeGreaterThan(1);
    await stack.screenshot(page, 'agent-plan');
    await dialog.getByLabel('Reason').fill('small batches, tests guard each');
    await dialog.getByRole('button', { name: 'Approve plan' }).click();

    await expect.poll(() => page.locator('.badge').first().textContent(), { timeout: 240_000 }).toBe('completed');
    expect(await dialog.count()).toBe(0);
    const rows = page.getByTestId('batches').locator('tbody tr');
    const results = await rows.locator('td:nth-child(2)').allTextContents();
    expect(results).toContain('applied');
    expect(results).toContain('rolled_back');
    // A rolled-back batch names its files and says why (its tests failed).
    const rolledBack = rows.filter({ has: page.locator('td:nth-child(2)', { hasText: 'rolled_back' }) }).first();
    expect((await rolledBack.locator('td:nth-child(3)').textContent())?.trim()).not.toBe('');
    expect((await rolledBack.locator('td:nth-child(4)').textContent())?.trim()).not.toBe('');

    // Each batch's diff, from the keyboard: Tab to the rolled-back batch's button and press Enter.
    const show = rolledBack.getByRole('button', { name: 'Show diff' });
    await show.focus();
    await page.keyboard.press('Enter');
    const batchId = (await rolledBack.locator('td:nth-child(1)').textContent())!.trim();
    const panel = page.getByTestId(`diff-${batchId}`);
    await panel.locator('.diff').waitFor();
    expect(await rolledBack.getByRole('button', { name: 'Hide diff' }).getAttribute('aria-expanded')).toBe('true');
    expect(await rolledBack.getByRole('button', { name: 'Hide diff' }).getAttribute('aria-controls')).toBe(await panel.getAttribute('id'));
    expect(await panel.textContent()).toContain('Rolled back: these changes were written, the tests failed');
    // Removed and added lines, each drawn as such, the file headers of every file the batch changed.
    const files = (await rolledBack.locator('td:nth-child(3)').textContent())!.split(', ');
    expect(await panel.locator('.diff-file').allTextContents()).toEqual(files.flatMap((f) => [`--- a/${f}\n`, `+++ b/${f}\n`]));
    expect(await panel.locator('.diff-del').count()).toBeGreaterThan(0);
    const added = await panel.locator('.diff-add').allTextContents();
    expect(added.every((l) => l.startsWith('+'))).toBe(true);
    expect(await panel.locator('.diff-del').evaluateAll((els) => els.every((el) => getComputedStyle(el).color === 'rgb(140, 29, 24)'))).toBe(true);
    // The same diff the gateway serves, line for line.
    const workflowId = decodeURIComponent(page.url().split('/').at(-1)!);
    const served = await stack.http<{ diff: string }>('GET', `/api/agent/analyze/${encodeURIComponent(workflowId)}/batches/${batchId}/diff`);
    expect(served.status).toBe(200);
    expect(await panel.locator('pre.diff').textContent()).toBe(served.body.diff);
    // Why: the failing test's name on the row, its output folded under it.
    expect(await rolledBack.locator('td:nth-child(4)').textContent()).toMatch(/^failing: /);
    expect(await rolledBack.locator('td:nth-child(4) details').count()).toBe(1);
    await stack.readmeScreenshot(page, 'agent-run', rolledBack);
    // An applied batch's diff too, opened with Space (the row found by its id: its button's name changes once open).
    const firstApplied = rows.filter({ has: page.locator('td:nth-child(2)', { hasText: /^applied$/ }) }).filter({ has: page.getByRole('button', { name: 'Show diff' }) }).first();
    const appliedId = (await firstApplied.locator('td:nth-child(1)').textContent())!.trim();
    const applied = rows.filter({ has: page.locator('td:nth-child(1)', { hasText: new RegExp(`^${appliedId}$`) }) });
    await applied.getByRole('button', { name: 'Show diff' }).focus();
    await page.keyboard.press('Space');
    const appliedPanel = page.getByTestId(`diff-${appliedId}`);
    await appliedPanel.locator('.diff-del, .diff-add').first().waitFor();
    expect(await applied.getByRole('button', { name: 'Hide diff' }).getAttribute('aria-expanded')).toBe('true');
    expect(await appliedPanel.textContent()).not.toContain('Rolled back');
    await stack.screenshot(page, 'agent-batches');
    // And closed again from the keyboard.
    await rolledBack.getByRole('button', { name: 'Hide diff' }).focus();
    await page.keyboard.press('Enter');
    await panel.waitFor({ state: 'detached' });

    // At a phone's width the page scrolls only vertically: the batch table and the diff scroll inside their card.
    const phone = await stack.page({ width: 390, height: 844 });
    await phone.goto('/#/orders');
    await phone.getByLabel('Token').fill(TOKEN);
    await phone.getByRole('button', { name: 'Use token' }).click();
    await phone.goto(page.url());
    await phone.getByTestId('batches').getByRole('button', { name: 'Show diff' }).first().click();
    await phone.locator('pre.diff').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await stack.screenshot(phone, 'agent-phone');
    expect(stack.pageErrors).toEqual([]);
  });

  it('runs the specialists and shows them as a tree under their coordinator, live, each with its own run', async () => {
    const page = await stack.signedInPage();
    await page.goto('/#/agent');
    const form = page.getByRole('form', { name: 'Run the specialists' });
    await form.getByLabel('Project name').fill(`tree-${Date.now().toString(36)}`);
    await form.getByRole('button', { name: 'Start specialists' }).click();
    await page.waitForURL('**/#/agent/multi/multi-agent-*');
    const architecture = page.getByTestId('specialist-architecture');
    const security = page.getByTestId('specialist-security');
    // Live: the page shows the children running (architecture and security in parallel) before they finish.
    await expect.poll(() => architecture.getAttribute('data-status'), { timeout: 60_000 }).toBe('running');
    expect(await security.getAttribute('data-status')).toBe('running');
    await stack.screenshot(page, 'agent-specialists-running');
    await expect.poll(() => page.getByTestId('coordinator').locator('.badge').textContent(), { timeout: 180_000 }).toBe('completed');
    expect(await architecture.getAttribute('data-status')).toBe('completed');
    expect(await security.getAttribute('data-status')).toBe('completed');
    // Performance runs only when architecture found issues; either way the tree says which and why.
    const performance = page.getByTestId('specialist-performance');
    const found = Number(/(\d+) issues/.exec((await page.getByTestId('issues-architecture').textContent()) ?? '')?.[1]);
    expect(await performance.getAttribute('data-status')).toBe(found > 0 ? 'completed' : 'skipped');
    // Each child is a workflow of its own, linked to its run in the Temporal UI.
    const coordinatorId = decodeURIComponent(page.url().split('/').at(-1)!);
    expect(await architecture.getByRole('link').getAttribute('href')).toContain(`/workflows/${encodeURIComponent(`${coordinatorId}-architecture`)}`);
    const child = await stack.client.workflow.getHandle(`${coordinatorId}-architecture`).describe();
    expect(child.status.name).toBe('COMPLETED');
    await stack.screenshot(page, 'agent-specialists');
    await stack.readmeScreenshot(page, 'agent-specialists');
    expect(stack.pageErrors).toEqual([]);
  }, 300_000);
});
