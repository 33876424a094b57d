import { prettyStream } from '@temporal-ecommerce/env/log';
import { buildApp } from './app';
import { loadConfig } from './env';
import { createTemporalClient } from './temporal-connection';
import { startGatewayTracing } from './plugins/external/tracing';

/** Long enough for in-flight requests (an Update waiting on a workflow) to finish on shutdown. */
const CLOSE_TIMEOUT_MS = 10_000;

async function run(): Promise<void> {
  const config = loadConfig();
  // Before the client: its tracing interceptor uses the global tracer provider.
  const tracing = config.tracing ? startGatewayTracing(config.tracing) : undefined;
  const { client, connection } = createTemporalClient(config);
  const app = await buildApp({
    config,
    client,
    ...(tracing ? { tracer: tracing.tracer } : {}),
    logger: {
      level: config.logLevel,
      base: { service: 'gateway', pid: process.pid },
      // Tokens must never reach a log line, whatever a route logs.
      redact: ['req.headers.authorization'],
      ...(config.log.format === 'pretty' ? { stream: prettyStream({ colorize: config.log.colors }) } : {}),
    },
  });

  let closing = false;
  const close = async (signal: NodeJS.Signals): Promise<void> => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error('graceful shutdown timed out');
      process.exit(1);
    }, CLOSE_TIMEOUT_MS);
    force.unref();
    try {
      await app.close();
      await connection.close();
      // A collector that is down must not turn a clean shutdown into a failed one.
      await tracing?.shutdown().catch((err: unknown) => app.log.warn({ err }, 'could not flush trace spans'));
      app.log.info('stopped');
    } catch (err) {
      app.log.error({ err }, 'error during shutdown');
      process.exitCode = 1;
    }
  };
  process.once('SIGINT', (signal) => void close(signal));
  process.once('SIGTERM', (signal) => void close(signal));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    {
      temporalAddress: config.temporalAddress,
      namespace: config.temporalNamespace,
      docs: `http://${config.host}:${config.port}/docs`,
      metrics: `http://${config.host}:${config.port}/metrics`,
      auth: config.auth
        ? [`${config.auth.principals.size} static tokens`, ...(config.auth.jwt ? [`JWT from ${config.auth.jwt.issuer}`] : [])].join(', ')
        : 'OFF (dev mode)',
      rateLimit: config.rateLimit.max > 0 ? `${config.rateLimit.max} per ${config.rateLimit.timeWindow}` : 'off',
      bodyLimit: config.bodyLimit,
      tracing: config.tracing ? config.tracing.otlpEndpoint : 'off',
      payloadEncryption: config.encryption ? `key ${config.encryption.keyId}` : 'off',
      temporalTls: Boolean(config.temporalTls?.tls),
    },
    'gateway ready',
  );
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
