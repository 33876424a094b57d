import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '@temporal-ecommerce/gateway/client';
import { authHeaders, markRefused } from './auth';
import { errorMessage } from './errors';

export type Schemas = components['schemas'];
export type Catalog = paths['/api/catalog']['get']['responses'][200]['content']['application/json'];
export type OrderDetails = paths['/api/orders/{orderId}']['get']['responses'][200]['content']['application/json'];
export type OrderStatus = OrderDetails['status'];
export type OrderList = paths['/api/orders']['get']['responses'][200]['content']['application/json'];
export type CreateOrderBody = paths['/api/orders']['post']['requestBody']['content']['application/json'];
export type MlStartBody = paths['/api/ml-training']['post']['requestBody']['content']['application/json'];
export type MlProgress = paths['/api/ml-training/{workflowId}']['get']['responses'][200]['content']['application/json'];
export type MlMetrics = paths['/api/ml-training/{workflowId}/metrics']['get']['responses'][200]['content']['application/json'];
export type MlAudit = paths['/api/ml-training/{workflowId}/audit']['get']['responses'][200]['content']['application/json'];
export type MlDecisionBody = paths['/api/ml-training/{workflowId}/decision']['post']['requestBody']['content']['application/json'];

/** Bearer token on every call (from sessionStorage); a 401 makes the app ask for a token again. */
const auth: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(authHeaders())) request.headers.set(name, value);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) markRefused(true);
    else if (response.ok) markRefused(false);
    return response;
  },
};

/** The typed gateway client: same origin as the page, paths and bodies checked against the OpenAPI document. */
export const api = createClient<paths>({ baseUrl: location.origin });
api.use(auth);

/** Unwraps an openapi-fetch result: the data, or an Error carrying the API's message. */
export async function call<T>(promise: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await promise;
  if (error !== undefined || !response.ok) throw new Error(errorMessage(error, response));
  return data as T;
}
export type AnalyzeBody = paths['/api/agent/analyze']['post']['requestBody']['content']['application/json'];
export type AnalysisStatus = paths['/api/agent/analyze/{workflowId}']['get']['responses'][200]['content']['application/json'];
export type TaskQueues = paths['/api/ops/task-queues']['get']['responses'][200]['content']['application/json'];
export type Controls = paths['/api/ops/controls']['get']['responses'][200]['content']['application/json'];
export type OrderFaults = paths['/api/ops/faults']['put']['requestBody']['content']['application/json'];
export type LoadBody = paths['/api/ops/load']['post']['requestBody']['content']['application/json'];
export type LoadState = paths['/api/ops/load']['post']['responses'][202]['content']['application/json'];
export type MultiAgentStatus = paths['/api/agent/multi-agent/{workflowId}']['get']['responses'][200]['content']['application/json'];
export type BatchDiff = paths['/api/agent/analyze/{workflowId}/batches/{batchId}/diff']['get']['responses'][200]['content']['application/json'];
