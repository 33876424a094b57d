// Forwards LISTEN_PORT to FORWARD_TO (host:port), byte for byte. docker-compose.yml's dev profile uses it to
// publish Temporal's gRPC port without publishing it in the default (production) shape.
'use strict';
const net = require('node:net');

const [host, port] = (process.env.FORWARD_TO || '').split(':');
const listenPort = Number(process.env.LISTEN_PORT);
if (!host || !Number(port) || !listenPort) {
  console.error('tcp-forward: set FORWARD_TO=host:port and LISTEN_PORT');
  process.exit(1);
}

const server = net.createServer((client) => {
  const upstream = net.connect(Number(port), host);
  client.pipe(upstream).pipe(client);
  client.on('error', () => upstream.destroy());
  upstream.on('error', () => client.destroy());
});
server.listen(listenPort, '0.0.0.0', () => console.log(`tcp-forward: :${listenPort} -> ${host}:${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
