import { createHash, timingSafeEqual } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import type { SearchAttributeKey, SearchAttributeType } from '@temporalio/common/lib/search-attributes';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { DEFAULT_PAGE_SIZE, EXECUTION_STATUSES } from '@temporal-ecommerce/contracts/http';
import { GrpcStatus, grpcCode, type TemporalCalls } from './temporal-calls';

/**
 * One page of a list endpoint, read from Temporal visibility: the three list routes (orders, ML runs,
 * analyses) filter and page the same way, only their workflow type and search attributes differ.
 */

type Execution = Awaited<ReturnType<Client['workflowService']['listWorkflowExecutions']>>['executions'][number];

export interface ListedExecution {
  workflowId: string;
  runId: string;
  executionStatus: (typeof EXECUTION_STATUSES)[number];
  startTime: string;
  closeTime?: string;
  /** A search attribute's value, decoded; undefined when the run has not set it. */
  attribute(key: SearchAttributeKey<SearchAttributeType>): unknown;
}

export interface PageRequest {
  workflowType: string;
  /** `attribute = value` filters; undefined values are left out. `field` names the query parameter. */
  filters: { attribute: SearchAttributeKey<SearchAttributeType>; value: string | undefined; field: string }[];
  pageSize: number | undefined;
  nextPageToken?: string | undefined;
}

function badRequest(message: string): never {
  throw ApplicationFailure.create({ type: ErrorType.InvalidRequest, message, nonRetryable: true });
}

/** Values reach here schema-checked, but the query is built from text: refuse anything that could end the literal. */
function literal(value: string, field: string): string {
  if (/['"\\\n\r]/.test(value)) badRequest(`querystring/${field} must not contain quotes, backslashes or line breaks`);
  return `'${value}'`;
}

const TOKEN_VERSION = 1;
const TOKEN_CHECK_BYTES = 12;

const tokenCheck = (query: string, inner: Uint8Array): Buffer => createHash('sha256').update(query).update(inner).digest().subarray(0, TOKEN_CHECK_BYTES);

/**
 * Temporal's page token wrapped with a check over the query it belongs to. Temporal's own token is opaque
 * and store-specific, and the dev server answers a made-up one with a retryable UNKNOWN (so the call would
 * hang until its deadline): a token we did not hand out for this very query is refused before any call.
 * The check is for integrity, not secrecy: the token reveals nothing the list does not.
 */
function sealToken(query: string, inner: Uint8Array): string {
  return Buffer.concat([Buffer.from([TOKEN_VERSION]), tokenCheck(query, inner), inner]).toString('base64url');
}

function openToken(query: string, token: string): Buffer {
  const raw = Buffer.from(token, 'base64url');
  const inner = raw.subarray(1 + TOKEN_CHECK_BYTES);
  const check = raw.subarray(1, 1 + TOKEN_CHECK_BYTES);
  if (raw[0] !== TOKEN_VERSION || inner.length === 0 || !timingSafeEqual(check, tokenCheck(query, inner))) {
    badRequest('querystring/nextPageToken is not a page token this list handed out (it belongs to another filter, or was changed)');
  }
  return inner;
}

function timestampToIso(ts: { seconds?: unknown; nanos?: number | null } | null | undefined): string | undefined {
  if (!ts) return undefined;
  const seconds = Number(ts.seconds ?? 0);
  return new Date(seconds * 1000 + Math.floor((ts.nanos ?? 0) / 1e6)).toISOString();
}

function toListed(exec: Execution): ListedExecution {
  const closeTime = timestampToIso(exec.closeTime);
  return {
    workflowId: exec.execution?.workflowId ?? '',
    runId: exec.execution?.runId ?? '',
    executionStatus: EXECUTION_STATUSES[Number(exec.status ?? 0)] ?? 'UNSPECIFIED',
    startTime: timestampToIso(exec.startTime) ?? new Date(0).toISOString(),
    ...(closeTime ? { closeTime } : {}),
    attribute(key) {
      const payload = exec.searchAttributes?.indexedFields?.[key.name];
      return payload ? defaultPayloadConverter.fromPayload(payload) : undefined;
    },
  };
}

/**
 * Newest first. The page token is the schema-checked base64url of Temporal's own token; one Temporal
 * rejects (from another query, another server, or made up) is the caller's mistake: 400 naming it.
 */
export async function listPage(
  client: Client,
  calls: TemporalCalls,
  request: PageRequest,
): Promise<{ executions: ListedExecution[]; nextPageToken?: string }> {
  const clauses = [`WorkflowType = ${literal(request.workflowType, 'workflowType')}`];
  for (const { attribute, value, field } of request.filters) if (value !== undefined) clauses.push(`${attribute.name} = ${literal(value, field)}`);
  const query = clauses.join(' AND ');
  const token = request.nextPageToken ? openToken(query, request.nextPageToken) : undefined;
  const response = await calls
    .server(() =>
      client.workflowService.listWorkflowExecutions({
        namespace: client.options.namespace,
        query,
        pageSize: request.pageSize ?? DEFAULT_PAGE_SIZE,
        nextPageToken: token,
      }),
    )
    .catch((err: unknown) => {
      // Stores other than the dev server's say INVALID_ARGUMENT for a token they cannot read (e.g. one older than a schema change).
      if (token && grpcCode(err) === GrpcStatus.INVALID_ARGUMENT) badRequest('querystring/nextPageToken is not a valid page token');
      throw err;
    });
  const next = response.nextPageToken && response.nextPageToken.length > 0 ? sealToken(query, response.nextPageToken) : undefined;
  return { executions: response.executions.map(toListed), ...(next ? { nextPageToken: next } : {}) };
}
