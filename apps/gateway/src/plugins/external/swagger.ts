import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ErrorResponseSchema } from '../../schemas/error';

/** Swagger UI and the document live under here; the auth plugin treats every route below it as public. */
export const DOCS_ROUTE_PREFIX = '/docs';

/**
 * OpenAPI 3.1, not 3.0: the route schemas are TypeBox, i.e. JSON Schema 2020-12 (numeric
 * exclusiveMinimum, `type: 'null'`, `examples` arrays), which is exactly 3.1's schema dialect. A 3.0
 * document would need every schema rewritten into 3.0's subset; generators (openapi-typescript, orval,
 * openapi-generator 7) and schemathesis read 3.1.
 */
export const OPENAPI_VERSION = '3.1.0';

const WHO_MAY_CALL = {
  401: 'No valid bearer token (missing, unknown, malformed or expired)',
  403: "The token's role may not call this route",
} as const;

/** OpenAPI document built from the route schemas, served at /docs/json; Swagger UI at /docs. */
export default fp(
  async (fastify) => {
    // Before @fastify/swagger's own onRoute hook, which reads the schema: a route that declares who may
    // call it (`config.auth`, checked by the auth plugin) can answer 401 and 403.
    fastify.addHook('onRoute', (route) => {
      const auth = (route.config as { auth?: unknown } | undefined)?.auth;
      const response = route.schema?.response as Record<string, unknown> | undefined;
      if (!response || auth === undefined || auth === 'public') return;
      for (const [code, description] of Object.entries(WHO_MAY_CALL)) response[code] ??= { ...ErrorResponseSchema, description };
      // Generators and Swagger UI's "Authorize" send the bearer token on exactly these operations.
      (route.schema as { security?: unknown }).security ??= [{ bearerAuth: [] }];
    });

    await fastify.register(swagger, {
      openapi: {
        openapi: OPENAPI_VERSION,
        info: {
          title: 'temporal-ecommerce API',
          description:
            'Orders (saga), ML training (checkpoint recovery) and codebase-analysis agent workflows on Temporal. Every error body is ' +
            '`{ statusCode, error, message }`; a 400 names the field. 503 means Temporal or the named worker is down (retry later), 504 that it did not answer in time.',
          version: '0.1.0',
        },
        servers: [{ url: 'http://localhost:3001', description: 'Local gateway (pnpm start)' }],
        tags: [
          { name: 'orders', description: 'Order processing saga' },
          { name: 'catalog', description: 'Products, prices and stock an order is built from' },
          { name: 'ml-training', description: 'ML training with checkpoints and human decisions' },
          { name: 'agent', description: 'Codebase-analysis agent' },
          { name: 'ops', description: 'Task queues as Temporal sees them; worker, fault and load controls under pnpm start (local dev)' },
          { name: 'health', description: 'Gateway and Temporal reachability' },
        ],
        components: {
          securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'GATEWAY_TOKENS token (docs/security.md); unset = dev mode' } },
        },
      },
    });
    await fastify.register(swaggerUi, { routePrefix: DOCS_ROUTE_PREFIX });
  },
  { name: 'swagger' },
);
