// An exact preset against a sweep's measured throughput where no counters say which queues were busy: the sample
// experiment's iperf3 logs alone (each queue capped at 40 Mbit/s by its own htb class). Its counters, read in the
// full sample, are the check: the throughput must never contradict a preset on a run where the counters show no
// more busy queues than the preset gives.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { sweep } from '../../../src/core/analysis/sweep/sweep';
import { loadSweepFolder } from '../../../src/core/analysis/sweep/sweepLoader';
import { sweepView } from '../../../src/extension/views/sweepView';
import { sampleDir } from './helpers';

function logsOnly(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-logs-only-'));
  for (const f of fs.readdirSync(sampleDir).filter((f) => f.endsWith('.iperf.log'))) fs.copyFileSync(path.join(sampleDir, f), path.join(dir, f));
  return dir;
}

describe('preset fit from the measured throughput (no counters)', () => {
  const dir = logsOnly();
  const measuredBusy = new Map(sweep(loadSweepFolder(sampleDir).runs).runs.map((r) => [r.name, r.spread?.occupied]));

  it('nic-rss-toeplitz puts 8 consecutive ports on 2 of 4 queues; runs that moved 3 or 4 queues’ worth contradict it', () => {
    const report = sweep(loadSweepFolder(dir).runs, { preset: 'nic-rss-toeplitz' });
    assert.equal(report.runs.some((r) => r.spread?.source === 'observed'), false, 'no counters in the logs-only folder');
    const fit = report.presetFit;
    assert.ok(fit);
    assert.equal(fit.by, 'throughput');
    assert.equal(fit.fits, false);
    assert.equal(fit.runs, report.runs.filter((r) => r.queues >= 2).length);
    const bad = report.runs.filter((r) => r.presetCheck);
    assert.equal(fit.contradicted, bad.length);
    assert.ok(bad.length > 0);
    for (const r of bad) {
      const c = r.presetCheck!;
      assert.equal(c.fits, false);
      // the counters of the same run measured more busy queues than the preset gives it
      assert.ok((measuredBusy.get(r.name) ?? 0) > c.occupied, `${r.name}: counters ${measuredBusy.get(r.name)} busy, preset ${c.occupied}`);
      assert.ok(r.throughput.bitsPerSecond / 38.8e6 > c.occupied + 0.5);
    }
    const q4 = bad.find((r) => r.name === 'q4-t2.iperf.log');
    assert.match(q4?.presetCheck?.reason ?? '', /^it puts the 8 streams on 2 of 4 queues, but the run moved 153\.2 Mbit\/s, 4\.0× the one-queue runs' 38\.8 Mbit\/s \(measured\): more than 2 queues can carry$/);
    assert.ok(report.sentences.some((s) => s.startsWith(`The preset nic-rss-toeplitz does not fit these runs: in ${bad.length} of ${fit.runs} runs it contradicts the measured throughput`)));
    const view = sweepView({ title: 'logs', report, warnings: [] } as unknown as Parameters<typeof sweepView>[0]);
    assert.match(view.title, /preset nic-rss-toeplitz does not fit this run$/);
    assert.match(view.warnings[0], new RegExp(`^Preset nic-rss-toeplitz does not fit this run: the measured throughput contradicts it in ${bad.length} of ${fit.runs} runs`));
  });

  it('says nothing for a preset the throughputs allow (windows-pv-8.1 here) or for a model (linux-tx)', () => {
    assert.equal(sweep(loadSweepFolder(dir).runs, { preset: 'windows-pv-8.1' }).presetFit, undefined);
    assert.equal(sweep(loadSweepFolder(dir).runs, { preset: 'linux-tx' }).presetFit, undefined);
  });

  it('leaves the counters to speak where there are counters', () => {
    const report = sweep(loadSweepFolder(sampleDir).runs, { preset: 'nic-rss-toeplitz' });
    assert.notEqual(report.presetFit?.by, 'throughput');
  });
});
