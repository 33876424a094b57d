import pino from 'pino';
import { prettyStream } from '@temporal-ecommerce/env/log';
import { AesGcmPayloadCodec } from './aes-gcm-codec';
import { createCodecServer } from './codec-server';
import { loadEnv } from './env';

async function run(): Promise<void> {
  const env = loadEnv();
  const logOptions = { level: env.logLevel, base: { service: 'codec-server', pid: process.pid } };
  const logger = env.log.format === 'pretty' ? pino(logOptions, prettyStream({ colorize: env.log.colors })) : pino(logOptions);
  const server = createCodecServer({
    codec: new AesGcmPayloadCodec(env.key, env.previousKeys),
    corsOrigins: env.corsOrigins,
    onError: (err, req) => logger.warn({ err, url: req.url }, 'codec request failed'),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(env.port, env.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.port;
  logger.info({ url: `http://${env.host}:${port}`, keyId: env.key.id, previousKeyIds: env.previousKeys.map((k) => k.id), corsOrigins: env.corsOrigins }, 'codec server ready');

  const close = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'shutting down');
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
}

run().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
