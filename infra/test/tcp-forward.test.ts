import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../src/ports';

/** The dev profile's forwarder (docker-compose.yml, temporal-grpc-dev), run as compose runs it. */
const script = path.join(__dirname, '..', 'compose', 'tcp-forward.js');

describe('infra/compose/tcp-forward.js', () => {
  it('forwards LISTEN_PORT to FORWARD_TO byte for byte, and refuses to start without both', async () => {
    const upstream = createServer((req, res) => res.end(`upstream saw ${req.method} ${req.url}`));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const listenPort = await freePort();
    const child = spawn(process.execPath, [script], {
      env: { PATH: process.env.PATH, FORWARD_TO: `127.0.0.1:${(upstream.address() as AddressInfo).port}`, LISTEN_PORT: String(listenPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      await once(child.stdout!, 'data');
      const res = await fetch(`http://127.0.0.1:${listenPort}/grpc.health.v1.Health/Check`, { method: 'POST' });
      expect(await res.text()).toBe('upstream saw POST /grpc.health.v1.Health/Check');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
      upstream.close();
    }
    const bad = spawn(process.execPath, [script], { env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] });
    const [code] = (await once(bad, 'exit')) as [number];
    expect(code).toBe(1);
  });
});
