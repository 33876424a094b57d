import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { encryptionDataConverter } from '@temporal-ecommerce/codec';
import type { GatewayConfig } from './env';

/**
 * The SDK retries an unreachable server for about 20 s by default: right for a worker, too long for an
 * HTTP caller waiting on a reply. A few quick retries ride out a blip; after that the caller gets a 503.
 */
const GRPC_MAX_ATTEMPTS = 4;

type ClientConfig = Pick<GatewayConfig, 'temporalAddress' | 'temporalNamespace'> &
  Partial<Pick<GatewayConfig, 'encryption' | 'tracing' | 'temporalTls'>>;

/**
 * Lazy, so the gateway starts while Temporal is down and /health reports 503 until it answers;
 * gRPC reconnects by itself once the server is back. With the matching settings: TLS / API key,
 * the workers' payload encryption, and trace context in every workflow call's headers.
 */
export function createTemporalClient(config: ClientConfig): { client: Client; connection: Connection } {
  const connection = Connection.lazy({
    address: config.temporalAddress,
    interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: GRPC_MAX_ATTEMPTS }))],
    ...config.temporalTls,
  });
  const dataConverter = config.encryption ? encryptionDataConverter(config.encryption) : undefined;
  const client = new Client({
    connection,
    namespace: config.temporalNamespace,
    ...(dataConverter ? { dataConverter } : {}),
    ...(config.tracing ? { interceptors: { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } } : {}),
  });
  return { client, connection };
}
