import { STATUS_CODES } from 'node:http';
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { WorkflowNotFoundError } from '@temporalio/client';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { BAD_REQUEST_ERROR_TYPES, CONFLICT_ERROR_TYPES, ORDER_REJECTED_ERROR_TYPES, PAYMENT_REQUIRED_ERROR_TYPES } from '@temporal-ecommerce/contracts/errors';
import type { ErrorResponse } from '../../schemas/error';
import { JwksUnavailableError } from '../../jwt-verifier';
import { CatalogUnavailableError } from './catalog';
import { GrpcStatus, TemporalTimeoutError, WorkerUnavailableError, grpcCode } from '../../temporal-calls';
import { SupervisorRefusedError, SupervisorUnavailableError } from '../../supervisor';

interface HttpError {
  statusCode: number;
  message: string;
}

/** "body/totalAmount must be number", "body/items/0/quantity is required", "querystring/x is not allowed". */
export function formatValidationErrors(errors: FastifySchemaValidationError[], context = 'request'): string {
  const first = errors[0];
  if (!first) return `${context} is invalid`;
  const path = `${context}${first.instancePath}`;
  const params = first.params as Record<string, unknown>;
  if (first.keyword === 'required') return `${path}/${String(params.missingProperty)} is required`;
  if (first.keyword === 'additionalProperties') return `${path}/${String(params.additionalProperty)} is not allowed`;
  if (first.keyword === 'enum') return `${path} must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}`;
  // A union of literals fails once per literal: list them instead of "must be equal to constant".
  const consts = errors.filter((e) => e.keyword === 'const' && e.instancePath === first.instancePath);
  if (consts.length > 0) {
    return `${path} must be one of ${consts.map((e) => String((e.params as { allowedValue: unknown }).allowedValue)).join(', ')}`;
  }
  return `${path} ${first.message ?? 'is invalid'}`;
}

/** The first ApplicationFailure in the cause chain: update and workflow failures wrap the business error. */
function findApplicationFailure(error: unknown): ApplicationFailure | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (current instanceof ApplicationFailure) return current;
    current = current.cause;
  }
  return undefined;
}

/** Nothing answers at the Temporal address (or it is going away). */
function isTemporalUnavailable(error: unknown): boolean {
  const code = grpcCode(error);
  return code === GrpcStatus.UNAVAILABLE || code === GrpcStatus.CANCELLED;
}

/** Maps what a route can throw to a status and a client-safe message; undefined means 500. */
export function toHttpError(error: FastifyError | Error): HttpError | undefined {
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return { statusCode: 400, message: formatValidationErrors(fastifyError.validation, fastifyError.validationContext) };
  }
  if (error instanceof WorkflowNotFoundError) {
    return { statusCode: 404, message: `Workflow ${error.workflowId} not found` };
  }
  if (error instanceof WorkflowExecutionAlreadyStartedError) {
    return { statusCode: 409, message: `Workflow ${error.workflowId} already exists` };
  }
  const failure = findApplicationFailure(error);
  if (failure?.type && BAD_REQUEST_ERROR_TYPES.includes(failure.type)) return { statusCode: 400, message: failure.message };
  if (failure?.type && CONFLICT_ERROR_TYPES.includes(failure.type)) return { statusCode: 409, message: failure.message };
  if (failure?.type && PAYMENT_REQUIRED_ERROR_TYPES.includes(failure.type)) return { statusCode: 402, message: failure.message };
  if (failure?.type && ORDER_REJECTED_ERROR_TYPES.includes(failure.type)) return { statusCode: 409, message: failure.message };
  if (error instanceof WorkerUnavailableError) return { statusCode: 503, message: error.message };
  if (error instanceof TemporalTimeoutError) return { statusCode: 504, message: error.message };
  if (isTemporalUnavailable(error)) return { statusCode: 503, message: 'Temporal server is unreachable' };
  // A call made without the wrappers in temporal-calls.ts: still a timeout, never a 500.
  if (grpcCode(error) === GrpcStatus.DEADLINE_EXCEEDED || error.name === 'WorkflowUpdateRPCTimeoutOrCancelledError') {
    return { statusCode: 504, message: 'Temporal did not answer in time' };
  }
  // The token cannot be judged either way: the caller may retry; the detail is in our log only.
  if (error instanceof JwksUnavailableError) return { statusCode: 503, message: "Cannot verify the bearer token now: the identity provider's keys are unavailable" };
  // The file and the driver's error go to our log only.
  if (error instanceof CatalogUnavailableError) return { statusCode: 503, message: 'The product catalog is unavailable: is the order worker running?' };
  // `pnpm start`'s supervisor (routes/ops): its refusals are the caller's 4xx; its absence is a 503.
  if (error instanceof SupervisorRefusedError) return { statusCode: error.statusCode, message: error.message };
  if (error instanceof SupervisorUnavailableError) return { statusCode: 503, message: error.message };
  // Fastify's own client errors (malformed JSON, wrong content type, body too large) carry a safe message.
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { statusCode: fastifyError.statusCode, message: error.message };
  }
  return undefined;
}

export function errorBody(statusCode: number, message: string): ErrorResponse {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
}

/** The gateway's one error handler, and the 404 for unknown routes. */
export default fp(
  async (fastify) => {
    fastify.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      const mapped = toHttpError(error);
      if (!mapped) {
        request.log.error({ err: error }, 'request failed');
        return reply.status(500).send(errorBody(500, 'Internal Server Error'));
      }
      if (mapped.statusCode >= 500) request.log.error({ err: error }, mapped.message);
      else request.log.info({ statusCode: mapped.statusCode, reason: mapped.message }, 'request rejected');
      return reply.status(mapped.statusCode).send(errorBody(mapped.statusCode, mapped.message));
    });

    fastify.setNotFoundHandler((request, reply) => {
      return reply.status(404).send(errorBody(404, `Route ${request.method} ${request.url} not found`));
    });
  },
  { name: 'error-handler' },
);
