import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CatalogResponseSchema } from '@temporal-ecommerce/contracts/order/http';
import { errorResponses } from '../../schemas/error';
import { replyCatalogUnavailable } from '../orders/pricing';

const catalog: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Products with their current price and stock',
        description:
          'What a client needs to build an order: POST /api/orders may leave out `price` and `totalAmount` and is charged these prices; ' +
          'when it sends them they must equal these. Read from the order worker\'s catalog, at most a few seconds old.',
        response: { 200: CatalogResponseSchema, ...errorResponses(503) },
      },
    },
    async (request, reply) => {
      try {
        const products = fastify.catalog.products().map((p) => ({ productId: p.productId, name: p.name, price: p.priceCents / 100, stock: p.stock }));
        return { products };
      } catch (err) {
        return replyCatalogUnavailable(err, request, reply);
      }
    },
  );
};

export default catalog;
