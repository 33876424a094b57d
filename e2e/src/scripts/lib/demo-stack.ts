import { randomBytes } from 'node:crypto';
import { cpSync } from 'node:fs';
import path from 'node:path';
import { RestartableTemporal, connectClient, ensureWorkflowBundle, exitOnSignals, repoRoot, requestJson, runDir, serviceEnv, serviceProcess, startGateway, startWorker, type ServiceProcess } from '../../harness';
import { demoEnv } from '../../env';
import type { Client, Connection } from '@temporalio/client';

export type DemoWorker = 'order-worker' | 'ml-worker' | 'agent-worker';

export interface DemoStackOptions {
  name: string;
  workers: DemoWorker[];
  /** Extra env per worker (fault injection, per-file delay). */
  workerEnv?: Partial<Record<DemoWorker, Record<string, string>>>;
  gatewayEnv?: Record<string, string>;
  /** More GATEWAY_TOKENS entries (`token:role[+role]:identity`) beside the run's own, e.g. an operator without the approver role. */
  extraTokens?: string[];
}

/** Ports of the demos (DEMO_TEMPORAL_PORT, DEMO_GATEWAY_PORT): beside, never on, pnpm start's 7233/8233/3001. */
const { DEMO_TEMPORAL_PORT: TEMPORAL_PORT, DEMO_GATEWAY_PORT: GATEWAY_PORT, DEMO_KEEP } = demoEnv();

/**
 * A demo's own system: a Temporal dev server (UI on port + 1000), the gateway and the workers it needs,
 * each the real entry file as a child process, all state in a fresh temp folder. The demo owns the
 * processes, so it can SIGKILL and restart a worker by pid, and a `pnpm start` next to it is untouched.
 */
/** Who the demo's token says it is: approvals record it as approvedBy. */
const DEMO_IDENTITY = 'demo-operator';

export class DemoStack {
  readonly workers = new Map<DemoWorker, ServiceProcess>();

  private constructor(
    readonly dir: string,
    readonly dataDir: string,
    readonly temporal: RestartableTemporal,
    readonly client: Client,
    private readonly connection: Connection,
    readonly gateway: ServiceProcess,
    readonly baseUrl: string,
    /** The run's bearer token (operator and approver): for curl while DEMO_KEEP=1 holds the system up. */
    readonly token: string,
  ) {}

  static async start(opts: DemoStackOptions, say: (line: string) => void): Promise<DemoStack> {
    exitOnSignals();
    const dir = runDir(`demo-${opts.name}`);
    const dataDir = path.join(dir, 'data');
    // The agent analyses a copy: the repository under examples/ is never touched by a demo.
    const repos = path.join(dir, 'repos');
    cpSync(path.join(repoRoot(), 'examples', 'sample-codebase'), path.join(repos, 'sample-codebase'), { recursive: true });
    for (const w of opts.workers) ensureWorkflowBundle(w);

    say(`Starting a Temporal dev server on 127.0.0.1:${TEMPORAL_PORT} (UI http://localhost:${TEMPORAL_PORT + 1000}), state in ${dir}`);
    const temporal = await RestartableTemporal.start({ port: TEMPORAL_PORT, uiPort: TEMPORAL_PORT + 1000, dbFilename: path.join(dir, 'temporal.db') });
    const { client, connection } = await connectClient(temporal.address);
    const baseUrl = `http://127.0.0.1:${GATEWAY_PORT}`;
    const token = randomBytes(24).toString('hex');
    const gateway = serviceProcess(
      'gateway',
      'gateway',
      serviceEnv({
        temporalAddress: temporal.address,
        dataDir,
        extra: {
          PORT: String(GATEWAY_PORT),
          HOST: '127.0.0.1',
          TEMPORAL_UI_URL: temporal.uiUrl!,
          AGENT_REPOSITORY_ROOTS: repos,
          // Production mode refuses to run without auth: one token for this run, both roles, as a deployment would.
          GATEWAY_TOKENS: [`${token}:operator+approver:${DEMO_IDENTITY}`, ...(opts.extraTokens ?? [])].join(','),
          ...opts.gatewayEnv,
        },
      }),
      path.join(dir, 'gateway.log'),
    );
    const stack = new DemoStack(dir, dataDir, temporal, client, connection, gateway, baseUrl, token);
    for (const w of opts.workers) {
      // The agent worker enforces the same repository roots as the gateway.
      const extra = { ...(w === 'agent-worker' ? { AGENT_REPOSITORY_ROOTS: repos } : {}), ...opts.workerEnv?.[w] };
      const worker = serviceProcess(w, w, serviceEnv({ temporalAddress: temporal.address, dataDir, extra }), path.join(dir, `${w}.log`));
      stack.workers.set(w, worker);
    }
    await Promise.all([startGateway(gateway, baseUrl), ...[...stack.workers.values()].map((w) => startWorker(w))]);
    say(`Gateway ${baseUrl} (Swagger ${baseUrl}/docs); ${[...stack.workers.values()].map((w) => `${w.options.name} pid ${w.pid}`).join(', ')}`);
    return stack;
  }

  worker(name: DemoWorker): ServiceProcess {
    const w = this.workers.get(name);
    if (!w) throw new Error(`${name} is not part of this demo`);
    return w;
  }

  /** JSON over HTTP to the gateway; returns status and body. */
  http<T = unknown>(method: 'GET' | 'POST', url: string, body?: unknown, token = this.token): Promise<{ status: number; body: T }> {
    return requestJson<T>(this.baseUrl, method, url, body, { authorization: `Bearer ${token}` });
  }

  /** Stops everything; with DEMO_KEEP=1 first leaves it running for the Temporal UI until Ctrl-C. */
  async stop(say?: (line: string) => void): Promise<void> {
    if (DEMO_KEEP) {
      say?.(`DEMO_KEEP=1: the system stays up (Temporal UI ${this.temporal.uiUrl}, gateway ${this.baseUrl}, token ${this.token}); Ctrl-C stops it.`);
      await new Promise(() => undefined);
    }
    await Promise.all([...this.workers.values()].map((w) => w.stop(15_000)));
    await this.gateway.stop(10_000);
    await this.connection.close();
    await this.temporal.stop();
    await Promise.all([...this.workers.values(), this.gateway].map((p) => p.close()));
  }
}

const t0 = Date.now();
/** A demo's narration line, with the seconds since the demo started. */
export function say(line: string): void {
  console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);
}

const failedClaims: string[] = [];

/** Every claim a demo prints is checked: a ✓ or ✗ line, and any ✗ makes the run exit 1 (endClaims). */
export function check(ok: boolean, claim: string): void {
  say(`  ${ok ? '✓' : '✗'} ${claim}`);
  if (!ok) failedClaims.push(claim);
}

/** The verdict after the last claim: says how many did not hold and sets the exit code. */
export function endClaims(): void {
  if (failedClaims.length === 0) return;
  say(`${failedClaims.length} claim(s) did not hold.`);
  process.exitCode = 1;
}
