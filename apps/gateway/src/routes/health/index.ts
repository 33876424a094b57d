import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { errorResponses } from '../../schemas/error';

/** A health probe must answer fast even when Temporal hangs. */
const TEMPORAL_PROBE_TIMEOUT_MS = 2_000;

const HealthSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
    temporal: Type.Union([Type.Literal('reachable'), Type.Literal('unreachable')]),
    temporalAddress: Type.String({ examples: ['127.0.0.1:7233'] }),
    namespace: Type.String({ examples: ['default'] }),
    temporalUi: Type.String({ examples: ['http://localhost:8233'] }),
    serverVersion: Type.Optional(Type.String({ examples: ['1.28.0'] })),
    error: Type.Optional(Type.String({ description: 'Why Temporal is unreachable' })),
  },
  { title: 'Health' },
);

const health: FastifyPluginAsyncTypebox = async (fastify) => {
  // '' rather than '/': the route is exactly the prefix, /health, not /health/.
  fastify.get(
    '',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['health'],
        operationId: 'getHealth',
        summary: 'Gateway health and Temporal reachability',
        response: { 200: HealthSchema, 503: HealthSchema, ...errorResponses(500) },
      },
    },
    async (request, reply) => {
      const { config, temporal } = fastify;
      const base = { temporalAddress: config.temporalAddress, namespace: config.temporalNamespace, temporalUi: config.temporalUiUrl };
      try {
        const info = await temporal.connection.withDeadline(Date.now() + TEMPORAL_PROBE_TIMEOUT_MS, () =>
          temporal.workflowService.getSystemInfo({}),
        );
        return { status: 'ok' as const, temporal: 'reachable' as const, ...base, ...(info.serverVersion ? { serverVersion: info.serverVersion } : {}) };
      } catch (err) {
        request.log.warn({ err }, 'Temporal is unreachable');
        return reply.status(503).send({ status: 'unavailable', temporal: 'unreachable', ...base, error: 'Temporal server did not answer' });
      }
    },
  );
};

export default health;
