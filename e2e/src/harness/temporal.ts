import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { startDevServer, type DevServer } from '@temporal-ecommerce/infra';
import { forgetPid, killOnExit } from './processes';

export interface TemporalOptions {
  /** Fixed gRPC port: a restart must come back at the same address the workers dial. */
  port: number;
  /** Persistent SQLite file: what survives a restart. */
  dbFilename: string;
  /** UI port, or undefined for a headless server. */
  uiPort?: number;
  /** The server's own output; quiet when omitted. */
  log?: (line: string) => void;
}

/**
 * `temporal server start-dev` (through infra's launcher: our namespace and search attributes) on a fixed
 * port with a SQLite file, so it can be killed and started again at the same address with its state.
 */
export class RestartableTemporal {
  private server: DevServer | undefined;
  restarts = 0;

  private constructor(private readonly options: TemporalOptions) {}

  static async start(options: TemporalOptions): Promise<RestartableTemporal> {
    const temporal = new RestartableTemporal(options);
    await temporal.boot();
    return temporal;
  }

  get address(): string {
    return `127.0.0.1:${this.options.port}`;
  }

  get uiUrl(): string | undefined {
    return this.options.uiPort ? `http://localhost:${this.options.uiPort}` : undefined;
  }

  private async boot(): Promise<void> {
    this.server = await startDevServer({
      ip: '127.0.0.1',
      port: this.options.port,
      ui: this.options.uiPort !== undefined,
      ...(this.options.uiPort !== undefined ? { uiPort: this.options.uiPort } : {}),
      dbFilename: this.options.dbFilename,
      log: this.options.log ?? (() => undefined),
    });
    const pid = this.pid();
    if (pid) killOnExit(pid);
  }

  /** The server's pid, from the pid file the launcher writes next to the SQLite file. */
  private pid(): number | undefined {
    const pidFile = `${this.options.dbFilename}.pid`;
    return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').trim()) : undefined;
  }

  /** Kills the server without warning (SIGKILL by default), waits until it is gone, then starts it again. */
  async restart(signal: NodeJS.Signals = 'SIGKILL'): Promise<{ downMs: number }> {
    const server = this.server;
    if (!server) throw new Error('Temporal is not running');
    const pid = this.pid();
    const began = Date.now();
    if (pid) {
      forgetPid(pid);
      process.kill(pid, signal);
    }
    await server.exited;
    await server.stop();
    await waitForPortFree(this.options.port);
    await this.boot();
    this.restarts += 1;
    return { downMs: Date.now() - began };
  }

  async stop(): Promise<void> {
    const pid = this.pid();
    await this.server?.stop();
    if (pid) forgetPid(pid);
    this.server = undefined;
  }
}

export { freePort } from '@temporal-ecommerce/infra';

/** Whether nothing listens on `port` at `host` (0.0.0.0: on any interface, as a published container port). */
export function portFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

async function waitForPortFree(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const free = await portFree(port);
    if (free || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A client on `address` (the gRPC channel reconnects by itself after a server restart). */
export async function connectClient(address: string, namespace = 'default'): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address });
  return { client: new Client({ connection, namespace }), connection };
}
