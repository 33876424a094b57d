import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StreamLimits } from '../../env';
import type { PollingHub, Snapshot } from '../../streams/hub';
import { errorBody } from './error-handler';

declare module 'fastify' {
  interface FastifyInstance {
    /** Serves a Server-Sent Events stream of one hub topic, within the stream limits. */
    sse: <T>(request: FastifyRequest, reply: FastifyReply, stream: SseStream<T>) => Promise<void>;
  }
}

export interface SseStream<T> {
  hub: PollingHub<T>;
  key: string;
  /** The event name of every snapshot (`progress`); after the final one comes `end`. */
  event: string;
  /** The `end` event's data, from the final snapshot. */
  end: (final: T) => unknown;
}

/** What a client is told to wait before reconnecting after a 429/503 for too many streams. */
const RETRY_AFTER_S = 5;
/** How soon an EventSource reconnects after the server ends a stream (SSE `retry:`). */
const RECONNECT_MS = 2_000;

/**
 * SSE with bounds: `id:` on each event and `Last-Event-ID` resume (a snapshot the client already has is
 * not sent again), a keep-alive comment so proxies keep the connection, an idle timeout (no new event
 * for that long: `event: idle`, then the stream ends and the client may reconnect), and caps on streams
 * per client IP (429) and in total (503), both with Retry-After. Open streams end when the gateway closes.
 */
export default fp<{ limits: StreamLimits }>(
  async (fastify, { limits }) => {
    let total = 0;
    const perClient = new Map<string, number>();
    const closers = new Set<() => void>();

    fastify.addHook('preClose', async () => {
      for (const close of [...closers]) close();
    });

    const refuse = (reply: FastifyReply, statusCode: 429 | 503, message: string) =>
      reply.status(statusCode).header('retry-after', String(RETRY_AFTER_S)).send(errorBody(statusCode, message));

    fastify.decorate('sse', async function sse<T>(request: FastifyRequest, reply: FastifyReply, stream: SseStream<T>): Promise<void> {
      const client = request.ip;
      if ((perClient.get(client) ?? 0) >= limits.maxStreamsPerClient) {
        request.log.warn({ client, limit: limits.maxStreamsPerClient }, 'stream refused: too many from this client');
        return refuse(reply, 429, `Too many open event streams from this client (at most ${limits.maxStreamsPerClient}); close one or retry later`);
      }
      if (total >= limits.maxStreams) {
        request.log.warn({ limit: limits.maxStreams }, 'stream refused: gateway at its stream limit');
        return refuse(reply, 503, `The gateway serves its maximum of ${limits.maxStreams} event streams; retry later`);
      }
      total++;
      perClient.set(client, (perClient.get(client) ?? 0) + 1);

      const lastEventId = request.headers['last-event-id'];
      const res = reply.raw;
      let open = false;
      let closed = false;
      const pending: Snapshot<T>[] = [];
      const timers: { keepAlive?: NodeJS.Timeout; idle?: NodeJS.Timeout } = {};
      let unsubscribe: (() => void) | undefined;

      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(timers.keepAlive);
        clearTimeout(timers.idle);
        unsubscribe?.();
        closers.delete(close);
        total--;
        const left = (perClient.get(client) ?? 1) - 1;
        if (left > 0) perClient.set(client, left);
        else perClient.delete(client);
        if (open) res.end();
      };
      const resetIdle = () => {
        clearTimeout(timers.idle);
        timers.idle = setTimeout(() => {
          res.write(`event: idle\ndata: ${JSON.stringify({ idleTimeoutMs: limits.idleTimeoutMs })}\n\n`);
          close();
        }, limits.idleTimeoutMs);
      };
      const write = (snapshot: Snapshot<T>) => {
        if (closed) return;
        if (!open) {
          pending.push(snapshot);
          return;
        }
        // Resume: the snapshot the client saw last (or an older one) is not sent again.
        if (snapshot.id !== lastEventId) {
          res.write(`id: ${snapshot.id}\nevent: ${stream.event}\ndata: ${JSON.stringify(snapshot.data)}\n\n`);
          resetIdle();
        }
        if (snapshot.final) {
          res.write(`event: end\ndata: ${JSON.stringify(stream.end(snapshot.data))}\n\n`);
          close();
        }
      };

      closers.add(close);
      res.on('close', close);
      try {
        unsubscribe = await stream.hub.subscribe(stream.key, write);
      } catch (err) {
        close();
        throw err;
      }
      if (closed) return;
      reply.hijack();
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': request.id });
      res.write(`retry: ${RECONNECT_MS}\n\n`);
      open = true;
      timers.keepAlive = setInterval(() => res.write(': keep-alive\n\n'), limits.keepAliveMs);
      resetIdle();
      for (const snapshot of pending.splice(0)) write(snapshot);
    });
  },
  { name: 'streams', dependencies: ['error-handler'] },
);
