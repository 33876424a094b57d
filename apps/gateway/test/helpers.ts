import { afterAll, beforeAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { freePort } from '@temporal-ecommerce/infra';
import { createLocalTestEnv } from '@temporal-ecommerce/infra/testing';
import { buildApp } from '../src/app';
import { loadConfig, type GatewayConfig } from '../src/env';
import { createTemporalClient } from '../src/temporal-connection';

export function testConfig(temporalAddress: string, env: NodeJS.ProcessEnv = {}): GatewayConfig {
  return loadConfig({ TEMPORAL_ADDRESS: temporalAddress, PORT: '0', ...env });
}

/**
 * For a test file: a real dev server (no worker) and the gateway on it with the default config, made
 * in beforeAll and closed in afterAll. Read `.env` and `.app` inside tests.
 */
export function gatewayOnDevServer(): { readonly env: TestWorkflowEnvironment; readonly app: FastifyInstance } {
  const made = {} as { env: TestWorkflowEnvironment; app: FastifyInstance };
  beforeAll(async () => {
    made.env = await createLocalTestEnv();
    made.app = await buildApp({ config: testConfig(made.env.address), client: made.env.client });
    await made.app.ready();
  });
  afterAll(async () => {
    await made.app?.close();
    await made.env?.teardown();
  });
  return made;
}

/** host:port where nothing listens: a port the OS just handed out and took back. */
export async function closedPortAddress(): Promise<string> {
  return `127.0.0.1:${await freePort()}`;
}

/** The gateway's own client (server.ts makes it the same way) pointed at a server that is down. */
export function unreachableClient(address: string): { client: Client; connection: Connection } {
  return createTemporalClient(testConfig(address));
}
