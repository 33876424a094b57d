import { existsSync } from 'node:fs';
import path from 'node:path';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';

/** Where the console's page and its hashed assets are served from. */
export const CONSOLE_ROUTES = { page: '/', assets: '/assets/*' } as const;

/**
 * Only our own origin: every script, style and font ships in the build (no CDN), the page talks only to
 * this gateway (API and event streams), and nothing may frame it. No inline scripts or style attributes
 * are allowed, so an injected string cannot run.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function securityHeaders(reply: FastifyReply): void {
  reply.header('content-security-policy', CONSOLE_CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
}

/**
 * The operations console (apps/console's build) at `/`. The page is revalidated on every load (a new
 * build is picked up at once); its assets carry a content hash in their names, so they are cached for a
 * year. Both are public: the page holds no data, and every API call it makes is authorized on its own.
 * A gateway without a console build serves the API alone.
 */
export default fp<{ dir: string }>(
  async (fastify, { dir }) => {
    const root = path.resolve(dir);
    if (!existsSync(path.join(root, 'index.html'))) {
      fastify.log.info({ dir: root }, 'console not built: serving the API only (pnpm turbo run build --filter=@temporal-ecommerce/console)');
      return;
    }
    // serve: false: we declare the routes ourselves, with their auth and without an OpenAPI entry.
    await fastify.register(fastifyStatic, { root, serve: false });
    const hidden = { hide: true } as const;

    fastify.get(CONSOLE_ROUTES.page, { config: { auth: 'public' }, schema: hidden }, async (_request, reply) => {
      securityHeaders(reply);
      reply.header('cache-control', 'no-cache');
      return reply.sendFile('index.html', { cacheControl: false });
    });

    fastify.get(CONSOLE_ROUTES.assets, { config: { auth: 'public' }, schema: hidden }, async (request, reply) => {
      securityHeaders(reply);
      const file = (request.params as { '*': string })['*'];
      // `send` refuses paths that leave the root (`..`, encoded or not) with a 403/404 of its own.
      return reply.sendFile(path.posix.join('assets', file), { maxAge: '365d', immutable: true, dotfiles: 'deny' });
    });

    fastify.log.info({ dir: root }, 'console served at /');
  },
  { name: 'console', dependencies: ['auth'] },
);
