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
export function freePort(ip = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ host: ip, port: 0 }, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
