import path from 'node:path';
import { serviceEnv, serviceProcess, sleep, startWorker, type Rng, type ServiceProcess } from '../harness';

export interface WorkerPoolOptions {
  size: number;
  temporalAddress: string;
  dataDir: string;
  logDir: string;
  /** ORDER_FAULT_* variables. */
  faults: Record<string, string>;
}

/**
 * N order-worker processes on one data dir (one orders.db, as replicas share one payment provider). A
 * keeper restarts any process that is down and not being restarted by the chaos monkey, e.g. a worker
 * that could not connect while Temporal was restarting.
 */
export class OrderWorkerPool {
  readonly workers: ServiceProcess[];
  kills = 0;
  /** Exits nobody asked for (a worker that gave up on its own), each restarted. */
  unexpectedExits = 0;
  private readonly busy = new Set<ServiceProcess>();
  private keeping = false;
  private keeper: Promise<void> | undefined;

  constructor(opts: WorkerPoolOptions) {
    const env = serviceEnv({ temporalAddress: opts.temporalAddress, dataDir: opts.dataDir, extra: opts.faults });
    this.workers = Array.from({ length: opts.size }, (_, i) =>
      serviceProcess('order-worker', `order-worker#${i + 1}`, env, path.join(opts.logDir, `order-worker-${i + 1}.log`)),
    );
  }

  async startAll(): Promise<void> {
    await Promise.all(this.workers.map((w) => startWorker(w)));
    this.keeping = true;
    this.keeper = this.keep();
  }

  private async keep(): Promise<void> {
    while (this.keeping) {
      for (const worker of this.workers) {
        if (worker.running || this.busy.has(worker)) continue;
        this.unexpectedExits += 1;
        void this.restart(worker, 0);
      }
      await sleep(1000);
    }
  }

  /** Starts `worker` again after `delayMs`; retried while Temporal is down. */
  private async restart(worker: ServiceProcess, delayMs: number): Promise<void> {
    this.busy.add(worker);
    try {
      await sleep(delayMs);
      for (let attempt = 0; this.keeping && !worker.running; attempt++) {
        await startWorker(worker).catch(() => sleep(Math.min(5000, 500 * 2 ** attempt)));
      }
    } finally {
      this.busy.delete(worker);
    }
  }

  /**
   * SIGKILLs one ready worker at random and restarts it after 0..maxDownMs. With several workers, only while
   * another one is ready: replicas die one at a time, as on separate hosts, and the kill rate follows how
   * fast a worker comes back. A fixed rate outran start-up on a loaded machine (25-30 s per start on two
   * busy cores against a kill every 3-8 s): no worker was polling 74 % of a 200-order run, which then
   * timed out without any order logic being slow.
   */
  async killOne(rng: Rng, maxDownMs: number): Promise<string | undefined> {
    const ready = this.workers.filter((w) => w.running && !this.busy.has(w));
    const candidates = this.workers.length === 1 || ready.length >= 2 ? ready : [];
    if (candidates.length === 0) return undefined;
    const victim = rng.pick(candidates);
    this.busy.add(victim);
    const pid = victim.pid;
    await victim.kill('SIGKILL');
    this.kills += 1;
    void this.restart(victim, rng.between(0, maxDownMs));
    return `${victim.options.name} (pid ${pid})`;
  }

  async allRunning(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.workers.every((w) => w.running) && this.busy.size === 0) return true;
      await sleep(250);
    }
    return false;
  }

  /** Graceful stop (SIGTERM: in-flight tasks drain), then the logs are closed. */
  async stop(): Promise<void> {
    this.keeping = false;
    await this.keeper;
    while (this.busy.size > 0) await sleep(100);
    await Promise.all(this.workers.map((w) => w.stop(30_000)));
    await Promise.all(this.workers.map((w) => w.close()));
  }

  totalStarts(): number {
    return this.workers.reduce((n, w) => n + w.starts, 0);
  }
}
