import { describeMachine, machineLine } from '@temporal-ecommerce/e2e/harness';
import { crashRecovery } from './crash-recovery';
import { gatewayLatency } from './gateway-latency';
import { priorityLatency } from './priority-latency';
import { publish, type BenchSection } from './lib/results';
import { sagaThroughput } from './saga-throughput';
import { workerOptions } from './worker-options';
import { workerScaling } from './worker-scaling';
import { workerMemory } from './worker-memory';
import { loadGoal } from './load-goal';
import { firstStart } from './first-start';

const BENCHES: Record<string, () => Promise<BenchSection>> = {
  gateway: gatewayLatency,
  saga: sagaThroughput,
  recovery: crashRecovery,
  scaling: workerScaling,
  options: workerOptions,
  priority: priorityLatency,
  memory: workerMemory,
  load: loadGoal,
  'first-start': firstStart,
};

/** `pnpm bench [gateway|saga|recovery|scaling ...]`: runs them one after the other, each updating bench/RESULTS.md. */
async function main(): Promise<void> {
  const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(BENCHES);
  const unknown = names.filter((n) => !BENCHES[n]);
  if (unknown.length > 0) throw new Error(`unknown bench ${unknown.join(', ')}; choose from ${Object.keys(BENCHES).join(', ')}`);
  console.log(`Machine: ${machineLine(describeMachine())}`);
  for (const name of names) {
    const began = Date.now();
    console.log(`\n== ${name} ==`);
    publish(await BENCHES[name]!());
    console.log(`(${name}: ${((Date.now() - began) / 1000).toFixed(0)} s)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
