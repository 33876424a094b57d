import { defaultPayloadConverter } from '@temporalio/common';
import type { MlTrainingConfig, MlTrainingState, TrainingHeartbeat } from '@temporal-ecommerce/contracts/ml';
import type { StartMlTrainingResponse } from '@temporal-ecommerce/contracts/ml/http';
import { sleep, startWorker } from '../harness';
import { DemoStack, say } from './lib/demo-stack';

/** Small enough to train in seconds on a laptop, long enough to be killed in the middle; no review pauses. */
const config = (modelId: string): MlTrainingConfig => ({
  modelId,
  hyperparameters: { learningRate: 0.005, batchSize: 64, epochs: 30, optimizer: 'AdamW' },
  checkpointInterval: 5,
  reviewInterval: 1000,
  randomSeed: 2024,
  dataset: { name: 'synthetic', samples: 12000, features: 16, classes: 4, noise: 3 },
  model: { hiddenUnits: 32 },
});

async function start(stack: DemoStack, modelId: string): Promise<string> {
  const res = await stack.http<StartMlTrainingResponse>('POST', '/api/ml-training', config(modelId));
  if (res.status !== 201) throw new Error(`POST /api/ml-training answered ${res.status}: ${JSON.stringify(res.body)}`);
  say(`  POST /api/ml-training (${modelId}, seed 2024, 30 epochs, checkpoint every 5) → 201 ${res.body.workflowId}`);
  return res.body.workflowId;
}

/** GET /api/ml-training/:id until the run is over (the query needs a worker: errors are a "not yet"). */
async function finished(stack: DemoStack, workflowId: string): Promise<MlTrainingState> {
  for (;;) {
    const res = await stack.http<MlTrainingState>('GET', `/api/ml-training/${workflowId}`).catch(() => undefined);
    if (res?.status === 200 && ['completed', 'stopped', 'failed'].includes(res.body.status)) return res.body;
    await sleep(500);
  }
}

/** The training activity's last heartbeat, as the server holds it: what a retry on a new worker resumes from. */
async function heartbeat(stack: DemoStack, workflowId: string): Promise<TrainingHeartbeat | undefined> {
  const { raw } = await stack.client.workflow.getHandle(workflowId).describe();
  const payload = raw.pendingActivities?.[0]?.heartbeatDetails?.payloads?.[0];
  return payload ? defaultPayloadConverter.fromPayload<TrainingHeartbeat>(payload) : undefined;
}

/**
 * `pnpm demo:ml`: checkpoint recovery, performed by itself. Trains a model once without interruption,
 * then the same configuration again, SIGKILLing the ML worker after its second checkpoint; the new
 * worker resumes from the last checkpoint (not epoch 0) and ends with bit-identical weights.
 */
async function main(): Promise<void> {
  const stack = await DemoStack.start({ name: 'ml', workers: ['ml-worker'] }, say);
  try {
    const run = Date.now().toString(36);
    say('1) The reference: an uninterrupted run.');
    const reference = await finished(stack, await start(stack, `demo-reference-${run}`));
    say(`  completed: test accuracy ${reference.evaluation?.accuracy.toFixed(4)}, weights sha256 ${reference.evaluation?.weightsSha256}`);

    say('2) The same configuration; the ML worker is killed mid-training.');
    const workflowId = await start(stack, `demo-killed-${run}`);
    let beat: TrainingHeartbeat | undefined;
    let shown = -1;
    while (!(beat?.checkpoint && beat.checkpoint.epoch >= 10)) {
      beat = await heartbeat(stack, workflowId).catch(() => undefined);
      if (beat && beat.epoch !== shown) say(`  epoch ${(shown = beat.epoch)}/30, last checkpoint at epoch ${beat.checkpoint?.epoch ?? '-'}`);
      await sleep(50);
    }
    const worker = stack.worker('ml-worker');
    const deadPid = worker.pid;
    await worker.kill('SIGKILL');
    say(`*** kill -9 ${deadPid}: the ML worker is dead at epoch ${beat.epoch}, last checkpoint epoch ${beat.checkpoint.epoch} ***`);
    await sleep(2000);
    say('Restarting the ML worker (node apps/ml-worker/dist/worker.js)');
    await startWorker(worker);
    say(`  new ML worker pid ${worker.pid}; the training activity is retried there once its heartbeat times out`);
    const resumed = await finished(stack, workflowId);
    for (const r of resumed.recoveries) {
      say(`  recovery: attempt ${r.attempt} resumed from the checkpoint at epoch ${r.resumedFromEpoch} (the dead worker had reached ${r.reachedEpoch}); epochs trained again: ${r.epochsRerun}, not ${r.reachedEpoch}`);
    }
    say(`  completed: test accuracy ${resumed.evaluation?.accuracy.toFixed(4)}, weights sha256 ${resumed.evaluation?.weightsSha256}`);
    const same = resumed.evaluation?.weightsSha256 === reference.evaluation?.weightsSha256;
    say(same ? 'Final weights are bit-identical to the uninterrupted run (same SHA-256).' : 'Final weights DIFFER from the uninterrupted run.');
    say(`Merkle root over the checkpoints: ${resumed.merkleRoot}; audit with GET /api/ml-training/${workflowId}/audit`);
    if (!same || resumed.recoveries.length === 0) process.exitCode = 1;
  } finally {
    await stack.stop(say);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
