import { Type, type Static } from '@sinclair/typebox';

/** Every error the gateway sends has this body, whatever produced it. */
export const ErrorResponseSchema = Type.Object(
  {
    statusCode: Type.Integer({ minimum: 400, maximum: 599, examples: [400] }),
    error: Type.String({ description: 'HTTP reason phrase', examples: ['Bad Request'] }),
    message: Type.String({ description: 'What went wrong, naming the field for validation errors', examples: ['body/totalAmount must be number'] }),
  },
  { title: 'ErrorResponse' },
);
export type ErrorResponse = Static<typeof ErrorResponseSchema>;

/** What any /api route may answer besides its own codes: rate limit, our bug, Temporal or a worker down (503) or slow (504). */
export const API_ERRORS = [429, 500, 503, 504] as const;

/**
 * Response schemas for the error codes a route can produce, to spread into `schema.response`:
 * `response: { 200: OrderSchema, ...errorResponses(400, 404, 409) }`.
 */
export function errorResponses<const C extends readonly number[]>(...codes: C): Record<C[number], typeof ErrorResponseSchema> {
  return Object.fromEntries(codes.map((c) => [c, ErrorResponseSchema])) as Record<C[number], typeof ErrorResponseSchema>;
}
