import { describe, expect, it } from 'vitest';
import { gatewayOnDevServer } from '../../helpers';

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
  tags?: Array<{ name: string }>;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

const gateway = gatewayOnDevServer();

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document at /docs/json describing the routes with their response schemas', async () => {
    const res = await gateway.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<OpenApiDocument>();

    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    expect(doc.tags?.map((t) => t.name)).toEqual(expect.arrayContaining(['orders', 'ml-training', 'agent', 'health']));
    // The docs routes themselves are hidden; the API's own routes are listed.
    expect(Object.keys(doc.paths).some((p) => p.startsWith('/docs'))).toBe(false);
    expect(doc.paths['/health']?.get?.responses).toHaveProperty('200');
    expect(doc.paths['/health']?.get?.responses).toHaveProperty('503');

    for (const [route, operations] of Object.entries(doc.paths)) {
      expect(route.startsWith('/')).toBe(true);
      for (const [method, operation] of Object.entries(operations)) {
        expect(HTTP_METHODS).toContain(method);
        expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      }
    }
  });

  it('serves the Swagger UI page at /docs', async () => {
    const res = await gateway.app.inject({ method: 'GET', url: '/docs' });
    // swagger-ui may redirect /docs to /docs/ or /docs/static/index.html depending on the version.
    const page = res.statusCode >= 300 && res.statusCode < 400 ? await gateway.app.inject({ method: 'GET', url: res.headers.location as string }) : res;
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('swagger-ui');
  });

  it('serves the Swagger UI scripts the page loads', async () => {
    const res = await gateway.app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
  });
});
