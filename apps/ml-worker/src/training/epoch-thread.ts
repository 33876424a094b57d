import { parentPort, workerData } from 'node:worker_threads';
import type { ResolvedMlTrainingConfig } from '@temporal-ecommerce/contracts/ml';
import { loadDataset } from './dataset';
import { Mlp } from './model';
import { trainEpoch } from './trainer';
import { datasetSummary, type EpochReply, type EpochRequest, type ThreadData } from './training-thread';

/**
 * The training thread: it builds the data set once and then trains one epoch per request. The numbers
 * are computed by the same functions in the same engine as on the main thread, so the bits do not
 * depend on which thread ran them; the main thread only keeps the event loop free for the worker's
 * polls, heartbeats and queries.
 */
const port = parentPort;
if (!port) throw new Error('epoch-thread runs only inside a worker thread');

const { config, dataSeed } = workerData as ThreadData;
const data = loadDataset(config as ResolvedMlTrainingConfig, dataSeed);
const model = new Mlp({ features: data.features, classes: data.classes, hiddenUnits: config.model.hiddenUnits, activation: config.model.activation });

const ready: EpochReply = { kind: 'ready', summary: datasetSummary(data, model) };
port.postMessage(ready);

port.on('message', (request: EpochRequest) => {
  if (request.kind === 'evaluate') {
    const test = model.evaluate(request.params, data.test);
    const reply: EpochReply = { kind: 'evaluated', loss: test.loss, accuracy: test.accuracy, samples: data.test.n };
    port.postMessage(reply);
    return;
  }
  const state = { params: request.params, optimizer: request.optimizer };
  // trainEpoch awaits only its batch hook, and there is none here: the epoch runs in one synchronous pass.
  void trainEpoch(model, state, data.train, request.hyperparameters, request.shuffleSeed).then((trainLoss) => {
    const validation = model.evaluate(state.params, data.validation);
    const reply: EpochReply = { kind: 'epoch', params: state.params, optimizer: state.optimizer, trainLoss, validationLoss: validation.loss, validationAccuracy: validation.accuracy };
    port.postMessage(reply, [state.params.buffer, state.optimizer.m.buffer, state.optimizer.v.buffer] as ArrayBuffer[]);
  });
});
