/**
 * The bearer token, for this tab only: sessionStorage (gone when the tab closes), never the URL, where it
 * would land in history, logs and Referer headers.
 */
const KEY = 'temporal-ecommerce.token';

export function getToken(): string | undefined {
  return sessionStorage.getItem(KEY) ?? undefined;
}

export function setToken(token: string | undefined): void {
  if (token) sessionStorage.setItem(KEY, token);
  else sessionStorage.removeItem(KEY);
  for (const listener of listeners) listener();
}

const listeners = new Set<() => void>();

/** Called when the token changes or the gateway refuses it (401): the app then asks for one. */
export function onTokenChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let refused = false;
export const tokenRefused = (): boolean => refused;
export function markRefused(value: boolean): void {
  if (refused === value) return;
  refused = value;
  for (const listener of listeners) listener();
}

export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}
