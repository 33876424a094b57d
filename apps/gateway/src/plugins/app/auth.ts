import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { tokenHash, type Principal, type ProductionConfig, type Role } from '../../production-env';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller of a mutating /api request; undefined in dev mode and on reads. */
    principal?: Principal;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Human decisions; everything else that mutates (start, cancel, audit) is an operator's job. */
const APPROVER_SUFFIXES = ['/approve', '/decision', '/approve-budget', '/approve-plan'];
/** Body fields that name the person deciding, in the domains' request schemas. */
const IDENTITY_FIELDS = ['approvedBy', 'author'] as const;

function pathOf(request: FastifyRequest): string {
  return (request.url.split('?')[0] ?? '').replace(/\/+$/, '');
}

export function requiredRole(method: string, path: string): Role | undefined {
  if (!MUTATING.has(method) || !(path === '/api' || path.startsWith('/api/'))) return undefined;
  return APPROVER_SUFFIXES.some((suffix) => path.endsWith(suffix)) ? 'approver' : 'operator';
}

function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** The fields of the route's body schema that record who decided; fall back to those the body has. */
function identityFields(request: FastifyRequest, body: Record<string, unknown>): string[] {
  const schema = request.routeOptions.schema?.body as { properties?: Record<string, unknown> } | undefined;
  const declared = IDENTITY_FIELDS.filter((f) => schema?.properties?.[f] !== undefined);
  return declared.length > 0 ? declared : IDENTITY_FIELDS.filter((f) => f in body);
}

/**
 * Bearer tokens with roles on every mutating /api endpoint: 401 without a valid token, 403 with the
 * wrong role. The identity a workflow records as approver/author is the token's, written over whatever
 * the body says before validation, so routes need not know about auth. Without tokens: dev mode.
 */
export default fp<{ auth: ProductionConfig['auth'] }>(
  async (fastify, { auth }) => {
    if (!auth) {
      fastify.log.warn('DEV MODE: GATEWAY_TOKENS is not set, so every mutating endpoint is open to anyone who can reach the gateway');
      return;
    }
    const { principals } = auth;

    fastify.addHook('onRequest', async (request, reply) => {
      const role = requiredRole(request.method, pathOf(request));
      if (!role) return;
      const token = bearerToken(request);
      const principal = token ? principals.get(tokenHash(token)) : undefined;
      if (!principal) {
        reply.header('www-authenticate', 'Bearer realm="temporal-ecommerce"');
        throw httpError(401, token ? 'Invalid bearer token' : 'Missing bearer token: send Authorization: Bearer <token>');
      }
      if (!principal.roles.includes(role)) {
        throw httpError(403, `${request.method} ${pathOf(request)} needs the ${role} role; ${principal.identity} has ${principal.roles.join(', ')}`);
      }
      request.principal = principal;
      request.log.info({ principal: principal.identity, role }, 'authenticated');
    });

    fastify.addHook('preValidation', async (request) => {
      if (!request.principal || requiredRole(request.method, pathOf(request)) !== 'approver') return;
      const body = request.body;
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
      for (const field of identityFields(request, body as Record<string, unknown>)) {
        (body as Record<string, unknown>)[field] = request.principal.identity;
      }
    });
  },
  { name: 'auth' },
);
