import { readFileSync } from 'node:fs';

/**
 * One step of a worker's start in a process of its own, for bench (g): loads up to STAGE and stays idle
 * until the parent reads its RSS and kills it. argv: stage, Temporal address, workflow bundle or source.
 */
const STAGES = ['node', 'sdk-loaded', 'connected', 'worker-prebundled', 'worker-webpack'] as const;
export type Stage = (typeof STAGES)[number];

async function main(): Promise<void> {
  const [stage, address, workflows] = process.argv.slice(2) as [Stage, string, string];
  if (!STAGES.includes(stage)) throw new Error(`unknown stage ${stage}`);
  if (stage !== 'node') {
    // Loaded here, not at the top: the 'node' stage measures Node without the SDK.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- what this stage measures is the load itself
    const sdk = require('@temporalio/worker') as typeof import('@temporalio/worker');
    if (stage !== 'sdk-loaded') {
      sdk.Runtime.install({ logger: new sdk.DefaultLogger('WARN'), telemetryOptions: { logging: { forward: {}, filter: { core: 'WARN', other: 'ERROR' } } } });
      const connection = await sdk.NativeConnection.connect({ address });
      if (stage !== 'connected') {
        const source = stage === 'worker-prebundled' ? { workflowBundle: { codePath: workflows } } : { workflowsPath: workflows };
        const worker = await sdk.Worker.create({ connection, taskQueue: `memory-stage-${process.pid}`, activities: { noop: async () => undefined }, ...source });
        void worker.run();
      }
    }
  }
  // Ready: the parent samples RSS from now on.
  console.log('ready');
  setInterval(() => readFileSync('/proc/self/status'), 60_000);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
