import type { ConnectionOptions } from '@temporalio/client';
import { temporalTlsFromEnv } from '@temporal-ecommerce/env';

/**
 * TLS and API key for a secured cluster or Temporal Cloud, from the TEMPORAL_API_KEY / TEMPORAL_TLS*
 * variables the workers and the gateway read too (packages/env). Empty for a plain local server.
 */
export function clientConnectionOptions(env: NodeJS.ProcessEnv = process.env): Pick<ConnectionOptions, 'tls' | 'apiKey'> {
  return temporalTlsFromEnv(env) ?? {};
}
