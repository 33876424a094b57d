import fp from 'fastify-plugin';
import type { Client } from '@temporalio/client';
import type { GatewayConfig } from '../../env';

declare module 'fastify' {
  interface FastifyInstance {
    /** Temporal client for the configured namespace. Its connection belongs to server.ts. */
    temporal: Client;
    config: GatewayConfig;
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
  },
  { name: 'temporal' },
);
