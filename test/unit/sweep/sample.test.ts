// The committed real experiment (samples/experiment): what the sweep reads from it, checked against the files.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { sweep } from '../../../src/core/analysis/sweep/sweep';
import { loadSweepFolder } from '../../../src/core/analysis/sweep/sweepLoader';
import { binomialTwoSided } from '../../../src/core/analysis/sweep/sweepStats';
import { TRIAL_DIP_MIN_DROP } from '../../../src/core/analysis/sweep/sweepTrialDips';
import { sampleDir, sumRowBps } from './helpers';

interface ManifestRun { log: string; queues: number; trial: number; queueRateMbps: number; portQueue: Record<string, number>; movedPorts: number[] }
const manifest = JSON.parse(fs.readFileSync(path.join(sampleDir, 'manifest.json'), 'utf8')) as { runs: ManifestRun[]; streams: number };
const loaded = loadSweepFolder(sampleDir);
const report = sweep(loaded.runs, { preset: 'linux-tx', model: 'A' });

describe('sweep: the sample experiment (real runs)', () => {
  it('reads every run the manifest names: 8 queue counts × 3 trials of 8 streams', () => {
    assert.equal(loaded.manifest, true);
    assert.deepEqual(loaded.warnings, []);
    assert.equal(report.runs.length, 24);
    assert.equal(report.flows, 8);
    assert.deepEqual(report.points.map((p) => p.n), [1, 2, 3, 4, 5, 6, 7, 8]);
    for (const p of report.points) assert.equal(p.trials.length, 3, `n=${p.n}`);
    assert.deepEqual(report.runs.map((r) => [r.queues, r.trial]), manifest.runs.map((r) => [r.queues, r.trial]));
    assert.deepEqual(report.warnings, []);
  });

  it('each run is the [SUM] receiver row of its log, and each mean the mean of those', () => {
    for (const r of report.runs) {
      const bps = sumRowBps(fs.readFileSync(path.join(sampleDir, r.name), 'utf8'));
      assert.equal(r.throughput.source, 'sum-receiver');
      // the parser keeps whole bytes: a few bits/s of rounding
      assert.ok(Math.abs(r.throughput.bitsPerSecond - bps) < 10, `${r.name}: ${r.throughput.bitsPerSecond} vs ${bps}`);
    }
    for (const p of report.points) {
      const logs = manifest.runs.filter((r) => r.queues === p.n).map((r) => sumRowBps(fs.readFileSync(path.join(sampleDir, r.log), 'utf8')));
      const mean = logs.reduce((s, x) => s + x, 0) / logs.length;
      assert.ok(Math.abs((p.meanBps ?? NaN) - mean) < 10, `n=${p.n}`);
    }
    // the capped queues show: one queue ≈ 38-39 Mbit/s of the 40 Mbit/s wire rate, eight queues well below 8×
    assert.ok(report.points[0].meanBps! > 38e6 && report.points[0].meanBps! < 40e6);
    assert.ok(report.points[7].meanBps! < 6.5 * report.points[0].meanBps!);
  });

  it("each run's spread is the kernel's observed port → queue map, and its max load is the one the sweep uses", () => {
    for (const [i, r] of report.runs.entries()) {
      const m = manifest.runs[i];
      assert.deepEqual(m.movedPorts, [], `${m.log}: a stream changed queue mid-run`);
      const loads = new Array<number>(m.queues).fill(0);
      for (const q of Object.values(m.portQueue)) loads[q]++;
      assert.ok(r.spread, r.name);
      assert.equal(r.spread.source, 'observed');
      assert.deepEqual(r.spread.loads, loads, r.name);
      assert.equal(r.spread.maxLoad, Math.max(...loads));
      assert.equal(r.spread.occupied, loads.filter((l) => l > 0).length);
      for (const s of r.spread.streamQueues) assert.equal(s.queue, m.portQueue[String(s.port)]);
    }
  });

  it('model A with the observed spreads explains every run: throughput = c × queues used, within 3 %', () => {
    const fit = report.capacity.spreadFit;
    assert.ok(fit);
    assert.equal(fit.runs, 24);
    // c is what one htb-capped queue delivers as iperf goodput: a little under the 40 Mbit/s wire rate
    assert.ok(fit.bps > 36e6 && fit.bps < 40e6, String(fit.bps));
    for (const r of report.runs) {
      const rel = Math.abs(r.throughput.bitsPerSecond - fit.bps * r.spread!.occupied) / r.throughput.bitsPerSecond;
      assert.ok(rel < 0.03, `${r.name}: ${rel}`);
    }
    // where the same n gave different throughput, it is because the kernel used a different number of queues
    const q4 = report.runs.filter((r) => r.queues === 4);
    assert.deepEqual(q4.map((r) => r.spread!.occupied), [3, 4, 4]);
    assert.ok(q4[0].throughput.bitsPerSecond < 0.8 * q4[1].throughput.bitsPerSecond);
    // model B (slowest stream) does not describe htb-capped queues: it misses by far more
    const b = sweep(loaded.runs, { preset: 'linux-tx', model: 'B' });
    assert.ok(b.capacity.spreadFit!.rmseBps > 20 * fit.rmseBps);
  });

  it('the model band holds the measured means from 3 queues on; at 1 and 2 queues it is a single value', () => {
    for (const p of report.points.filter((x) => x.n >= 3)) assert.equal(p.meanInBand, true, `n=${p.n}`);
    // one queue: always c; two queues: all 8 streams on one queue has p = 2/256 < 10 %, so 10 % and 90 % are both 2c
    const c = report.capacity.bps;
    assert.deepEqual([report.points[0].lowBps, report.points[0].highBps], [c, c]);
    assert.deepEqual([report.points[1].lowBps, report.points[1].highBps], [2 * c, 2 * c]);
    // the fitted c (from the expected curve, not the spreads) sits above one queue's measured rate, so n = 1 falls outside
    assert.equal(report.points[0].meanInBand, false);
    for (const p of report.points) {
      assert.ok(p.lowBps <= p.highBps, `n=${p.n}`);
      for (const r of report.runs.filter((x) => x.queues === p.n)) assert.equal(r.inBand, r.throughput.bitsPerSecond >= p.lowBps * (1 - 1e-9) && r.throughput.bitsPerSecond <= p.highBps * (1 + 1e-9));
    }
  });

  it('has no dip (the means rise with every queue added) and says so', () => {
    const means = report.points.map((p) => p.meanBps!);
    for (let i = 1; i < means.length; i++) assert.ok(means[i] >= means[i - 1], `n=${i + 1}`);
    assert.deepEqual(report.dips, []);
    assert.match(report.sentences.join(' '), /No dip in the means/);
  });

  it('reads each trial as the blog read its one sweep: trial 2 dips at 8 queues, where its kernel used a queue fewer', () => {
    // Derived from the files: every trial's run at n that falls at least TRIAL_DIP_MIN_DROP below its run at n−1.
    const bpsOf = (log: string): number => sumRowBps(fs.readFileSync(path.join(sampleDir, log), 'utf8'));
    const expected: Array<[number, number]> = [];
    for (const r of manifest.runs) {
      const before = manifest.runs.find((b) => b.trial === r.trial && b.queues === r.queues - 1);
      if (before && (bpsOf(before.log) - bpsOf(r.log)) / bpsOf(before.log) >= TRIAL_DIP_MIN_DROP) expected.push([r.trial, r.queues]);
    }
    assert.deepEqual(report.trialDips.map((d) => [d.trial, d.n]), expected);
    assert.deepEqual(expected, [[2, 8]]);
    const d = report.trialDips[0];
    const used = (trial: number, n: number): number => new Set(Object.values(manifest.runs.find((r) => r.trial === trial && r.queues === n)!.portQueue)).size;
    assert.deepEqual(d.occupied, [used(2, 8), used(2, 7)]);
    assert.equal(d.pSlower, report.points[7].pSlowerThanPrevious);
    // per n: three trials step from n−1 to n; the falls are the dips found above, the expectation 3 × P(slower)
    for (const p of report.points.slice(1)) {
      const fell = expected.filter(([, n]) => n === p.n).length;
      assert.deepEqual(p.trialSteps, { steps: 3, fell, expected: 3 * p.pSlowerThanPrevious!, pValue: binomialTwoSided(fell, 3, p.pSlowerThanPrevious!) }, `n=${p.n}`);
    }
    assert.equal(report.points[0].trialSteps, undefined);
    assert.ok(report.sentences.includes(d.sentence));
    assert.match(d.sentence, /^Trial 2 alone.*dips at 8 queues: 191\.0 Mbit\/s, 16\.5 % below its 228\.7 Mbit\/s at 7\..*probability 0\.257 — an uneven spread/);
  });
});
