import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    /** The gateway's Prometheus registry, served at GET /metrics. */
    metrics: Registry;
  }
}

/**
 * Request count and latency by route template (not raw URL: ids would explode the series), method and
 * status, plus Node process metrics; served in Prometheus text format at GET /metrics. One registry per
 * app instance, so tests and replicas never share counters.
 */
export default fp(
  async (fastify) => {
    const registry = new Registry();
    registry.setDefaultLabels({ service: 'gateway' });
    collectDefaultMetrics({ register: registry });
    const labelNames = ['method', 'route', 'status_code'] as const;
    const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests answered', labelNames, registers: [registry] });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request',
      labelNames,
      // Reads answer in milliseconds; an Update that waits on a workflow can take seconds.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    fastify.decorate('metrics', registry);

    fastify.addHook('onResponse', async (request, reply) => {
      const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status_code: String(reply.statusCode) };
      requests.inc(labels);
      duration.observe(labels, reply.elapsedTime / 1000);
    });

    // Public like /health: scrapers carry no tokens; publish it only on the network your Prometheus is on.
    fastify.get('/metrics', { schema: { hide: true }, config: { auth: 'public' } }, async (_request, reply) => {
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    });
  },
  { name: 'metrics' },
);
