import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ROLES } from '../../production-env';
import { API_ERRORS, errorResponses } from '../../schemas/error';

const WhoAmISchema = Type.Object(
  {
    auth: Type.Boolean({ description: 'False in dev mode (no GATEWAY_TOKENS or JWT issuer): nothing is checked and every role is granted' }),
    identity: Type.Optional(Type.String({ description: "The token's identity, as approvals record it", examples: ['olga'] })),
    roles: Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), { description: 'What the token may do: operator starts and cancels, approver decides' }),
  },
  { title: 'WhoAmI' },
);

/** The caller as the gateway sees it, so a client (the console) shows only the actions its role allows. */
const auth: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/me',
    {
      config: { auth: 'authenticated' },
      schema: {
        tags: ['auth'],
        operationId: 'getCaller',
        summary: "The bearer token's identity and roles",
        description: 'Every route still checks its own role: this only tells a client which actions to offer.',
        response: { 200: WhoAmISchema, ...errorResponses(400, ...API_ERRORS) },
      },
    },
    async (request) => {
      if (!fastify.config.auth) return { auth: false, roles: [...ROLES] };
      const principal = request.principal!;
      return { auth: true, identity: principal.identity, roles: ROLES.filter((r) => principal.roles.includes(r)) };
    },
  );
};

export default auth;
