import { createServer } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { loadConfig, type GatewayConfig } from '../src/env';

export function testConfig(temporalAddress: string): GatewayConfig {
  return loadConfig({ TEMPORAL_ADDRESS: temporalAddress, PORT: '0' });
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

/** A client whose server is down, as the gateway's lazy connection sees it when Temporal is stopped. */
export function unreachableClient(address: string): { client: Client; connection: Connection } {
  const connection = Connection.lazy({ address });
  return { client: new Client({ connection }), connection };
}
