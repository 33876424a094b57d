import { createServer, type Server } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { Runtime } from '@temporalio/worker';
import { createLogger, installRuntime } from '../src';

const lines: Array<Record<string, unknown>> = [];
const capture = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});
let squatter: Server | undefined;

afterAll(async () => {
  await new Promise((resolve) => squatter?.close(resolve) ?? resolve(undefined));
});

describe('installRuntime', () => {
  it('keeps going without metrics, and says why, when the metrics port is taken', async () => {
    squatter = createServer();
    await new Promise<void>((resolve) => squatter!.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as { port: number };

    const runtime = installRuntime(createLogger('runtime-test', { destination: capture }), { metricsAddress: `127.0.0.1:${port}` });
    expect(runtime).toBe(Runtime.instance());
    const error = lines.find((l) => l.level === 50);
    expect(error?.msg).toMatch(/cannot serve Prometheus metrics; running without them/);
    expect(error?.metricsAddress).toBe(`127.0.0.1:${port}`);
  });
});
