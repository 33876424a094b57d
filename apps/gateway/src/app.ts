import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Client } from '@temporalio/client';
import type { Tracer } from '@opentelemetry/api';
import type { GatewayConfig } from './env';
import swagger from './plugins/external/swagger';
import rateLimit from './plugins/external/rate-limit';
import tracing from './plugins/external/tracing';
import temporal from './plugins/app/temporal';
import errorHandler from './plugins/app/error-handler';
import metrics from './plugins/app/metrics';
import streams from './plugins/app/streams';
import auth from './plugins/app/auth';
import catalogReader from './plugins/app/catalog';
import consoleApp from './plugins/app/console';
import health from './routes/health';
import orders from './routes/orders';
import catalog from './routes/catalog';
import mlTraining from './routes/ml-training';
import agent from './routes/agent';
import ops from './routes/ops';
import whoami from './routes/auth';

export interface AppOptions {
  config: GatewayConfig;
  client: Client;
  /** Set when tracing is on (server.ts: startGatewayTracing). */
  tracer?: Tracer;
}

/**
 * The whole API as one plugin: decorators, error handling, then the request pipeline in the order its
 * hooks must run (trace span, rate limit, auth, metrics), docs, then one plugin per resource.
 */
export const app: FastifyPluginAsync<AppOptions> = async (fastify, { config, client, tracer }) => {
  await fastify.register(temporal, { config, client });
  await fastify.register(errorHandler);
  await fastify.register(streams, { limits: config.streams });
  await fastify.register(catalogReader, { store: config.catalogStore });
  if (tracer) await fastify.register(tracing, { tracer });
  await fastify.register(rateLimit, { rateLimit: config.rateLimit });
  // Before every plugin that adds routes: it checks each route's auth declaration as it is added.
  await fastify.register(auth, { auth: config.auth });
  await fastify.register(metrics);
  await fastify.register(swagger);

  fastify.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // One access line per request, at its end (Fastify's own logging writes two: bench/RESULTS.md (a)).
  fastify.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        ip: request.ip,
        // The token's identity, when the route needed one (auth plugin): who did what, on one line.
        ...(request.principal ? { principal: request.principal.identity } : {}),
        statusCode: reply.statusCode,
        responseTime: reply.elapsedTime,
      },
      'request completed',
    );
  });

  await fastify.register(health, { prefix: '/health' });
  await fastify.register(orders, { prefix: '/api/orders' });
  await fastify.register(catalog, { prefix: '/api/catalog' });
  await fastify.register(mlTraining, { prefix: '/api/ml-training' });
  await fastify.register(agent, { prefix: '/api/agent' });
  await fastify.register(ops, { prefix: '/api/ops' });
  await fastify.register(whoami, { prefix: '/api/auth' });
  if (config.consoleDir) await fastify.register(consoleApp, { dir: config.consoleDir });
};

const MAX_INCOMING_REQUEST_ID = 128;
const MAX_PARAM_LENGTH = 1024;

/** Server options shared by server.ts and tests, so both validate and log alike. */
export function serverOptions(logger: FastifyServerOptions['logger'], bodyLimit?: number): FastifyServerOptions {
  return {
    logger,
    // app.ts logs one line per request when it is answered, instead of Fastify's line in and line out.
    // Through the log controller, as Fastify 5 wants (the top-level option is deprecated, FSTDEP023).
    logController: new LogController({ disableRequestLogging: true }),
    // Larger bodies are refused with 413 before they are read in full.
    ...(bodyLimit ? { bodyLimit } : {}),
    // Path parameters up to 1 KiB reach their schema (a 400 naming the field); longer ones are a 414.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    // Keep a caller's request id (so logs join up across services), else make one.
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && incoming.length > 0 && incoming.length <= MAX_INCOMING_REQUEST_ID ? incoming : randomUUID();
    },
    ajv: {
      // Unknown fields are a client error (400 naming the field), not something to drop silently.
      customOptions: { removeAdditional: false },
    },
  };
}

export interface BuildAppOptions extends AppOptions {
  logger?: FastifyServerOptions['logger'];
}

/**
 * A ready-to-listen instance. Tests call `app.inject`; routes may still be added before the first
 * inject/ready, and they get the same error handler because every app plugin is unencapsulated.
 */
export async function buildApp({ config, client, tracer, logger = false }: BuildAppOptions): Promise<FastifyInstance> {
  const fastify = Fastify(serverOptions(logger, config.bodyLimit)).withTypeProvider<TypeBoxTypeProvider>();
  await fastify.register(fp(app, { name: 'app' }), { config, client, ...(tracer ? { tracer } : {}) });
  return fastify;
}
