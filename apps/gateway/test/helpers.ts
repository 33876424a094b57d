import { createServer } from 'node:net';
import type { Client, Connection } from '@temporalio/client';
import { loadConfig, type GatewayConfig } from '../src/env';
import { createTemporalClient } from '../src/temporal-connection';

export function testConfig(temporalAddress: string, env: NodeJS.ProcessEnv = {}): GatewayConfig {
  return loadConfig({ TEMPORAL_ADDRESS: temporalAddress, PORT: '0', ...env });
}

/** host:port where nothing listens: a port the OS just handed out and took back. */
export async function closedPortAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  return `127.0.0.1:${address.port}`;
}

/** The gateway's own client (server.ts makes it the same way) pointed at a server that is down. */
export function unreachableClient(address: string): { client: Client; connection: Connection } {
  return createTemporalClient(testConfig(address));
}
