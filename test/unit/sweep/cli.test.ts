// queue-lens sweep / correlate: output, --json shape, exit codes.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { sweep } from '../../../src/core/analysis/sweep/sweep';
import { loadSweepFolder } from '../../../src/core/analysis/sweep/sweepLoader';
import { fixturesDir } from '../../helpers/paths';
import { blogFolder, runCli, sampleDir } from './helpers';

describe('queue-lens sweep', () => {
  it('prints the table, the spreads and the sentences for the sample', async () => {
    const r = await runCli(['sweep', sampleDir, '--preset', 'linux-tx']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assert.match(r.out, /24 runs \(manifest\.json\), 8 streams each, preset linux-tx, model A; rates in Mbit\/s/);
    assert.match(r.out, /^n +runs +mean +expected +10-90 % +in band +P\(balanced\) +P\(slower than n-1\) +trials fell: seen\/model, binomial p$/m);
    assert.match(r.out, /^q4-t1\.iperf\.log +4 +114\.9 +\[0 2 2 4\] +4 +3 +\d+\.\d +measured \(tc-class\)$/m);
    assert.match(r.out, /No dip/);
  });

  it('--json is the report the core computes, with the folder', async () => {
    const r = await runCli(['sweep', sampleDir, '--preset', 'linux-tx', '--model', 'b', '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    assert.deepEqual(Object.keys(j), ['dir', 'manifest', 'preset', 'model', 'flows', 'band', 'capacity', 'points', 'runs', 'dips', 'trialDips', 'sentences', 'warnings']);
    const core = sweep(loadSweepFolder(sampleDir).runs, { preset: 'linux-tx', model: 'B' });
    assert.deepEqual(JSON.parse(JSON.stringify(core.points)), j.points);
    assert.deepEqual(JSON.parse(JSON.stringify(core.trialDips)), j.trialDips);
    assert.deepEqual(core.sentences, j.sentences);
    assert.equal(j.model, 'B');
    assert.equal((j.runs as unknown[]).length, 24);
  });

  it('on the blog-shaped folder, names the dip at five', async () => {
    const r = await runCli(['sweep', blogFolder(), '--capacity', '5000']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /queue counts from file names/);
    assert.match(r.out, /per-queue capacity 5\.00 Gbit\/s as given/);
    assert.match(r.out, /^Dip at 5 queues: .* with probability 0\.\d{3} — an uneven spread of the streams explains it\.$/m);
  });

  it('exit codes: 1 for usage, 2 for a folder with nothing to read', async () => {
    assert.equal((await runCli(['sweep'])).code, 1);
    assert.equal((await runCli(['sweep', sampleDir, '--model', 'C'])).code, 1);
    assert.equal((await runCli(['sweep', sampleDir, '--preset', 'nope'])).code, 1);
    assert.equal((await runCli(['sweep', sampleDir, '--capacity', '-3'])).code, 1);
    assert.equal((await runCli(['sweep', sampleDir, '--seed', '7'])).code, 1);
    assert.equal((await runCli(['sweep', sampleDir, '--preset', 'windows-pv-8.1', '--seed', '7'])).code, 1);
    const missing = await runCli(['sweep', path.join(sampleDir, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /is not a folder/);
    const empty = await runCli(['sweep', path.join(sampleDir, 'tc')]);
    assert.equal(empty.code, 2);
    // tc's counter dumps are named like runs (q1-t1.after.txt) but hold no iperf streams
    assert.match(empty.err, /no run/);
    const help = await runCli(['sweep', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /manifest\.json/);
  });
});

describe('queue-lens correlate', () => {
  const dir = path.join(fixturesDir, 'iperf3-tcp8-json');
  const capture = path.join(dir, 'capture.pcapng');
  const log = path.join(dir, 'client.out');

  it('prints streams side by side and the flows left over', async () => {
    const r = await runCli(['correlate', capture, log]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^capture\.pcapng ↔ client\.out: 8 streams matched, 0 unmatched streams, 2 flows with no stream$/m);
    assert.match(r.out, /^5 +10\.201\.0\.1:41000 +10\.201\.0\.2:5201 +12582912 +50\.3 +\d+ +\d+\.\d +1\.00\d$/m);
    assert.match(r.out, /flows with no stream:\n {2}udp 10\.201\.0\.1:44944 - 10\.201\.0\.2:4789/);
  });

  it('--json has matched, unmatchedStreams and unmatchedFlows', async () => {
    const r = await runCli(['correlate', capture, log, '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { matched: Array<{ iperf: { bytes: number }; capture: { bytes: number } }>; unmatchedStreams: unknown[]; unmatchedFlows: unknown[]; captureFile: string; logFile: string };
    assert.deepEqual(Object.keys(j), ['matched', 'unmatchedStreams', 'unmatchedFlows', 'captureFile', 'logFile']);
    assert.equal(j.matched.length, 8);
    assert.ok(j.matched.every((m) => m.iperf.bytes === 12582912 && m.capture.bytes > m.iperf.bytes));
    assert.deepEqual([j.captureFile, j.logFile], ['capture.pcapng', 'client.out']);
  });

  it('exit codes: 1 for usage, 2 for unreadable input', async () => {
    assert.equal((await runCli(['correlate', capture])).code, 1);
    assert.equal((await runCli(['correlate', capture, log, '--bogus'])).code, 1);
    assert.equal((await runCli(['correlate', capture, path.join(dir, 'missing.out')])).code, 2);
    assert.equal((await runCli(['correlate', path.join(dir, 'missing.pcap'), log])).code, 2);
    assert.equal((await runCli(['correlate', log, log])).code, 2);
  });
});
