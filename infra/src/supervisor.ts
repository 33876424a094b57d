/**
 * What the control channel (control.ts) does to `pnpm start`'s services: kill and start the workers,
 * restart the order worker with a set of faults, and run the load generator (bench, `pnpm load --json`)
 * against the gateway. Only the three workers: the gateway and the Temporal server are not controllable.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  NO_ORDER_FAULTS,
  SUPERVISED_WORKER_NAMES,
  orderFaultEnv,
  type LoadSnapshot,
  type LoadState,
  type OrderFaults,
  type SupervisedProcess,
  type SupervisedWorker,
  type SupervisorState,
} from '@temporal-ecommerce/contracts/ops';
import { ControlError, type ControlHandlers } from './control';
import { startService, stopService, type RunningService, type ServiceSpec } from './services';

const MAX_SNAPSHOTS = 400;

export interface SupervisorDeps {
  appsRoot: string;
  specs: readonly ServiceSpec[];
  /** The services `pnpm start` runs; a restarted worker replaces its entry. */
  running: RunningService[];
  /** The environment each service was started with (the same on a restart). */
  envFor: (spec: ServiceSpec) => NodeJS.ProcessEnv;
  logFor: (spec: ServiceSpec) => (line: string) => void;
  gatewayUrl: string;
  /** Called when a started service exits on its own (the launcher's crash message). */
  onExit: (service: RunningService) => void;
  gracefulMs: number;
}

const isAlive = (s: RunningService | undefined): s is RunningService => s !== undefined && s.child.exitCode === null && s.child.signalCode === null;

export function createSupervisor(deps: SupervisorDeps): ControlHandlers & { close(): Promise<void> } {
  let faults: OrderFaults = NO_ORDER_FAULTS;
  const exits = new Map<string, string>();
  let load: { child?: ChildProcess; state: LoadState } = { state: { running: false, snapshots: [] } };

  const specOf = (worker: SupervisedWorker): ServiceSpec => {
    const spec = deps.specs.find((s) => s.name === worker);
    if (!spec) throw new ControlError(404, `${worker} is not one of pnpm start's services`);
    return spec;
  };
  const current = (worker: SupervisedWorker) => deps.running.find((s) => s.spec.name === worker);
  const describe = (worker: SupervisedWorker): SupervisedProcess => {
    const s = current(worker);
    const exited = exits.get(worker);
    return isAlive(s) ? { name: worker, running: true, ...(s.child.pid ? { pid: s.child.pid } : {}) } : { name: worker, running: false, ...(exited ? { exited } : {}) };
  };

  const launch = (worker: SupervisedWorker): SupervisedProcess => {
    const spec = specOf(worker);
    const env = { ...deps.envFor(spec), ...(worker === 'order-worker' ? orderFaultEnv(faults) : {}) };
    const service = startService(deps.appsRoot, spec, env, deps.logFor(spec));
    if (!service) throw new ControlError(409, `${spec.dir}/${spec.entry} does not exist (not built?)`);
    const i = deps.running.findIndex((s) => s.spec.name === worker);
    if (i >= 0) deps.running[i] = service;
    else deps.running.push(service);
    exits.delete(worker);
    deps.logFor(spec)(`started from the console (pid ${service.child.pid})`);
    void service.exited.then((how) => {
      exits.set(worker, how);
      deps.onExit(service);
    });
    return describe(worker);
  };

  const stopLoad = async () => {
    const child = load.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  };

  return {
    state: (): SupervisorState => ({ workers: SUPERVISED_WORKER_NAMES.map(describe), faults, load: load.state }),

    async kill(worker) {
      const s = current(worker);
      if (!isAlive(s)) throw new ControlError(409, `${worker} is not running`);
      // The crash the demo is about: no graceful shutdown, no chance to finish what it holds.
      s.stopping = true;
      deps.logFor(s.spec)(`killed from the console (SIGKILL to pid ${s.child.pid})`);
      s.child.kill('SIGKILL');
      exits.set(worker, await s.exited);
      return describe(worker);
    },

    async start(worker) {
      if (isAlive(current(worker))) throw new ControlError(409, `${worker} is already running`);
      return launch(worker);
    },

    setFaults(next) {
      faults = next;
      const s = current('order-worker');
      if (isAlive(s)) {
        // A graceful restart in the background: in-flight activities finish, then the new faults apply.
        s.stopping = true;
        deps.logFor(s.spec)(`restarting with faults ${JSON.stringify(next)}`);
        void stopService(s, deps.gracefulMs).then(() => {
          if (!isAlive(current('order-worker'))) launch('order-worker');
        });
      }
      return faults;
    },

    startLoad({ request, token }) {
      if (load.state.running) throw new ControlError(409, 'A load run is already running; wait for it to end');
      const cli = path.join(deps.appsRoot, 'bench', 'dist', 'load', 'cli.js');
      if (!existsSync(cli)) throw new ControlError(409, 'bench/dist/load/cli.js does not exist (pnpm build)');
      const mix = Object.entries(request.mix)
        .filter(([, w]) => (w ?? 0) > 0)
        .map(([s, w]) => `${s}=${w}`)
        .join(',');
      const args = [cli, '--json', '--url', deps.gatewayUrl, '--rate', String(request.rate), '--duration', `${request.durationSeconds}s`, '--mix', mix];
      // The caller's token through the environment, never argv (which `ps` shows to every user).
      const { LOAD_GATEWAY_TOKEN: _theirs, ...inherited } = process.env;
      const child = spawn(process.execPath, args, { env: { ...inherited, ...(token ? { LOAD_GATEWAY_TOKEN: token } : {}) }, stdio: ['ignore', 'pipe', 'pipe'] });
      const state: LoadState = { running: true, startedAt: Date.now(), request, snapshots: [] };
      load = { child, state };
      const log = (line: string) => process.stdout.write(`load | ${line}\n`);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          // bench's Snapshot has its errors as [type, count] pairs.
          const raw = JSON.parse(line) as Omit<LoadSnapshot, 'errors'> & { errors: [string, number][] };
          const snapshot: LoadSnapshot = { ...raw, errors: raw.errors.map(([type, count]) => ({ type, count })) };
          state.snapshots = [...state.snapshots, snapshot].slice(-MAX_SNAPSHOTS);
        } catch {
          log(line);
        }
      });
      createInterface({ input: child.stderr! }).on('line', log);
      child.once('exit', (code, signal) => {
        state.running = false;
        state.exited = signal ? `signal ${signal}` : `code ${code}`;
      });
      return state;
    },

    load: () => load.state,

    close: stopLoad,
  };
}
