import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import { updateIdOf } from '../../src/schemas/idempotency';

const request = (key: string | undefined, identity: string | undefined, body: unknown): FastifyRequest =>
  ({ headers: key === undefined ? {} : { 'idempotency-key': key }, principal: identity ? { identity, roles: ['approver'] } : undefined, body }) as unknown as FastifyRequest;

describe('updateIdOf', () => {
  const body = { approved: true, approvedBy: 'alice' };

  it('gives no id without a key, so the SDK picks a fresh one', () => {
    expect(updateIdOf(request(undefined, 'alice', body), 'approveOrder')).toBeUndefined();
  });

  it('gives the same id for the same key, caller and body, named after the Update', () => {
    const id = updateIdOf(request('k-1', 'alice', body), 'approveOrder');
    expect(id).toMatch(/^approveOrder-[0-9a-f]{40}$/);
    expect(updateIdOf(request('k-1', 'alice', { ...body }), 'approveOrder')).toBe(id);
  });

  it('never lets another caller, another body, another key or another Update share an id', () => {
    const id = updateIdOf(request('k-1', 'alice', body), 'approveOrder');
    const others = [
      updateIdOf(request('k-1', 'mallory', body), 'approveOrder'),
      updateIdOf(request('k-1', undefined, body), 'approveOrder'),
      updateIdOf(request('k-1', 'alice', { ...body, approved: false }), 'approveOrder'),
      updateIdOf(request('k-2', 'alice', body), 'approveOrder'),
      updateIdOf(request('k-1', 'alice', body), 'cancelOrder'),
    ];
    for (const other of others) expect(other).not.toBe(id);
  });
});
