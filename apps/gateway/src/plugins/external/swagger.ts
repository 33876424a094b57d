import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

/** OpenAPI 3 document built from the route schemas, served at /docs/json; Swagger UI at /docs. */
export default fp(
  async (fastify) => {
    await fastify.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'temporal-ecommerce API',
          description: 'Orders (saga), ML training (checkpoint recovery) and codebase-analysis agent workflows on Temporal.',
          version: '0.1.0',
        },
        tags: [
          { name: 'orders', description: 'Order processing saga' },
          { name: 'catalog', description: 'Products, prices and stock an order is built from' },
          { name: 'ml-training', description: 'ML training with checkpoints and human decisions' },
          { name: 'agent', description: 'Codebase-analysis agent' },
          { name: 'health', description: 'Gateway and Temporal reachability' },
        ],
      },
    });
    await fastify.register(swaggerUi, { routePrefix: '/docs' });
  },
  { name: 'swagger' },
);
