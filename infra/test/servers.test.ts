import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { createLocalTestEnv, createTimeSkippingTestEnv } from '../src/testing';
import { ALL_SEARCH_ATTRIBUTES } from '@temporal-ecommerce/contracts/search-attributes';

describe('local dev server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createLocalTestEnv();
  });
  afterAll(async () => env?.teardown());

  it('answers on its namespace and has our search attributes registered', async () => {
    const { namespaceInfo } = await env.client.workflowService.describeNamespace({ namespace: 'default' });
    expect(namespaceInfo?.name).toBe('default');
    const { customAttributes } = await env.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    for (const key of ALL_SEARCH_ATTRIBUTES) expect(Object.keys(customAttributes ?? {})).toContain(key.name);
  });
});

describe('time-skipping test server', () => {
  it('starts from the Maven-resolved classpath and skips time', async () => {
    const env = await createTimeSkippingTestEnv();
    try {
      const before = await env.currentTimeMs();
      await env.sleep('7 days');
      expect((await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(7 * 24 * 3600 * 1000);
    } finally {
      await env.teardown();
    }
  });
});
