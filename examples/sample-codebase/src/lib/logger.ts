type Level = 'debug' | 'info' | 'warn' | 'error';

const entries: { level: Level; message: string; meta?: any }[] = [];

export function log(level: Level, message: string, meta?: any): void {
  entries.push({ level, message, meta });
  if (level == 'error') {
    console.log('[error] ' + message, meta);
  }
}

export function recent(count: number): { level: Level; message: string }[] {
  return entries.slice(-count).map(({ level, message }) => ({ level, message }));
}

export function clear(): void {
  entries.length = 0;
}
