import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

export type { paths, components, operations } from './schema';

/**
 * A typed client for the gateway, generated from its OpenAPI document (openapi-typescript types,
 * openapi-fetch calls): a route or schema change that breaks callers fails their typecheck.
 */
export function createGatewayClient(baseUrl: string, headers: Record<string, string> = {}): Client<paths> {
  return createClient<paths>({ baseUrl, headers });
}
