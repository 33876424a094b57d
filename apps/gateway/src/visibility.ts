import type { Client } from '@temporalio/client';
import { ApplicationFailure, defaultPayloadConverter } from '@temporalio/common';
import type { SearchAttributeKey, SearchAttributeType } from '@temporalio/common/lib/search-attributes';
import { ErrorType } from '@temporal-ecommerce/contracts/errors';
import { EXECUTION_STATUSES } from '@temporal-ecommerce/contracts/http';
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
  pageSize: number;
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
  const token = request.nextPageToken ? Buffer.from(request.nextPageToken, 'base64url') : undefined;
  if (request.nextPageToken && (!token || token.length === 0 || token.toString('base64url') !== request.nextPageToken)) {
    badRequest('querystring/nextPageToken is not a page token this API handed out');
  }
  const response = await calls
    .server(() =>
      client.workflowService.listWorkflowExecutions({
        namespace: client.options.namespace,
        query: clauses.join(' AND '),
        pageSize: request.pageSize,
        nextPageToken: token,
      }),
    )
    .catch((err: unknown) => {
      if (token && grpcCode(err) === GrpcStatus.INVALID_ARGUMENT) badRequest('querystring/nextPageToken is not a valid page token');
      throw err;
    });
  const next = response.nextPageToken && response.nextPageToken.length > 0 ? Buffer.from(response.nextPageToken).toString('base64url') : undefined;
  return { executions: response.executions.map(toListed), ...(next ? { nextPageToken: next } : {}) };
}
