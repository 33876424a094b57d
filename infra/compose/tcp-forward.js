// Forwards LISTEN_PORT to FORWARD_TO (host:port), byte for byte. docker-compose.yml's dev profile uses it to
// publish Temporal's gRPC port without publishing it in the default (production) shape.
'use strict';
const net = require('node:net');

// env-exception: a dependency-free script copied alone into a container image; packages/env is not there.
const [host, port] = (process.env.FORWARD_TO || '').split(':');
const listenPort = Number(process.env.LISTEN_PORT);
if (!host || !Number(port) || !listenPort) {
  console.error('tcp-forward: set FORWARD_TO=host:port and LISTEN_PORT');
  process.exit(1);
}

const open = new Set();
const server = net.createServer((client) => {
  const upstream = net.connect(Number(port), host);
  for (const socket of [client, upstream]) {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  }
  client.pipe(upstream).pipe(client);
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
});
server.listen(listenPort, '0.0.0.0', () => console.log(`tcp-forward: :${listenPort} -> ${host}:${port}`));
// Long-lived gRPC streams would hold server.close() open: cut them, the clients reconnect.
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  for (const socket of open) socket.destroy();
});
