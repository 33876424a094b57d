#!/usr/bin/env node
/* global process, console, setTimeout, URL */
// Compute a checkpoint resume saves against a restart from epoch 0, side by side on one machine.
//
// A: a training run whose worker process is SIGKILLed mid-training; a new worker resumes the span from
//    the last checkpoint in the activity heartbeat.
// B: the baseline, a restart from epoch 0: the same config trained from scratch on a fresh worker.
// Both post-crash halves run on a fresh worker process; "compute" is that process's CPU time (from
// /proc) and the epochs it trained. Both must end with the same weights (SHA-256), or the bench fails.
//
// Run: pnpm turbo run build --filter=@temporal-ecommerce/ml-worker... --filter=@temporal-ecommerce/infra
//      node bench/ml-resume.mjs [--epochs 60] [--crash-at 45] [--samples 20000]
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ML = path.join(ROOT, 'apps/ml-worker');
for (const built of ['apps/ml-worker/dist/worker.js', 'infra/dist/testing.js', 'packages/contracts/dist/ml/index.js']) {
  if (!existsSync(path.join(ROOT, built))) throw new Error(`${built} missing: pnpm turbo run build --filter=@temporal-ecommerce/ml-worker... --filter=@temporal-ecommerce/infra`);
}
const { createLocalTestEnv } = require(path.join(ROOT, 'infra/dist/testing.js'));
const { MlWorkflowType, ML_TRAIN_ACTIVITY, mlTrainingWorkflowId } = require(path.join(ROOT, 'packages/contracts/dist/ml/index.js'));
const { defaultPayloadConverter } = require(require.resolve('@temporalio/common', { paths: [ML] }));

const { values: args } = parseArgs({
  options: { epochs: { type: 'string', default: '60' }, 'crash-at': { type: 'string', default: '45' }, samples: { type: 'string', default: '20000' } },
});
const EPOCHS = Number(args.epochs);
const CRASH_AT = Number(args['crash-at']);
const CHECKPOINT_INTERVAL = 5;

const config = (modelId) => ({
  modelId,
  hyperparameters: { learningRate: 0.003, batchSize: 64, epochs: EPOCHS, optimizer: 'AdamW' },
  checkpointInterval: CHECKPOINT_INTERVAL,
  reviewInterval: 100_000,
  randomSeed: 1234,
  dataset: { name: 'synthetic', samples: Number(args.samples), features: 16, classes: 4, noise: 3 },
  model: { hiddenUnits: 32 },
  epochsPerRun: 1000,
});

const TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
/** user + system CPU seconds of a live process, from /proc/<pid>/stat. */
function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  execFileSync(process.execPath, ['dist/scripts/bundle-workflows.js'], { cwd: ML, stdio: 'ignore' });
  const env = await createLocalTestEnv();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ml-bench-'));
  const children = [];
  const spawnWorker = async (taskQueue) => {
    const child = spawn(process.execPath, [path.join(ML, 'dist/worker.js')], {
      env: { ...process.env, NODE_ENV: 'production', TEMPORAL_ADDRESS: env.address, ML_TASK_QUEUE: taskQueue, TEMPORAL_ECOMMERCE_DATA_DIR: dataDir, LOG_LEVEL: 'info', METRICS_PORT: 'off' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        if (out.includes('worker started')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${out}`)));
    });
    child.stdout.resume();
    return child;
  };
  const start = (taskQueue, modelId) =>
    env.client.workflow.start(MlWorkflowType.Training, { taskQueue, workflowId: mlTrainingWorkflowId(modelId, Date.now()), args: [{ config: config(modelId) }] });
  const heartbeat = async (handle) => {
    const { raw } = await handle.describe();
    const payload = raw.pendingActivities?.find((a) => a.activityType?.name === ML_TRAIN_ACTIVITY)?.heartbeatDetails?.payloads?.[0];
    return payload ? defaultPayloadConverter.fromPayload(payload) : undefined;
  };

  try {
    // A: crash, then resume from the last checkpoint.
    const handle = await start('bench-ml-resume', 'bench-resume');
    const doomed = await spawnWorker('bench-ml-resume');
    let beat;
    while (!beat || beat.epoch < CRASH_AT) {
      await sleep(25);
      beat = await heartbeat(handle);
    }
    doomed.kill('SIGKILL');
    await new Promise((r) => doomed.once('exit', r));
    const crashedAt = Date.now();
    const resumer = await spawnWorker('bench-ml-resume');
    const resumed = await handle.result();
    const resumeWall = (Date.now() - crashedAt) / 1000;
    const resumeCpu = cpuSeconds(resumer.pid);
    const recovery = resumed.recoveries[0];

    // B: the same model trained again from epoch 0 on a fresh worker.
    const restartAt = Date.now();
    const restarter = await spawnWorker('bench-ml-restart');
    const restarted = await (await start('bench-ml-restart', 'bench-restart')).result();
    const restartWall = (Date.now() - restartAt) / 1000;
    const restartCpu = cpuSeconds(restarter.pid);

    if (resumed.evaluation.weightsSha256 !== restarted.evaluation.weightsSha256) {
      throw new Error(`final weights differ: resume ${resumed.evaluation.weightsSha256} vs restart ${restarted.evaluation.weightsSha256}`);
    }
    const resumeEpochs = EPOCHS - recovery.resumedFromEpoch;
    const row = (name, epochs, cpu, wall) => `| ${name.padEnd(28)} | ${String(epochs).padStart(14)} | ${cpu.toFixed(2).padStart(15)} | ${wall.toFixed(2).padStart(14)} |`;
    console.log(`\nML training, ${EPOCHS} epochs, synthetic ${args.samples} samples, checkpoint every ${CHECKPOINT_INTERVAL}; worker SIGKILLed after its heartbeat reported epoch ${recovery.reachedEpoch}`);
    console.log(`resume picked up at epoch ${recovery.resumedFromEpoch} (attempt ${recovery.attempt}, ${recovery.epochsRerun} epochs rerun); final weights identical: ${resumed.evaluation.weightsSha256.slice(0, 16)}…\n`);
    console.log('| after the crash              | epochs trained | worker CPU (s)  | wall clock (s) |');
    console.log('| ---------------------------- | -------------- | --------------- | -------------- |');
    console.log(row('resume from last checkpoint', resumeEpochs, resumeCpu, resumeWall));
    console.log(row('restart from epoch 0', EPOCHS, restartCpu, restartWall));
    console.log(`\nrestart / resume: epochs ${(EPOCHS / resumeEpochs).toFixed(2)}x, worker CPU ${(restartCpu / resumeCpu).toFixed(2)}x, wall clock ${(restartWall / resumeWall).toFixed(2)}x`);
    console.log(`compute saved by resuming: ${(100 * (1 - resumeCpu / restartCpu)).toFixed(0)}% of the restart's worker CPU`);
    console.log('(resume wall clock includes noticing the dead worker: the 5 s heartbeat timeout and a 1 s retry backoff)');
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await env.teardown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
