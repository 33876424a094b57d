import { authHeaders, markRefused } from './auth';
import { errorMessage } from './errors';

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Splits a Server-Sent Events byte stream into events (the parts of the format the gateway sends:
 * `event`, `data`, `id`, `retry`, comments). Returns the events complete in `buffer` and the rest.
 */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string; retryMs?: number } {
  const events: SseEvent[] = [];
  let retryMs: number | undefined;
  const blocks = buffer.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    let id: string | undefined;
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'id') id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value);
    }
    if (data.length > 0) events.push({ event, data: data.join('\n'), ...(id !== undefined ? { id } : {}) });
  }
  return { events, rest, ...(retryMs !== undefined ? { retryMs } : {}) };
}

export interface StreamHandlers {
  /** Each `state`/`progress` snapshot, parsed. */
  onData: (data: unknown) => void;
  /** The workflow is over: no reconnect. */
  onEnd?: () => void;
  /** Connected, reconnecting, or failed with the API's message. */
  onStatus?: (status: { connected: boolean; error?: string }) => void;
}

/**
 * Follows one of the gateway's event streams. fetch, not EventSource: EventSource cannot send an
 * Authorization header, and the token must not go in the URL. Reconnects after `idle`, a dropped
 * connection or a 429/503 (after Retry-After), resuming with Last-Event-ID; stops at `end`, on a 4xx
 * other than 429, or when the returned function is called.
 */
export function followStream(path: string, dataEvent: string, handlers: StreamHandlers): () => void {
  const abort = new AbortController();
  let lastEventId: string | undefined;
  let retryMs = 2_000;

  const run = async (): Promise<void> => {
    while (!abort.signal.aborted) {
      let wait = retryMs;
      try {
        const res = await fetch(path, {
          headers: { accept: 'text/event-stream', ...authHeaders(), ...(lastEventId ? { 'last-event-id': lastEventId } : {}) },
          signal: abort.signal,
        });
        if (!res.ok || !res.body) {
          const body: unknown = await res.json().catch(() => undefined);
          if (res.status === 401) markRefused(true);
          handlers.onStatus?.({ connected: false, error: errorMessage(body, res) });
          if (res.status !== 429 && res.status !== 503 && res.status < 500) return;
          wait = Number(res.headers.get('retry-after') ?? 5) * 1000;
        } else {
          handlers.onStatus?.({ connected: true });
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            const parsed = parseSse(buffer + value);
            buffer = parsed.rest;
            if (parsed.retryMs !== undefined) retryMs = parsed.retryMs;
            for (const event of parsed.events) {
              if (event.id !== undefined) lastEventId = event.id;
              if (event.event === dataEvent) handlers.onData(JSON.parse(event.data));
              if (event.event === 'end') {
                handlers.onEnd?.();
                abort.abort();
                return;
              }
            }
          }
          handlers.onStatus?.({ connected: false });
        }
      } catch (err) {
        if (abort.signal.aborted) return;
        handlers.onStatus?.({ connected: false, error: err instanceof Error ? err.message : String(err) });
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  void run();
  return () => abort.abort();
}
