import type { FastifyRequest } from 'fastify';
import { defaultOrderPriority, isAbove, type CreateOrderBody, type OrderPriority } from '@temporal-ecommerce/contracts/order';

/** Who may raise an order above its default priority: the people trusted with high-value orders. */
export const PRIORITY_RAISE_ROLE = 'approver';

function forbidden(message: string): never {
  throw Object.assign(new Error(message), { statusCode: 403 });
}

/**
 * The priority an order runs at. The server decides the default from the catalog total (the body is
 * priced before this runs); a caller may ask for the default or lower, and above it only with the
 * approver role, since a raised order is dispatched ahead of everyone else's in a backlog. In dev mode
 * (no tokens configured) nothing is checked, like every other role.
 */
export function grantPriority(request: FastifyRequest, order: CreateOrderBody): OrderPriority {
  const standard = defaultOrderPriority(order.totalAmount);
  const asked = order.priority;
  if (asked === undefined || !isAbove(asked, standard)) return asked ?? standard;
  const principal = request.principal;
  if (principal && !principal.roles.includes(PRIORITY_RAISE_ROLE)) {
    forbidden(`body/priority ${asked} needs the ${PRIORITY_RAISE_ROLE} role for an order of ${order.totalAmount?.toFixed(2)} (its default is ${standard}); ${principal.identity} may ask for ${standard} or lower`);
  }
  return asked;
}
