import type { FastifyRequest } from 'fastify';
import { ApplicationFailure } from '@temporalio/common';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { priceOrder, validateOrder, type CreateOrderBody } from '@temporal-ecommerce/contracts/order';
import type { CatalogReader } from '../../plugins/app/catalog';

/**
 * The order as the workflow gets it: checked against the catalog and completed with its prices and total,
 * so the input, the OrderTotal search attribute and the summary carry the catalog total from the start.
 * A price or total the client sent that differs, or an unknown product, is a 400 naming the field and the
 * catalog's value. The reservation checks the same prices again (contracts' priceOrder, one rule).
 */
export async function priceFromCatalog(order: CreateOrderBody, catalog: CatalogReader): Promise<CreateOrderBody> {
  const invalid = validateOrder(order);
  if (invalid) badRequest(`body${invalid.field} ${invalid.message}`);
  const result = priceOrder(order, await catalog.lookup());
  if (!result.ok) badRequest(`body${result.issue.field} ${result.issue.message}`);
  return { ...order, items: result.priced.items, totalAmount: result.priced.totalCents / 100 };
}

function badRequest(message: string): never {
  throw ApplicationFailure.create({ type: ErrorType.InvalidRequest, message, nonRetryable: true });
}

/** preHandler of POST /api/orders: replaces the body with the priced order. */
export async function priceOrderHook(request: FastifyRequest): Promise<void> {
  request.body = await priceFromCatalog(request.body as CreateOrderBody, request.server.catalog);
}
