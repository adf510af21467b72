// The run view's model on recorded folders: read by run.json, its observed part the CLI's, its --interval series
// consistent with the counters it came from, and the view's labels measured/modelled.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readCounterFiles } from '../../../src/core/runs/counterFiles';
import { runReport } from '../../../src/core/runs/runReport';
import { runView } from '../../../src/extension/views/runView';
import { fixturesDir, repoRoot } from '../../helpers/paths';
import { runCli } from '../sweep/helpers';

const INTERVAL = path.join(fixturesDir, 'recorded-interval', 'run');
const RECORDED = path.join(repoRoot, 'samples', 'recorded', 'iperf3-p8-q4');
const manifest = JSON.parse(fs.readFileSync(path.join(INTERVAL, 'run.json'), 'utf8')) as { device: string; command: string[] };

describe('run report', () => {
  it('a run recorded with --interval: read by run.json; the rate series adds up to the counters’ after − before on every queue', async () => {
    const r = await runReport(INTERVAL);
    assert.equal(r.recorded?.device, manifest.device);
    assert.equal(r.log?.file, 'command.log');
    assert.equal(r.log?.side, 'client');
    assert.equal(r.counters?.source, 'tc-qdisc');
    const s = r.series!;
    assert.equal(s.queues, 4);
    const delta = readCounterFiles({ after: path.join(INTERVAL, 'counters/qdisc-after.txt'), before: path.join(INTERVAL, 'counters/qdisc-before.txt') }).delta;
    const t = [0, ...s.t];
    for (let q = 0; q < 4; q++) {
      const bytes = s.bitsPerSecond[q].reduce((a: number, v, i) => a + ((v ?? 0) * (t[i + 1] - t[i])) / 8, 0);
      assert.ok(Math.abs(bytes - delta.tx[q].bytes!) <= 1, `q${q}: ${bytes} against ${delta.tx[q].bytes}`);
    }
  });

  it('the observed part is `queue-lens observed DIR --json`, for a recorded folder and a hand-made one', async () => {
    for (const dir of [RECORDED, INTERVAL, path.join(fixturesDir, 'measured-queues', 'q5-k8-t1')]) {
      const r = await runReport(dir);
      const cli = await runCli(['observed', dir, '--json']);
      assert.equal(cli.code, 0, cli.err);
      assert.deepEqual(JSON.parse(JSON.stringify(r.observed)), JSON.parse(cli.out), dir);
    }
  });

  it('the view labels every figure measured or modelled and quotes the command as run', async () => {
    const v = runView(await runReport(INTERVAL));
    // plain words: the quoted line is the words joined by spaces
    assert.equal(v.recording[0].value, manifest.command.join(' '));
    assert.match(v.trace, /^trace recorded: trace\.txt/);
    assert.equal(v.observedBy, 'trace');
    assert.match(v.modelCheck!.text, /^linux-tx \(modelled; .*: 16 of 16 traced flow\/queue\/CPU rows agree/);
    assert.ok(v.modelCheck!.rows.every((x) => x.agrees));
    assert.match(v.log.find((l) => l.label.startsWith('throughput'))!.label, /measured/);
    assert.deepEqual(v.series?.queues.map((q) => q.label), ['q0', 'q1', 'q2', 'q3']);
    assert.equal(v.counters?.sides[0].busy, 4);
  });
});
