import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../app';
import { loadConfig } from '../env';
import { createTemporalClient } from '../temporal-connection';

const HEADER = '// Generated from the gateway\'s OpenAPI document by `pnpm --filter @temporal-ecommerce/gateway generate:client`. Do not edit.\n\n';

/**
 * The OpenAPI document the routes produce and the TypeScript types openapi-typescript makes from it.
 * No Temporal server is needed: the client is lazy and never called.
 */
export async function openApiArtifacts(): Promise<{ document: Record<string, unknown>; json: string; types: string }> {
  const config = loadConfig({ TEMPORAL_ADDRESS: '127.0.0.1:7233', PORT: '0' });
  const { client, connection } = createTemporalClient(config);
  const app = await buildApp({ config, client });
  try {
    await app.ready();
    const document = app.swagger() as unknown as Record<string, unknown>;
    const json = `${JSON.stringify(document, null, 2)}\n`;
    const types = HEADER + astToString(await openapiTS(structuredClone(document) as never, { alphabetize: true, defaultNonNullable: false }));
    return { document, json, types };
  } finally {
    await app.close();
    await connection.close();
  }
}
