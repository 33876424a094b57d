import { get, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Connection } from '@temporalio/client';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/env';
import { PollingHub } from '../../src/streams/hub';
import { createTemporalClient } from '../../src/temporal-connection';
import { closedPortAddress } from '../helpers';

// The stream plugin and the hub with a workflow stand-in whose reads are counted: what is under test is
// the sharing, the caps, resume and the timeouts, not Temporal (the agent route test streams a real run).
interface State {
  version: number;
  done: boolean;
}

const states = new Map<string, State>();
let reads = 0;
let app: FastifyInstance;
let connection: Connection;
let hub: PollingHub<State>;
let port: number;

beforeAll(async () => {
  const address = await closedPortAddress();
  const config = loadConfig({
    TEMPORAL_ADDRESS: address,
    PORT: '0',
    SSE_POLL_INTERVAL_MS: '50',
    SSE_KEEPALIVE_MS: '100',
    SSE_IDLE_TIMEOUT_MS: '800',
    SSE_MAX_STREAMS: '3',
    SSE_MAX_STREAMS_PER_CLIENT: '2',
  });
  const temporal = createTemporalClient(config);
  connection = temporal.connection;
  app = await buildApp({ config, client: temporal.client });
  hub = new PollingHub<State>(
    async (key) => {
      reads++;
      const state = states.get(key);
      if (!state) throw Object.assign(new Error(`${key} not found`), { statusCode: 404 });
      return { id: `v${state.version}`, data: { ...state }, final: state.done };
    },
    config.streams.pollIntervalMs,
    app.log,
  );
  app.get('/test/streams/:key', { config: { auth: 'public' }, schema: { params: Type.Object({ key: Type.String() }) } }, async (request, reply) =>
    app.sse(request, reply, { hub, key: (request.params as { key: string }).key, event: 'progress', end: (s) => ({ version: s.version }) }),
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as { port: number }).port;
});

afterAll(async () => {
  await app?.close();
  await connection?.close();
});

interface OpenStream {
  status: number;
  headers: IncomingMessage['headers'];
  text: () => string;
  ended: Promise<void>;
  close: () => void;
}

function open(key: string, opts: { localAddress?: string; lastEventId?: string } = {}): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = get(
      { host: '127.0.0.1', port, path: `/test/streams/${key}`, ...(opts.localAddress ? { localAddress: opts.localAddress } : {}), headers: opts.lastEventId ? { 'last-event-id': opts.lastEventId } : {} },
      (res) => {
        let body = '';
        const ended = new Promise<void>((done) => res.on('close', done));
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: () => body, ended, close: () => req.destroy() });
      },
    );
    req.on('error', reject);
  });
}

const events = (text: string, name: string) => text.split('\n\n').filter((block) => block.split('\n').includes(`event: ${name}`));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (check()) return;
    await sleep(20);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('event streams', () => {
  it('share one poll loop among all listeners of a workflow, and stop it when the last one leaves', async () => {
    states.set('shared', { version: 1, done: false });
    const before = reads;
    const a = await open('shared');
    const b = await open('shared');
    expect([a.status, b.status]).toEqual([200, 200]);
    await sleep(500);
    // One loop at 50 ms reads about 10 times in 500 ms; a loop per listener would read about 20.
    const during = reads - before;
    expect(during).toBeGreaterThan(4);
    expect(during).toBeLessThanOrEqual(14);
    expect(hub.activeLoops).toBe(1);

    states.set('shared', { version: 2, done: false });
    await until(() => events(a.text(), 'progress').length === 2 && events(b.text(), 'progress').length === 2, 'both listeners to see version 2');
    expect(events(a.text(), 'progress')[1]).toContain('id: v2');

    a.close();
    b.close();
    await until(() => hub.activeLoops === 0, 'the loop to stop');
    const after = reads;
    await sleep(200);
    expect(reads).toBe(after);
  });

  it('end with an `end` event when the workflow is over, and the loop stops', async () => {
    states.set('finishing', { version: 1, done: false });
    const s = await open('finishing');
    states.set('finishing', { version: 2, done: true });
    await s.ended;
    expect(events(s.text(), 'end')).toEqual(['event: end\ndata: {"version":2}']);
    expect(hub.activeLoops).toBe(0);
  });

  it('cap streams per client (429) and in total (503), both with Retry-After', async () => {
    states.set('capped', { version: 1, done: false });
    const mine = [await open('capped'), await open('capped')];
    const third = await open('capped');
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('5');
    await third.ended;
    expect(JSON.parse(third.text())).toMatchObject({ statusCode: 429, message: expect.stringMatching(/at most 2/) });

    const other = await open('capped', { localAddress: '127.0.0.2' });
    expect(other.status).toBe(200);
    const overTotal = await open('capped', { localAddress: '127.0.0.3' });
    expect(overTotal.status).toBe(503);
    expect(overTotal.headers['retry-after']).toBe('5');

    // Closing a stream frees its place.
    mine[0]!.close();
    await sleep(100);
    const again = await open('capped');
    expect(again.status).toBe(200);
    for (const s of [mine[1]!, other, again]) s.close();
  });

  it('resume from Last-Event-ID without sending the snapshot the client already has', async () => {
    states.set('resumed', { version: 7, done: false });
    const first = await open('resumed');
    await until(() => events(first.text(), 'progress').length === 1, 'the first snapshot');
    expect(events(first.text(), 'progress')[0]).toContain('id: v7');
    first.close();

    const resumed = await open('resumed', { lastEventId: 'v7' });
    await sleep(300);
    expect(events(resumed.text(), 'progress')).toEqual([]);
    states.set('resumed', { version: 8, done: false });
    await until(() => events(resumed.text(), 'progress').length === 1, 'the next snapshot');
    expect(events(resumed.text(), 'progress')[0]).toBe('id: v8\nevent: progress\ndata: {"version":8,"done":false}');
    resumed.close();
  });

  it('send keep-alive comments, and end with `idle` after SSE_IDLE_TIMEOUT_MS without an event', async () => {
    states.set('quiet', { version: 1, done: false });
    const started = Date.now();
    const s = await open('quiet');
    expect(s.headers['content-type']).toBe('text/event-stream');
    await s.ended;
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(750);
    expect(took).toBeLessThan(3_000);
    expect(s.text()).toMatch(/: keep-alive\n\n/);
    expect(events(s.text(), 'idle')).toHaveLength(1);
    await until(() => hub.activeLoops === 0, 'the loop to stop after the idle stream left');
  });

  it('answer an unknown workflow with the error of its first read, as plain HTTP', async () => {
    const res = await app.inject({ method: 'GET', url: '/test/streams/nobody' });
    expect(res.statusCode).toBe(404);
    expect(hub.activeLoops).toBe(0);
  });
});
