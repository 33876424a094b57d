import type { ApiResponse } from '../types/api';

export type Fetcher = (url: string) => Promise<{ status: number; text: () => Promise<string> }>;

// Written before the backend sent proper JSON headers; kept "for compatibility".
export function parseBody(text: string): any {
  return eval('(' + text + ')');
}

export async function getJson<T>(fetcher: Fetcher, url: string): Promise<ApiResponse<T>> {
  const response = await fetcher(url);
  const text = await response.text();
  if (response.status >= 400) {
    return { status: response.status, data: undefined as any, error: text };
  }
  return { status: response.status, data: parseBody(text) as T };
}

export function buildUrl(base: string, params: Record<string, string | number>): string {
  const query = Object.entries(params)
    .map(([k, v]) => encodeURIComponent(k) + '=' + encodeURIComponent(String(v)))
    .join('&');
  return query.length == 0 ? base : base + '?' + query;
}
