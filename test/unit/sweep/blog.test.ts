// A hand-made folder of the blog's shape (iperf 2.0.5, 8 threads, 1..8 queues, a dip at five): the dip is found,
// put in a sentence and given the model's probability.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { blipProbability } from '../../../src/core/analysis/odds/blip';
import { presetWeights } from '../../../src/core/analysis/odds/presets';
import { sweep } from '../../../src/core/analysis/sweep/sweep';
import { loadSweepFolder } from '../../../src/core/analysis/sweep/sweepLoader';
import { compareDistributions } from '../../../src/core/analysis/odds/blip';
import { throughputDistribution } from '../../../src/core/analysis/odds/throughput';
import { meanOfDraws } from '../../../src/core/analysis/sweep/sweepStats';
import { compilePreset, parseFlow } from '../../../src/core/hashing';
import { BLOG_GBPS, blogFolder, iperf205Log, sumRowBps } from './helpers';

describe('sweep: the blog\'s five-queue dip', () => {
  const dir = blogFolder({ 'notes.txt': 'not a log\n', 'README.md': '# runs\n' });
  const loaded = loadSweepFolder(dir);

  it('takes queue counts from the file names and skips files without one', () => {
    assert.equal(loaded.manifest, false);
    assert.deepEqual(loaded.runs.map((r) => r.queues).sort(), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(loaded.warnings, ['notes.txt: no queue count in the name (e.g. queues-5.log, q5-t2.json); skipped']);
  });

  for (const preset of ['uniform', 'linux-3.16-netfront'] as const) {
    for (const model of ['A', 'B'] as const) {
      it(`finds the dip at 5 and gives its probability (${preset}, model ${model})`, () => {
        const r = sweep(loaded.runs, { preset, model });
        assert.equal(r.dips.length, 1);
        const d = r.dips[0];
        assert.equal(d.n, 5);
        const bps = (n: number): number => sumRowBps(iperf205Log(BLOG_GBPS[n]));
        assert.ok(Math.abs(d.meanBps - bps(5)) < 10 && Math.abs(d.previousMeanBps - bps(4)) < 10);
        assert.ok(Math.abs(d.drop - (bps(4) - bps(5)) / bps(4)) < 1e-9);
        const blip = blipProbability(model, 8, 5, presetWeights(preset));
        assert.equal(d.pSlower, blip.pSlower);
        assert.equal(d.pSame, blip.pSame);
        // one run each side: the mean of one run is the run
        assert.ok(Math.abs(d.pMeanSlower - d.pSlower) < 1e-12);
        assert.ok(d.pSlower > 0.05 && d.pSlower < 0.5, String(d.pSlower));
        assert.match(d.sentence, /^Dip at 5 queues: one run gave 3\d\.\d\d Gbit\/s, 1\d\.\d % below one run at 4 queues \(38\.\d\d Gbit\/s\)\./);
        assert.ok(d.sentence.includes(`probability ${d.pSlower.toFixed(3)}`), d.sentence);
        assert.ok(d.sentence.includes('an uneven spread of the streams explains it'));
        assert.ok(r.sentences.includes(d.sentence));
        // the dip run sits low in its own distribution
        const five = r.runs.find((x) => x.queues === 5)!;
        assert.ok(five.percentile < 0.35, String(five.percentile));
      });
    }
  }

  it("the curve is c × spec §7.3's E[T]/c and P(balanced) is §7.2's (8 flows, uniform)", () => {
    const a = sweep(loaded.runs, { preset: 'uniform', model: 'A', capacityBps: 1e9 });
    const b = sweep(loaded.runs, { preset: 'uniform', model: 'B', capacityBps: 1e9 });
    const specA = [1.0, 1.9922, 2.8829, 3.5995, 4.1611, 4.6046, 4.9605, 5.2511];
    const specB = [1.0, 1.6178, 2.0479, 2.3702, 2.6728, 2.9228, 3.1186, 3.28];
    for (let i = 0; i < 8; i++) {
      assert.ok(Math.abs(a.points[i].expectedBps / 1e9 - specA[i]) < 5e-5, `A n=${i + 1}`);
      assert.ok(Math.abs(b.points[i].expectedBps / 1e9 - specB[i]) < 5e-5, `B n=${i + 1}`);
    }
    assert.ok(Math.abs(a.points[4].pBalanced - 504 / 3125) < 1e-12);
    // the expected curve itself has no dip at five (spec §7.3): the dip is a draw, not the mean
    assert.ok(a.points[4].expectedBps > a.points[3].expectedBps && b.points[4].expectedBps > b.points[3].expectedBps);
  });

  it('with several trials the dip of the mean is rarer than one run\'s, and the sentence says so', () => {
    const many = blogFolder();
    for (const n of [4, 5]) {
      fs.renameSync(path.join(many, `queues-${n}.log`), path.join(many, `q${n}-t1.log`));
      fs.writeFileSync(path.join(many, `q${n}-t2.log`), iperf205Log(BLOG_GBPS[n] - 0.5));
    }
    const l = loadSweepFolder(many);
    assert.deepEqual(l.runs.filter((x) => x.queues === 5).map((x) => x.trial), [1, 2]);
    const r = sweep(l.runs, { model: 'A' });
    const d = r.dips[0];
    assert.equal(d.trials, 2);
    assert.equal(d.previousTrials, 2);
    const w = presetWeights('uniform');
    const expected = compareDistributions(
      meanOfDraws(throughputDistribution('A', 8, w(5)), 2),
      meanOfDraws(throughputDistribution('A', 8, w(4)), 2),
    ).less;
    assert.ok(Math.abs(d.pMeanSlower - expected) < 1e-12);
    assert.ok(d.pMeanSlower < d.pSlower);
    assert.match(d.sentence, /the mean of 2 runs gave .* For 2 runs at 5 against 2 at 4, a lower mean has probability 0\.\d{3}\./);
  });

  it('an exact preset gives each run\'s spread from the logged 4-tuples', () => {
    const r = sweep(loaded.runs, { preset: 'windows-pv-8.1', model: 'A' });
    for (const run of r.runs) {
      assert.ok(run.spread, run.name);
      assert.equal(run.spread.source, 'preset');
      const c = compilePreset('windows-pv-8.1', run.queues);
      for (const s of run.spread.streamQueues) {
        const q = c.flowQueue!(parseFlow({ proto: 'tcp', src: { ip: '192.168.20.1', port: s.port! }, dst: { ip: '192.168.20.2', port: 5001 } })).queue;
        assert.equal(s.queue, q);
      }
      assert.equal(run.spread.loads?.reduce((a, b) => a + b, 0), 8);
    }
    // a model preset without a seed has no per-run spread
    assert.ok(sweep(loaded.runs, { preset: 'linux-tx' }).runs.every((x) => x.spread === undefined));
  });

  it('a given capacity is used as is, and the curve scales with it', () => {
    const r = sweep(loaded.runs, { capacityBps: 6e9, model: 'A' });
    assert.equal(r.capacity.bps, 6e9);
    assert.equal(r.capacity.fitted, false);
    assert.equal(r.points[0].expectedBps, 6e9);
    assert.ok(Math.abs(r.points[7].expectedBps - 6e9 * throughputDistribution('A', 8, presetWeights('uniform')(8)).reduce((s, e) => s + e.value * e.p, 0)) < 1);
  });
});
