// Counter snapshots beside runs are the runs' observed spread (never runs); measured first, model second.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { sweep } from '../../../src/core/analysis/sweep/sweep';
import { loadSweepFolder, loadSweepFolderWithCaptures } from '../../../src/core/analysis/sweep/sweepLoader';
import { fixturesDir } from '../../helpers/paths';
import { runCli, sampleDir } from './helpers';

const measuredDir = path.join(fixturesDir, 'measured-queues');
interface Truth { queues: number; busyQueues: number; portQueue: Record<string, number> }
const truthOf = (run: string): Truth => JSON.parse(fs.readFileSync(path.join(measuredDir, run, 'truth.json'), 'utf8')) as Truth;
const countsOf = (t: Truth): number[] => {
  const c = new Array<number>(t.queues).fill(0);
  for (const q of Object.values(t.portQueue)) c[q]++;
  return c;
};

describe('sweep with counters: measured-queues (run folders with log, capture and qdisc snapshots)', () => {
  it('each run folder is one run whose spread is observed from its counters, equal to the truth', async () => {
    const loaded = await loadSweepFolderWithCaptures(measuredDir);
    assert.equal(loaded.runs.length, 6);
    assert.deepEqual(loaded.warnings, ['versions.txt: no queue count in the name (e.g. queues-5.log, q5-t2.json); skipped']);
    const report = sweep(loaded.runs);
    for (const r of report.runs) {
      const t = truthOf(path.dirname(r.name));
      assert.equal(r.spread?.source, 'observed', r.name);
      assert.equal(r.spread?.counters?.source, 'tc-qdisc');
      assert.equal(r.spread?.counters?.bytesFrom, 'capture');
      assert.equal(r.spread?.occupied, t.busyQueues, r.name);
      assert.deepEqual(r.spread?.loads, countsOf(t), r.name);
      for (const s of r.spread?.streamQueues ?? []) assert.equal(s.queue, t.portQueue[String(s.port)]);
    }
    assert.match(report.sentences[0], /^Measured by the per-queue counters beside 6 runs: busy queues at 2: 2; at 3: 3; at 4: 2; at 5: 4; at 6: 3; at 8: 6\.$/);
    // the dips are explained by what was measured before any model odds
    const dip4 = report.dips.find((d) => d.n === 4);
    assert.ok(dip4);
    assert.match(dip4.sentence, /^Measured: busy queues 2 at 4 against 3 at 3 — the streams used fewer queues/);
  });

  it('from the logs alone (the sync loader): busy queues exact, streams per queue only where the bytes tell', () => {
    const report = sweep(loadSweepFolder(measuredDir).runs);
    for (const r of report.runs) {
      const t = truthOf(path.dirname(r.name));
      assert.equal(r.spread?.occupied, t.busyQueues);
      assert.equal(r.spread?.counters?.bytesFrom, 'log');
      if (r.spread?.loads) assert.deepEqual(r.spread.loads, countsOf(t));
      r.spread?.counters?.streamsPerQueue.forEach((c, q) => { if (c !== null) assert.equal(c, countsOf(t)[q]); });
    }
  });

  it('an exact preset that contradicts the counters is flagged as not fitting, not told as what the kernel did', async () => {
    const report = sweep((await loadSweepFolderWithCaptures(measuredDir)).runs, { preset: 'windows-pv-8.1' });
    assert.ok(report.presetFit);
    assert.equal(report.presetFit.fits, false);
    assert.equal(report.presetFit.runs, 6);
    const bad = report.runs.filter((r) => r.presetCheck && !r.presetCheck.fits);
    assert.equal(bad.length, report.presetFit.contradicted);
    assert.ok(bad.length > 0);
    for (const r of report.runs) {
      assert.equal(r.spread?.source, 'observed', 'the counters, not the preset, give the spread');
      assert.equal(r.presetCheck?.fits, r.presetCheck?.occupied === r.spread?.occupied && r.presetCheck?.reason === undefined);
    }
    const s = report.sentences.find((x) => x.startsWith('The preset windows-pv-8.1 does not fit'));
    assert.ok(s, report.sentences.join('\n'));
    assert.ok(report.sentences.indexOf(s) < report.sentences.findIndex((x) => /runs of 8 streams/.test(x)));
    // a model preset has nothing exact to check
    assert.equal(sweep(loadSweepFolder(measuredDir).runs, { preset: 'linux-tx' }).presetFit, undefined);
  });

  it('--json: runs[].spread.source "observed" with occupied, loads and the counters', async () => {
    const r = await runCli(['sweep', measuredDir, '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { runs: Array<{ spread: { source: string; occupied: number; loads: number[]; counters: { busyQueues: number; streamsPerQueue: number[] } } }> };
    for (const run of j.runs) {
      assert.equal(run.spread.source, 'observed');
      assert.equal(run.spread.occupied, run.spread.counters.busyQueues);
      assert.deepEqual(run.spread.loads, run.spread.counters.streamsPerQueue);
    }
  });
});

describe('sweep with counters: tc -s class dumps saved beside each log (the issue\'s folder)', () => {
  // the sample experiment's logs with each run's `tc -s class show` after the run as q<n>-t<trial>.tc.txt
  // beside the log, and no manifest: the counters are the only record of the spread
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-tc-beside-'));
  for (const f of fs.readdirSync(sampleDir).filter((x) => x.endsWith('.iperf.log'))) {
    fs.copyFileSync(path.join(sampleDir, f), path.join(dir, f));
    fs.copyFileSync(path.join(sampleDir, 'tc', f.replace('.iperf.log', '.after.txt')), path.join(dir, f.replace('.iperf.log', '.tc.txt')));
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(sampleDir, 'manifest.json'), 'utf8')) as { runs: Array<{ log: string; queues: number; portQueue: Record<string, number> }> };

  it('reads 24 runs, none of them a counter file, and no "no streams in the log"', () => {
    const loaded = loadSweepFolder(dir);
    assert.equal(loaded.runs.length, 24);
    assert.ok(loaded.runs.every((r) => r.name.endsWith('.iperf.log')));
    const report = sweep(loaded.runs, { preset: 'linux-tx' });
    assert.ok(![...loaded.warnings, ...report.warnings].some((w) => /no streams|not an iperf log/.test(w)), [...loaded.warnings, ...report.warnings].join('\n'));
  });

  it('busy queues of every multi-queue run equal the recorded port map\'s, and stated streams agree with it', () => {
    const report = sweep(loadSweepFolder(dir).runs, { preset: 'linux-tx' });
    for (const r of report.runs.filter((x) => x.queues > 1)) {
      const m = manifest.runs.find((x) => x.log === r.name)!;
      const loads = new Array<number>(m.queues).fill(0);
      for (const q of Object.values(m.portQueue)) loads[q]++;
      assert.equal(r.spread?.source, 'observed', r.name);
      assert.equal(r.spread?.counters?.source, 'tc-class');
      assert.equal(r.spread?.occupied, loads.filter((l) => l > 0).length, r.name);
      if (r.spread?.loads) assert.deepEqual(r.spread.loads, loads, r.name);
      for (const s of r.spread?.streamQueues ?? []) assert.equal(s.queue, m.portQueue[String(s.port)], `${r.name} port ${s.port}`);
    }
    assert.match(report.sentences[0], /^Measured by the per-queue counters beside 21 runs: busy queues at 2: 2, 2, 2; at 3: 3, 3, 3; at 4: 3, 4, 4; at 5: 4, 4, 5; at 6: 5, 5, 5; at 7: 5, 6, 5; at 8: 5, 5, 6\.$/);
    assert.ok(report.sentences.includes('At 8 queues no run used all 8: they used 5, 5, 6 (measured). The streams landed on fewer queues than there were, and the throughput follows the busy queues, not n.'));
  });
});
