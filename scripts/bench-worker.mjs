// The analysis worker's start-up, and what the spare process saves (issue 20 moved jobs from worker threads to child
// processes). Rounds alternate: a job on a cold service (the process is started when the job is asked for) and a job
// on a warm one (the spare was started ahead, as the extension does at activation and after every job). The job is a
// 2-queue spread of no flows, so the time is start-up plus one round trip. Also in the same run: a worker thread
// loading the same bundle, the cost issue 20's change replaced. Usage: npm run -s package && node scripts/bench-worker.mjs [ROUNDS]
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const { AnalysisService } = require(path.join(root, 'out/src/extension/worker/analysisService.js'));
const script = path.join(root, 'dist/analysisWorker.js');
const rounds = Number(process.argv[2] ?? 15);
const request = { kind: 'spread', flows: [], preset: 'linux-tx', presetOptions: {}, model: 'A', maxQueues: 2 };
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function timed(service) {
  const t0 = performance.now();
  await service.run(request).result;
  return performance.now() - t0;
}

/** A worker thread loading the bundle until it can take a message (it exits: no parentPort protocol now). */
function threadLoad() {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const w = new Worker(`require(${JSON.stringify(script)}); require('node:worker_threads').parentPort.postMessage('up');`, { eval: true });
    w.once('message', () => { const t = performance.now() - t0; void w.terminate(); resolve(t); });
    w.once('error', () => resolve(NaN));
  });
}

const cold = [];
const warm = [];
const thread = [];
for (let i = 0; i < rounds; i++) {
  const c = new AnalysisService(script);
  cold.push(await timed(c));
  c.dispose();
  const w = new AnalysisService(script);
  w.warm();
  await sleep(400); // the spare has loaded (idle time in the editor)
  warm.push(await timed(w));
  w.dispose();
  thread.push(await threadLoad());
}
const f = (x) => `${x.toFixed(1)} ms`;
console.log(`rounds ${rounds} (medians; ${process.version}, ${process.platform})`);
console.log(`  job on a cold service (process started on demand): ${f(median(cold))}`);
console.log(`  job with the spare process started ahead:          ${f(median(warm))}`);
console.log(`  ratio warm / cold:                                 ${(median(warm) / median(cold)).toFixed(2)}×`);
console.log(`  a worker thread loading the same bundle (before):  ${f(median(thread))}`);
