import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { SearchAttributeType, TypedSearchAttributes, defineSearchAttributeKey } from '@temporalio/common';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { ALL_SEARCH_ATTRIBUTES, SA } from '@temporal-ecommerce/contracts/search-attributes';
import { DevServerPanicError, PortInUseError, searchAttributeArgs, startDevServer, useExistingServer, type DevServer } from '../src/dev-server';
import { resolveTemporalCli } from '../src/temporal-cli';
import { freePort } from '../src/ports';
import * as activities from './fixtures/activities';

const quiet = () => undefined;

describe('startDevServer', () => {
  let dir: string;
  let bundle: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    dir = mkdtempSync(path.join(os.tmpdir(), 'dev-server-test-'));
    const logger = { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet };
    bundle = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'fixtures', 'workflows.ts'), logger });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps a completed workflow, its history and search attributes across a restart of the server', async () => {
    const dbFilename = path.join(dir, 'temporal.db');
    const workflowId = `restart-${Date.now()}`;
    const orderId = `order-${workflowId}`;

    let server: DevServer = await startDevServer({ port: 0, ui: false, dbFilename, log: quiet });
    try {
      const connection = await NativeConnection.connect({ address: server.address });
      const worker = await Worker.create({ connection, taskQueue: 'infra-restart', workflowBundle: bundle, activities });
      const client = new Client({ connection: await Connection.connect({ address: server.address }) });
      const result = await worker.runUntil(
        client.workflow.execute('greet', {
          taskQueue: 'infra-restart',
          workflowId,
          args: ['temporal'],
          typedSearchAttributes: new TypedSearchAttributes([{ key: SA.OrderId, value: orderId }]),
        }),
      );
      expect(result).toBe('hello TEMPORAL');
      // journal_mode=wal: SQLite keeps a -wal file beside the database while the server has it open.
      expect(existsSync(`${dbFilename}-wal`)).toBe(true);
      await client.connection.close();
      await connection.close();
    } finally {
      await server.stop();
    }

    server = await startDevServer({ port: 0, ui: false, dbFilename, log: quiet });
    try {
      const client = new Client({ connection: await Connection.connect({ address: server.address }) });
      const handle = client.workflow.getHandle(workflowId);
      expect((await handle.describe()).status.name).toBe('COMPLETED');
      expect(await handle.result()).toBe('hello TEMPORAL');
      const { events } = await handle.fetchHistory();
      expect(events?.some((e) => e.activityTaskCompletedEventAttributes)).toBe(true);
      // Visibility lives in the same SQLite file: the list query by our search attribute still finds it.
      const listed: string[] = [];
      for await (const wf of client.workflow.list({ query: `OrderId = "${orderId}"` })) listed.push(wf.workflowId);
      expect(listed).toEqual([workflowId]);
      await client.connection.close();
    } finally {
      await server.stop();
    }
  });

  it('registers every key of ALL_SEARCH_ATTRIBUTES, with its type', async () => {
    const server = await startDevServer({ port: 0, ui: false, dbFilename: null, log: quiet });
    try {
      const connection = await Connection.connect({ address: server.address });
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      for (const key of ALL_SEARCH_ATTRIBUTES) expect(Object.keys(customAttributes ?? {})).toContain(key.name);
      await connection.close();
    } finally {
      await server.stop();
    }
  });

  it('refuses a port that is taken, naming the port and how to use the server already there', async () => {
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const attempt = startDevServer({ port, ui: false, dbFilename: null, log: quiet });
      await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
      await expect(attempt).rejects.toThrow(`Port ${port} (Temporal gRPC) is already in use`);
      await expect(attempt).rejects.toThrow(`TEMPORAL_ADDRESS=127.0.0.1:${port}`);
    } finally {
      blocker.close();
    }
  });

  it('starts a server again that panicked before it answered, and names the panic when it always does', async () => {
    const realCli = await resolveTemporalCli({ allowDownload: false, log: quiet });
    if (!realCli) throw new Error('no Temporal CLI: run pnpm bootstrap');
    // A stand-in for the CLI that panics the way `start-dev` does when it cannot get an internal port,
    // as many times as the counter file allows, then runs the real CLI with the same arguments.
    const fakeCli = (panics: number): string => {
      const script = path.join(dir, `panicking-cli-${panics}.sh`);
      const counter = path.join(dir, `panics-${panics}`);
      writeFileSync(
        script,
        `#!/bin/sh\nn=$(cat '${counter}' 2>/dev/null || echo 0)\nif [ "$n" -lt ${panics} ]; then\n  echo $((n + 1)) > '${counter}'\n` +
          `  echo 'panic: failed to assign a free port: listen tcp 127.0.0.1:0: bind: address already in use' >&2\n` +
          `  echo 'goroutine 1 [running]:' >&2\n  exit 2\nfi\nexec '${realCli}' "$@"\n`,
      );
      chmodSync(script, 0o755);
      return script;
    };
    const lines: string[] = [];
    const server = await startDevServer({ port: 0, ui: false, dbFilename: null, log: (l) => lines.push(l), cliPath: fakeCli(2) });
    try {
      const connection = await Connection.connect({ address: server.address });
      await connection.healthService.check({});
      await connection.close();
      expect(lines.filter((l) => l.startsWith('The Temporal server panicked while starting'))).toHaveLength(2);
    } finally {
      await server.stop();
    }

    const attempt = startDevServer({ port: 0, ui: false, dbFilename: null, log: quiet, cliPath: fakeCli(3) });
    await expect(attempt).rejects.toBeInstanceOf(DevServerPanicError);
    await expect(attempt).rejects.toThrow('The server panicked: panic: failed to assign a free port');
  });

  it('reports the server output when the CLI fails to start', async () => {
    const attempt = startDevServer({ port: 0, ui: false, dbFilename: null, log: quiet, cliPath: process.execPath, readyTimeoutMs: 20_000 });
    await expect(attempt).rejects.toThrow(/exited before it was ready/);
  });
});

describe('useExistingServer (TEMPORAL_ADDRESS)', () => {
  it('accepts a server that answers and never stops it', async () => {
    const server = await startDevServer({ port: 0, ui: false, dbFilename: null, log: quiet });
    try {
      const existing = await useExistingServer(server.address);
      expect(existing.source).toBe('external');
      await existing.stop();
      const connection = await Connection.connect({ address: server.address });
      await connection.healthService.check({});
      await connection.close();
    } finally {
      await server.stop();
    }
  });

  it('fails with the address when nothing answers there', async () => {
    const port = await freePort();
    await expect(useExistingServer(`127.0.0.1:${port}`, 'default', 1_500)).rejects.toThrow(`127.0.0.1:${port} did not answer`);
  });
});

describe('searchAttributeArgs', () => {
  it('spells every SDK type the way `temporal server start-dev --search-attribute` expects', () => {
    const keys = [
      defineSearchAttributeKey('A', SearchAttributeType.TEXT),
      defineSearchAttributeKey('B', SearchAttributeType.KEYWORD),
      defineSearchAttributeKey('C', SearchAttributeType.INT),
      defineSearchAttributeKey('D', SearchAttributeType.DOUBLE),
      defineSearchAttributeKey('E', SearchAttributeType.BOOL),
      defineSearchAttributeKey('F', SearchAttributeType.DATETIME),
      defineSearchAttributeKey('G', SearchAttributeType.KEYWORD_LIST),
    ];
    expect(searchAttributeArgs(keys)).toEqual(
      ['A=Text', 'B=Keyword', 'C=Int', 'D=Double', 'E=Bool', 'F=Datetime', 'G=KeywordList'].flatMap((v) => ['--search-attribute', v]),
    );
  });
});
