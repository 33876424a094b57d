import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { BILLING_NAMESPACE, BILLING_NEXUS_ENDPOINT, BILLING_TASK_QUEUE } from '@temporal-ecommerce/contracts/billing';
import { ALL_SEARCH_ATTRIBUTES } from '@temporal-ecommerce/contracts/search-attributes';
import { startDevServer, type DevServer } from '../src/dev-server';
import { provision, provisionNexusEndpoint } from '../src/provision';

// One bare dev server for the file: it stands in for a server we did not start (compose, a cluster).
let server: DevServer;
let connection: Connection;
beforeAll(async () => {
  server = await startDevServer({ port: 0, ui: false, dbFilename: null, searchAttributes: [], log: () => undefined });
  connection = await Connection.connect({ address: server.address });
});
afterAll(async () => {
  await connection?.close();
  await server?.stop();
});

/** provision() prepares a server we did not start (compose, a cluster). */
describe('provision', () => {
  it('creates a missing namespace and registers every search attribute, then finds nothing left to do', async () => {
    const first = await provision(connection, 'provision-test');
    expect(first.namespaceCreated).toBe(true);
    expect(first.added.sort()).toEqual(ALL_SEARCH_ATTRIBUTES.map((k) => k.name).sort());
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'provision-test' });
    for (const key of ALL_SEARCH_ATTRIBUTES) expect(Object.keys(customAttributes ?? {})).toContain(key.name);

    const second = await provision(connection, 'provision-test');
    expect(second).toEqual({ namespaceCreated: false, added: [] });
  });

  // The compose `temporal-provision` image holds infra's dist and node_modules and no repository around them.
  it('runs as a program from a copy of dist outside the repository, as in its container image', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'provision-image-'));
    try {
      cpSync(path.join(__dirname, '..', 'dist'), path.join(dir, 'dist'), { recursive: true });
      symlinkSync(path.join(__dirname, '..', 'node_modules'), path.join(dir, 'node_modules'));
      const { stdout } = await promisify(execFile)(process.execPath, [path.join(dir, 'dist', 'provision.js')], {
        cwd: dir,
        env: { ...process.env, TEMPORAL_ADDRESS: server.address, TEMPORAL_NAMESPACE: 'provision-image' },
      });
      expect(stdout).toContain(`provision: ${server.address} namespace provision-image (created)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a search attribute that exists with another type, naming it', async () => {
    const [first] = ALL_SEARCH_ATTRIBUTES;
    await provision(connection, 'default');
    const clash = defineSearchAttributeKey(first!.name, first!.type === SearchAttributeType.INT ? SearchAttributeType.BOOL : SearchAttributeType.INT);
    await expect(provision(connection, 'default', [clash])).rejects.toThrow(`Search attribute ${first!.name} exists in default with another type`);
  });
});

describe('billing Nexus endpoint', () => {
  it('the dev server launcher provisions billing: its namespace and an endpoint routing to its task queue', async () => {
    await connection.workflowService.describeNamespace({ namespace: BILLING_NAMESPACE });
    const { endpoints = [] } = await connection.operatorService.listNexusEndpoints({ name: BILLING_NEXUS_ENDPOINT });
    expect(endpoints.map((e) => e.spec?.target?.worker)).toEqual([expect.objectContaining({ namespace: BILLING_NAMESPACE, taskQueue: BILLING_TASK_QUEUE })]);
    expect(await provisionNexusEndpoint(connection)).toBe('unchanged');
  });

  it('creates a missing endpoint and its namespace, and puts back an endpoint whose target was changed', async () => {
    const target = { endpoint: 'provision-test-endpoint', namespace: 'provision-test-target', taskQueue: 'tq-1' };
    expect(await provisionNexusEndpoint(connection, target)).toBe('created');
    await connection.workflowService.describeNamespace({ namespace: target.namespace });
    expect(await provisionNexusEndpoint(connection, target)).toBe('unchanged');
    expect(await provisionNexusEndpoint(connection, { ...target, taskQueue: 'tq-2' })).toBe('updated');
    const { endpoints = [] } = await connection.operatorService.listNexusEndpoints({ name: target.endpoint });
    expect(endpoints.map((e) => e.spec?.target?.worker?.taskQueue)).toEqual(['tq-2']);
  });
});
