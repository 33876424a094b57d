import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { priceOrder, validateOrder, type CreateOrderBody } from '@temporal-ecommerce/contracts/order';
import { CatalogUnavailableError, type CatalogReader } from '../../plugins/app/catalog';
import { errorBody } from '../../plugins/app/error-handler';

/**
 * The order as the workflow gets it: checked against the catalog and completed with its prices and total,
 * so the input, the OrderTotal search attribute and the summary carry the catalog total from the start.
 * A price or total the client sent that differs, or an unknown product, is a 400 naming the field and the
 * catalog's value. The reservation checks the same prices again (contracts' priceOrder, one rule).
 */
export function priceFromCatalog(order: CreateOrderBody, catalog: CatalogReader): CreateOrderBody {
  const invalid = validateOrder(order);
  if (invalid) badRequest(`body${invalid.field} ${invalid.message}`);
  const result = priceOrder(order, catalog.lookup());
  if (!result.ok) badRequest(`body${result.issue.field} ${result.issue.message}`);
  return { ...order, items: result.priced.items, totalAmount: result.priced.totalCents / 100 };
}

function badRequest(message: string): never {
  throw ApplicationFailure.create({ type: ErrorType.InvalidRequest, message, nonRetryable: true });
}

/** 503 when the catalog cannot be read (the order worker never ran on this data dir); anything else is rethrown. */
export function replyCatalogUnavailable(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!(err instanceof CatalogUnavailableError)) throw err;
  request.log.error({ err }, err.message);
  return reply.status(503).send(errorBody(503, err.message));
}

/** preHandler of POST /api/orders: replaces the body with the priced order. */
export async function priceOrderHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  try {
    request.body = priceFromCatalog(request.body as CreateOrderBody, request.server.catalog);
  } catch (err) {
    await replyCatalogUnavailable(err, request, reply);
  }
}
