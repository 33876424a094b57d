import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { tokenHash, type AuthConfig, type Principal } from '../../production-env';
import { createJwtVerifier, InvalidTokenError, looksLikeJwt, type JwtVerifier } from '../../jwt-verifier';
import { DOCS_ROUTE_PREFIX } from '../external/swagger';

/**
 * Who may call a route, declared on the route itself (`config: { auth }`):
 * - public: anyone (health, metrics, docs);
 * - authenticated: any valid token, whatever its roles (reads);
 * - operator / approver: a token with that role (writes / human decisions).
 */
export const ROUTE_AUTH = ['public', 'authenticated', 'operator', 'approver'] as const;
export type RouteAuth = (typeof ROUTE_AUTH)[number];

export interface DeclaredRoute {
  method: string;
  url: string;
  auth: RouteAuth;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: RouteAuth;
  }
  interface FastifyRequest {
    /** The authenticated caller; undefined in dev mode and on public routes. */
    principal?: Principal;
  }
  interface FastifyInstance {
    /** Every route and what it declared, in registration order (docs and the route-walking test read it). */
    declaredRoutes: readonly DeclaredRoute[];
  }
}

/** Body fields that name the person deciding, in the domains' request schemas. */
const IDENTITY_FIELDS = ['approvedBy', 'author'] as const;

function httpError(statusCode: number, message: string): Error {
  return Object.assign(new Error(message), { statusCode });
}

function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

function isDocsRoute(url: string): boolean {
  return url === DOCS_ROUTE_PREFIX || url.startsWith(`${DOCS_ROUTE_PREFIX}/`);
}

function declaredIdentityFields(route: Pick<RouteOptions, 'schema'>): string[] {
  const body = route.schema?.body as { properties?: Record<string, unknown> } | undefined;
  return IDENTITY_FIELDS.filter((f) => body?.properties?.[f] !== undefined);
}

function hooks<T>(existing: T | T[] | undefined): T[] {
  return existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
}

/**
 * Authorization from each route's own declaration, never from the URL text: Fastify has already decoded
 * and matched the path, so `/%61pi/orders` or `/api/orders/` meet the same check as `/api/orders`, and a
 * spelling the router does not match reaches no handler. A route that declares nothing stops start-up. Without GATEWAY_TOKENS or
 * GATEWAY_JWKS_URL: dev mode, declarations are still required but nothing is checked.
 */
export default fp<{ auth: AuthConfig | undefined }>(
  async (fastify, { auth }) => {
    const declared: DeclaredRoute[] = [];
    fastify.decorate('declaredRoutes', declared);
    const verifyJwt: JwtVerifier | undefined = auth?.jwt ? createJwtVerifier(auth.jwt) : undefined;

    async function principalOf(token: string, request: FastifyRequest): Promise<Principal | undefined> {
      const known = auth?.principals.get(tokenHash(token));
      if (known || !verifyJwt || !looksLikeJwt(token)) return known;
      try {
        return await verifyJwt(token);
      } catch (err) {
        if (err instanceof InvalidTokenError) {
          request.log.info({ reason: err.message }, 'bearer token refused');
          return undefined;
        }
        throw err;
      }
    }

    async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const required = request.routeOptions.config.auth;
      if (required === undefined) throw httpError(500, `${request.method} ${request.routeOptions.url} declares no auth`);
      if (required === 'public') return;
      const token = bearerToken(request);
      const principal = token ? await principalOf(token, request) : undefined;
      if (!principal) {
        reply.header('www-authenticate', 'Bearer realm="temporal-ecommerce"');
        throw httpError(401, token ? 'Invalid bearer token' : 'Missing bearer token: send Authorization: Bearer <token>');
      }
      if (required !== 'authenticated' && !principal.roles.includes(required)) {
        const has = principal.roles.length > 0 ? principal.roles.join(', ') : 'no role';
        throw httpError(403, `${request.method} ${request.routeOptions.url} needs the ${required} role; ${principal.identity} has ${has}`);
      }
      // Who called is on the request's access line (app.ts), not a line of its own.
      request.principal = principal;
    }

    /** The decider a workflow records is the token's identity, whatever the body says (runs before validation). */
    async function recordApprover(request: FastifyRequest): Promise<void> {
      const body = request.body;
      if (!request.principal || body === null || typeof body !== 'object' || Array.isArray(body)) return;
      for (const field of declaredIdentityFields(request.routeOptions)) (body as Record<string, unknown>)[field] = request.principal.identity;
    }

    fastify.addHook('onRoute', (route) => {
      const methods = [route.method].flat().map(String);
      // Swagger UI's routes (the document and its assets) are public by this one prefix.
      if (route.config?.auth === undefined && isDocsRoute(route.url)) route.config = { ...route.config, auth: 'public' };
      const level = route.config?.auth;
      if (level === undefined || !(ROUTE_AUTH as readonly string[]).includes(level)) {
        throw new Error(
          `${methods.join(',')} ${route.url} must declare who may call it: config: { auth: ${ROUTE_AUTH.map((a) => `'${a}'`).join(' | ')} }` +
            (level === undefined ? '' : `, got ${JSON.stringify(level)}`),
        );
      }
      if (level === 'approver' && declaredIdentityFields(route).length === 0) {
        throw new Error(`${methods.join(',')} ${route.url} is an approver route but its body schema has no ${IDENTITY_FIELDS.join(' or ')} to record the token's identity in`);
      }
      for (const method of methods) declared.push({ method, url: route.url, auth: level });
      if (!auth || level === 'public') return;
      // Route-level, so it runs after the rate limit's own route hook: guessing tokens is rate limited.
      route.onRequest = [...hooks(route.onRequest), authenticate];
      if (level === 'approver') route.preValidation = [...hooks(route.preValidation), recordApprover];
    });

    // A route registered before this plugin was never checked: refuse it rather than serve it open.
    fastify.addHook('onRequest', async (request) => {
      if (!request.is404 && request.routeOptions.config.auth === undefined) {
        throw httpError(500, `${request.method} ${request.routeOptions.url} declares no auth`);
      }
    });

    if (!auth) {
      fastify.log.warn('DEV MODE: neither GATEWAY_TOKENS nor GATEWAY_JWKS_URL is set, so every endpoint is open to anyone who can reach the gateway');
    }
  },
  { name: 'auth' },
);
