import { createHash } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';

/**
 * `Idempotency-Key` on the routes that send an Update. A request that timed out (503/504) may still take
 * effect later: Temporal keeps an Update a worker has not yet accepted. Sent again with the same key, the
 * same caller and the same body, it becomes the same Update id, which the server deduplicates for the run:
 * the retry waits for, and answers with, the first one's outcome instead of applying a second time.
 */
export const IdempotencyHeadersSchema = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 128,
      pattern: '^[\\x21-\\x7E]+$',
      description:
        'Optional, 1-128 visible ASCII characters (a UUID is a good choice). A retry with the same key, caller and body is the same request: ' +
        'it answers with the first outcome and never applies twice. A different body under the same key is a new request.',
    }),
  ),
});

/**
 * The Update id for a request: undefined without a key (the SDK then picks a fresh one). Hashing the
 * caller in means one caller's key can never attach to, or read the outcome of, another caller's Update;
 * hashing the validated body in means a changed request is never mistaken for a retry.
 */
export function updateIdOf(request: FastifyRequest, updateName: string): string | undefined {
  const key = (request.headers as Record<string, string | undefined>)['idempotency-key'];
  if (key === undefined) return undefined;
  const digest = createHash('sha256')
    .update(JSON.stringify([request.principal?.identity ?? null, key, request.body ?? null]))
    .digest('hex');
  return `${updateName}-${digest.slice(0, 40)}`;
}
