/**
 * HTTP schemas every domain's list endpoint shares: page size, the opaque page token, the Temporal
 * execution status of a listed run. One definition, so the three list endpoints page alike.
 */
import { Type } from '@sinclair/typebox';

/** Longest page token the gateway accepts; Temporal's are a few hundred bytes. */
export const MAX_PAGE_TOKEN_LENGTH = 2048;

export const DEFAULT_PAGE_SIZE = 20;

export const PageSizeSchema = Type.Integer({ minimum: 1, maximum: 100, default: DEFAULT_PAGE_SIZE, description: 'Items per page' });

export const PageTokenSchema = Type.String({
  minLength: 1,
  maxLength: MAX_PAGE_TOKEN_LENGTH,
  pattern: '^[A-Za-z0-9_-]+$',
  description: 'Opaque token from the previous page (base64url)',
  examples: ['eyJDbG9zZVRpbWUiOiIwMDAxLTAxLTAxVDAwOjAwOjAwWiJ9'],
});

export const EXECUTION_STATUSES = ['UNSPECIFIED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT'] as const;

export const ExecutionStatusSchema = Type.Unsafe<(typeof EXECUTION_STATUSES)[number]>({
  type: 'string',
  enum: [...EXECUTION_STATUSES],
  description: 'Temporal execution status',
  examples: ['RUNNING'],
});

/** A Temporal run id as the gateway reports it. */
export const RunIdSchema = Type.String({ description: 'Temporal run id', examples: ['0199c3a2-7d4e-7b1a-9f3e-5c2d8a6b4e10'] });
