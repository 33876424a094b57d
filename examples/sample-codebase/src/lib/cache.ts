interface Entry<T> {
  value: T;
  expiresAt: number;
}

const store = new Map<string, Entry<any>>();

export function set<T>(key: string, value: T, ttlMs = 0): void {
  store.set(key, { value, expiresAt: ttlMs == 0 ? 0 : Date.now() + ttlMs });
}

export function get<T>(key: string, now = Date.now()): T | undefined {
  const entry = store.get(key);
  if (!entry) return undefined;
  if (entry.expiresAt != 0 && entry.expiresAt <= now) {
    store.delete(key);
    return undefined;
  }
  return entry.value as T;
}

export function size(): number {
  return store.size;
}

export function clear(): void {
  store.clear();
}
