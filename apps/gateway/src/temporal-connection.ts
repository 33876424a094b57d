import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import type { GatewayConfig } from './env';

/**
 * The SDK retries an unreachable server for about 20 s by default: right for a worker, too long for an
 * HTTP caller waiting on a reply. A few quick retries ride out a blip; after that the caller gets a 503.
 */
const GRPC_MAX_ATTEMPTS = 4;

/**
 * Lazy, so the gateway starts while Temporal is down and /health reports 503 until it answers;
 * gRPC reconnects by itself once the server is back.
 */
export function createTemporalClient(config: Pick<GatewayConfig, 'temporalAddress' | 'temporalNamespace'>): { client: Client; connection: Connection } {
  const connection = Connection.lazy({
    address: config.temporalAddress,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: GRPC_MAX_ATTEMPTS }))],
  });
  return { client: new Client({ connection, namespace: config.temporalNamespace }), connection };
}
