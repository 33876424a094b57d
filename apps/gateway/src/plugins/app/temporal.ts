import fp from 'fastify-plugin';
import type { Client } from '@temporalio/client';
import type { GatewayConfig } from '../../env';
import { temporalCalls, type TemporalCalls } from '../../temporal-calls';

declare module 'fastify' {
  interface FastifyInstance {
    /** Temporal client for the configured namespace. Its connection belongs to server.ts. */
    temporal: Client;
    config: GatewayConfig;
    /** Wrappers that put a deadline on every Temporal call (src/temporal-calls.ts). */
    calls: TemporalCalls;
  }
}

export interface TemporalPluginOptions {
  config: GatewayConfig;
  client: Client;
}

export default fp<TemporalPluginOptions>(
  async (fastify, { config, client }) => {
    fastify.decorate('config', config);
    fastify.decorate('temporal', client);
    fastify.decorate('calls', temporalCalls(client, config.temporalTimeouts));
  },
  { name: 'temporal' },
);
