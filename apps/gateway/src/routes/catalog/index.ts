import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CatalogResponseSchema } from '@temporal-ecommerce/contracts/order/http';
import { API_ERRORS, errorResponses } from '../../schemas/error';

const catalog: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '',
    {
      // What a shop shows anyone; served from a cached read of a local file, no Temporal call.
      config: { auth: 'public' },
      schema: {
        tags: ['catalog'],
        operationId: 'listCatalog',
        summary: 'Products with their current price and stock',
        description:
          'What a client needs to build an order: POST /api/orders may leave out `price` and `totalAmount` and is charged these prices; ' +
          'when it sends them they must equal these. Read from the order worker\'s catalog, at most a few seconds old.',
        response: { 200: CatalogResponseSchema, ...errorResponses(400, ...API_ERRORS) },
      },
    },
    async () => {
      const products = (await fastify.catalog.products()).map((p) => ({ productId: p.productId, name: p.name, price: p.priceCents / 100, stock: p.stock }));
      return { products };
    },
  );
};

export default catalog;
