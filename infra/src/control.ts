/**
 * The local control channel of `pnpm start` (OPS_CONTROLS=on, never NODE_ENV=production): the console's
 * Kill / Start worker buttons, the order worker's fault toggles and the load panel reach the supervisor
 * through the gateway, and only through it.
 *
 * - HTTP on a Unix socket in a fresh directory of mode 0700: no port, so nothing on the network or in
 *   another user's account can connect.
 * - A 32-byte random secret on every request, handed to the gateway alone (its environment): another
 *   process of the same user that did not get it from us is refused.
 * - Every body is checked against the contract's schema here too; the gateway's operator role, its
 *   same-origin check and its bounds are the first gate, not the only one.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  OPS_CONTROLS_ENV,
  OrderFaultsSchema,
  SUPERVISED_WORKER_NAMES,
  SUPERVISOR_SOCKET_ENV,
  SUPERVISOR_TOKEN_ENV,
  SupervisorLoadBodySchema,
  firstProblem,
  type LoadState,
  type OrderFaults,
  type SupervisedProcess,
  type SupervisedWorker,
  type SupervisorLoadBody,
  type SupervisorState,
} from '@temporal-ecommerce/contracts/ops';

/** What the channel does; `pnpm start` implements it on its running services (start-all.ts). */
export interface ControlHandlers {
  state(): SupervisorState;
  kill(worker: SupervisedWorker): Promise<SupervisedProcess>;
  start(worker: SupervisedWorker): Promise<SupervisedProcess>;
  setFaults(faults: OrderFaults): OrderFaults;
  startLoad(body: SupervisorLoadBody): LoadState;
  load(): LoadState;
}

/** A refusal in the caller's terms (the gateway passes 4xx on as they are). */
export class ControlError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ControlChannel {
  socketPath: string;
  /** The variables only the gateway gets. */
  gatewayEnv: Record<string, string>;
  close(): Promise<void>;
}

/** Whether `pnpm start` opens the channel: OPS_CONTROLS=on, and refused outright in production. */
export function controlsRequested(env: NodeJS.ProcessEnv): boolean {
  const value = env[OPS_CONTROLS_ENV];
  if (value === undefined || value === '' || value === 'off') return false;
  if (value !== 'on') throw new Error(`${OPS_CONTROLS_ENV} must be on or off, got "${value}"`);
  if (env.NODE_ENV === 'production') throw new Error(`${OPS_CONTROLS_ENV}=on is refused when NODE_ENV=production: killing workers from a browser is for local development`);
  return true;
}

const MAX_BODY_BYTES = 64 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ControlError(413, `body larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new ControlError(400, 'body is not JSON');
  }
}

function checked<T>(schema: Parameters<typeof firstProblem>[0], value: unknown): T {
  const problem = firstProblem(schema, value);
  if (problem) throw new ControlError(400, problem);
  return value as T;
}

function isWorker(name: string): name is SupervisedWorker {
  return (SUPERVISED_WORKER_NAMES as string[]).includes(name);
}

async function route(handlers: ControlHandlers, method: string, url: string, req: IncomingMessage): Promise<unknown> {
  if (method === 'GET' && url === '/state') return handlers.state();
  if (method === 'GET' && url === '/load') return handlers.load();
  if (method === 'PUT' && url === '/faults') return handlers.setFaults(checked<OrderFaults>(OrderFaultsSchema, await readJson(req)));
  if (method === 'POST' && url === '/load') return handlers.startLoad(checked<SupervisorLoadBody>(SupervisorLoadBodySchema, await readJson(req)));
  const m = /^\/workers\/([a-z-]+)\/(kill|start)$/.exec(url);
  if (method === 'POST' && m) {
    const [, worker = '', action] = m;
    if (!isWorker(worker)) throw new ControlError(404, `No supervised worker "${worker}" (${SUPERVISED_WORKER_NAMES.join(', ')})`);
    return action === 'kill' ? handlers.kill(worker) : handlers.start(worker);
  }
  throw new ControlError(404, `No control ${method} ${url}`);
}

/** Opens the channel; `close` removes the socket and its directory. */
export async function openControlChannel(handlers: ControlHandlers, log: (line: string) => void = () => undefined): Promise<ControlChannel> {
  const dir = mkdtempSync(path.join(tmpdir(), 'temporal-ecommerce-control-'));
  chmodSync(dir, 0o700);
  const socketPath = path.join(dir, 'control.sock');
  const secret = randomBytes(32).toString('base64url');
  const expected = Buffer.from(`Bearer ${secret}`);

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    const given = Buffer.from(req.headers.authorization ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      log(`control: refused ${req.method} ${req.url} (wrong secret)`);
      req.resume();
      return send(res, 401, { message: 'The supervisor refused the request' });
    }
    route(handlers, req.method ?? 'GET', req.url ?? '/', req).then(
      (body) => send(res, 200, body),
      (err: unknown) => {
        if (err instanceof ControlError) return send(res, err.statusCode, { message: err.message });
        log(`control: ${req.method} ${req.url} failed: ${err instanceof Error ? err.message : String(err)}`);
        send(res, 500, { message: 'The supervisor failed' });
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  chmodSync(socketPath, 0o600);
  return {
    socketPath,
    gatewayEnv: { [SUPERVISOR_SOCKET_ENV]: socketPath, [SUPERVISOR_TOKEN_ENV]: secret },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
