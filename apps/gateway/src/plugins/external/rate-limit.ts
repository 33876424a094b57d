import fp from 'fastify-plugin';
import rateLimit from '@fastify/rate-limit';
import type { GatewayConfig } from '../../env';

/** Probes and scrapes come often and cost nothing; limiting them would only break monitoring. */
const UNLIMITED = new Set(['/health', '/metrics']);

/**
 * Per-client-IP request budget (@fastify/rate-limit, in memory: per gateway replica). Runs first on
 * every request, so it also slows down anyone guessing tokens. Over the budget: 429 with Retry-After.
 */
export default fp<{ rateLimit: GatewayConfig['rateLimit'] }>(
  async (fastify, { rateLimit: { max, timeWindow } }) => {
    if (max === 0) return;
    await fastify.register(rateLimit, {
      global: true,
      max,
      timeWindow,
      allowList: (request) => UNLIMITED.has((request.url.split('?')[0] ?? '').replace(/\/$/, '')),
    });
  },
  { name: 'rate-limit' },
);
