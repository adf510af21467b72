// How a sweep folder is read: queue counts from names, the manifest, quantiles and means of draws.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseSweepManifest, queueCountFromName } from '../../../src/core/analysis/sweep/sweepInput';
import { loadSweepFolder } from '../../../src/core/analysis/sweep/sweepLoader';
import { meanOfDraws, quantile } from '../../../src/core/analysis/sweep/sweepStats';
import { sweep } from '../../../src/core/analysis/sweep/sweep';
import { fixturesDir } from '../../helpers/paths';
import { iperf205Log, tempDir } from './helpers';

describe('sweep input', () => {
  it('reads the queue count and trial from common file names', () => {
    const cases: Array<[string, { queues: number; trial?: number } | undefined]> = [
      ['queues-5.log', { queues: 5 }],
      ['q5-t2.json', { queues: 5, trial: 2 }],
      ['q8-t3.iperf.log', { queues: 8, trial: 3 }],
      ['N5_t1.txt', { queues: 5, trial: 1 }],
      ['n12_trial3.txt', { queues: 12, trial: 3 }],
      ['run-2-queue-4.log', { queues: 4, trial: 2 }],
      ['5queues.log', { queues: 5 }],
      ['dir/queues_3.out', { queues: 3 }],
      ['iperf3-client.log', undefined],
      ['run-7.log', undefined],
      ['queues-0.log', undefined],
    ];
    for (const [name, want] of cases) assert.deepEqual(queueCountFromName(name), want, name);
  });

  it('checks the manifest entry by entry', () => {
    assert.deepEqual(parseSweepManifest({ runs: [{ log: 'a.log', queues: 2, trial: 1, portQueue: { 40000: 1 }, queueRateMbps: 40 }] }), [
      { log: 'a.log', queues: 2, trial: 1, portQueue: { 40000: 1 }, queueRateMbps: 40 },
    ]);
    assert.throws(() => parseSweepManifest([]), /"runs" array/);
    assert.throws(() => parseSweepManifest({ runs: [{ log: 'a.log', queues: 0 }] }), /runs\[0\]\.queues/);
    assert.throws(() => parseSweepManifest({ runs: [{ log: 'a.log', queues: 2 }, { queues: 2 }] }), /runs\[1\]\.log/);
    assert.throws(() => parseSweepManifest({ runs: [{ log: 'a.log', queues: 2, portQueue: { 40000: 2 } }] }), /queue of 0\.\.1/);
  });

  it('a manifest names the logs; a log it names that is missing is an error', () => {
    const dir = tempDir('queue-lens-manifest-');
    fs.writeFileSync(path.join(dir, 'first.txt'), iperf205Log(10));
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ runs: [{ log: 'first.txt', queues: 3, trial: 2, queueRateMbps: 100 }] }));
    const l = loadSweepFolder(dir);
    assert.equal(l.manifest, true);
    assert.equal(l.runs.length, 1);
    assert.deepEqual([l.runs[0].queues, l.runs[0].trial, l.runs[0].queueRateBps, l.runs[0].log.tool], [3, 2, 1e8, 'iperf2']);
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ runs: [{ log: 'gone.txt', queues: 3 }] }));
    assert.throws(() => loadSweepFolder(dir), /gone\.txt/);
    fs.writeFileSync(path.join(dir, 'manifest.json'), '{ nope');
    assert.throws(() => loadSweepFolder(dir), /manifest\.json/);
  });

  it('iperf3 JSON logs named q<n>-t<trial>.json are runs too (receiver sum)', () => {
    const dir = tempDir('queue-lens-json-');
    const json = fs.readFileSync(path.join(fixturesDir, 'iperf3-tcp8-json', 'client.out'), 'utf8');
    fs.writeFileSync(path.join(dir, 'q2-t1.json'), json);
    fs.writeFileSync(path.join(dir, 'q3-t1.json'), json);
    const l = loadSweepFolder(dir);
    assert.deepEqual(l.runs.map((r) => [r.queues, r.trial, r.log.format]), [[2, 1, 'json'], [3, 1, 'json']]);
    const r = sweep(l.runs);
    const end = (JSON.parse(json) as { end: { sum_received: { bytes: number; seconds: number } } }).end.sum_received;
    assert.equal(r.runs[0].throughput.source, 'sum-receiver');
    assert.ok(Math.abs(r.runs[0].throughput.bitsPerSecond - (end.bytes * 8) / end.seconds) < 1e-6 * r.runs[0].throughput.bitsPerSecond);
    // same log at 2 and 3 queues: equal means, so no dip
    assert.deepEqual(r.dips, []);
  });

  it('quantiles are the lower quantiles of a discrete distribution', () => {
    const d = [{ value: 1, p: 0.1 }, { value: 2, p: 0.5 }, { value: 3, p: 0.4 }];
    assert.equal(quantile(d, 0.05), 1);
    assert.equal(quantile(d, 0.1), 1);
    assert.equal(quantile(d, 0.11), 2);
    assert.equal(quantile(d, 0.6), 2);
    assert.equal(quantile(d, 0.9), 3);
    assert.throws(() => quantile(d, 0), RangeError);
  });

  it('the mean of t draws has the same mean and a narrower spread', () => {
    const d = [{ value: 0, p: 0.5 }, { value: 1, p: 0.5 }];
    assert.deepEqual(meanOfDraws(d, 2), [{ value: 0, p: 0.25 }, { value: 0.5, p: 0.5 }, { value: 1, p: 0.25 }]);
    const three = meanOfDraws(d, 3);
    assert.ok(Math.abs(three.reduce((s, e) => s + e.value * e.p, 0) - 0.5) < 1e-12);
    assert.ok(Math.abs(three.reduce((s, e) => s + e.p, 0) - 1) < 1e-12);
    assert.throws(() => meanOfDraws(d, 0), RangeError);
  });
});
