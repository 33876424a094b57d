import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';

// Placeholder so app.ts can register the prefix; the ml-training domain replaces this file with its routes.
const routes: FastifyPluginAsyncTypebox = async () => {};

export default routes;
