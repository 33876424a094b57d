import net from 'node:net';

/** Resolves when `port` can be bound on `ip`, rejects with the bind error otherwise. */
export function checkPortFree(ip: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ host: ip, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** A port the OS just handed out (then released) on `ip`: free a moment ago, so bind it soon. */
/**
 * A port nobody listens on, kept from other processes' `bind(0)` for a while: the probe accepts one
 * connection to itself and closes it from the listening side, so (ip, port) sits in TIME_WAIT for ~60 s.
 * Linux then does not hand that port to another ephemeral bind (a dev server picks its internal ports that
 * way, and one took a test's gateway port in CI), while an explicit listen on it still works: Node, Go,
 * PostgreSQL and the JVM all set SO_REUSEADDR. The same trick as the Temporal CLI's own GetFreePort.
 */
export function freePort(ip = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.once('connection', (socket) => socket.destroy());
    probe.listen({ host: ip, port: 0 }, () => {
      const { port } = probe.address() as net.AddressInfo;
      const client = net.connect({ host: ip, port });
      client.once('error', () => undefined);
      // The server side closes first (above), then the client; then the listener.
      client.once('close', () => probe.close(() => resolve(port)));
      client.resume();
    });
  });
}
