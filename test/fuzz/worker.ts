// Worker thread: builds and runs the cases the runner names, so a hang or a crash costs only this thread.
import { parentPort, workerData } from 'node:worker_threads';
import { loadCorpus } from './corpus';
import { makeCase } from './mutate';
import { makeHostileCase } from './hostileCases';
import { removeTempDir, runCase } from './runCase';

const { seed, hostile } = workerData as { seed: number; hostile?: boolean };
const corpus = loadCorpus();
const port = parentPort;
if (!port) throw new Error('fuzz worker must run in a worker thread');

// The runner starts a case's clock only after this: loading the corpus is start-up, not the case.
port.postMessage('ready');
port.on('message', (index: number) => {
  void runCase(index, hostile ? makeHostileCase(index) : makeCase(corpus, seed, index)).then((o) => port.postMessage(o));
});
process.on('exit', removeTempDir);
