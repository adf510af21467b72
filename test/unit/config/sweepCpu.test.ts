// The sweep with a queue configuration beside each run: the six real measured-queues runs (tc counters), each given
// a config/ folder whose XPS masks put queue q on CPU q mod 2 (configured, as a 2-CPU machine would): the dips are
// then explained by CPUs where the busy CPUs fell, labelled modelled (masks are not where the work ran).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadSweepFolder } from '../../../src/core/analysis/sweep/sweepLoader';
import { sweep } from '../../../src/core/analysis/sweep/sweep';
import { fixturesDir } from '../../helpers/paths';
import { runCli } from '../sweep/helpers';

let dir = '';
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-sweepcpu-'));
  const src = path.join(fixturesDir, 'measured-queues');
  for (const run of fs.readdirSync(src).filter((d) => /^q\d+-k8-t1$/.test(d))) {
    fs.cpSync(path.join(src, run), path.join(dir, run), { recursive: true });
    const n = Number(/^q(\d+)/.exec(run)?.[1]);
    for (let q = 0; q < n; q++) {
      const d = path.join(dir, run, 'config', 'vA', 'queues', `tx-${q}`);
      fs.mkdirSync(d, { recursive: true });
      fs.writeFileSync(path.join(d, 'xps_cpus'), `${1 << (q % 2)}\n`);
    }
  }
});
after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

describe('a sweep with each run\'s queue configuration', () => {
  it('maps each run\'s busy queues to CPUs and explains the falls 3→4 (CPUs) and 5→6 (queues)', () => {
    const loaded = loadSweepFolder(dir);
    assert.equal(loaded.runs.filter((r) => r.config).length, 6);
    const r = sweep(loaded.runs);
    const q4 = r.runs.find((x) => x.queues === 4);
    // q4's counters: busy queues 1 and 3 (6 and 2 streams), both odd → CPU 1
    assert.deepEqual(q4?.queueCpu?.busyQueues, [1, 3]);
    assert.deepEqual(q4?.queueCpu?.sharedCpus, [{ cpu: 1, queues: [1, 3] }]);
    assert.equal(q4?.queueCpu?.cpuBasis, 'configured');
    assert.deepEqual(r.cpuSteps?.map((s) => [s.n, s.explanation.cause, s.explanation.basis]), [[4, 'cpus', 'modelled'], [6, 'queues', 'measured']]);
    assert.ok(r.sentences.some((s) => /^CPUs explain the fall from 3 to 4 queues: the busy queues ran on 1 CPU at 4 queues against 2 at 3 \(modelled\)\.$/.test(s)), r.sentences.join('\n'));
  });

  it('queue-lens sweep prints the explanation; without config folders nothing changes', async () => {
    const out = (await runCli(['sweep', dir])).out;
    assert.match(out, /Queues explain the fall from 5 to 6 queues: the streams used 3 queues at 6 against 4 at 5 \(measured\)/);
    const plain = (await runCli(['sweep', path.join(fixturesDir, 'measured-queues')])).out;
    assert.doesNotMatch(plain, /explain the fall/);
  });

  it('queue-lens observed RUN reads the run\'s config/ too: the queue count, and the busy queues on one CPU', async () => {
    const r = await runCli(['observed', path.join(dir, 'q4-k8-t1'), '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { queueConfig: { config: { effective: number }; queueCpu: { sharedCpus: unknown } } };
    assert.equal(j.queueConfig.config.effective, 4);
    assert.deepEqual(j.queueConfig.queueCpu.sharedCpus, [{ cpu: 1, queues: [1, 3] }]);
    assert.match((await runCli(['observed', path.join(dir, 'q4-k8-t1')])).out, /queue → CPU: CPU 1 served busy queues 1 and 3 \(configured/);
  });
});
