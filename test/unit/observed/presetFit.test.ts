// An exact preset against a run's per-queue counters (observed/presetFit.ts) on the six real runs of
// test/fixtures/measured-queues, whose truth (per-port htb classes → truth.json) is independent of the qdisc counters.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { observeRun, ObservedRunJson } from '../../../src/core/analysis/observed/observeRun';
import { checkPresetQueues, runPresetFit, RunPresetFit } from '../../../src/core/analysis/observed/presetFit';
import { sweep } from '../../../src/core/analysis/sweep/sweep';
import { loadSweepFolderWithCaptures } from '../../../src/core/analysis/sweep/sweepLoader';
import { compilePreset, parseFlow } from '../../../src/core/hashing';
import { parseIperfLog } from '../../../src/core/iperf';
import { fixturesDir } from '../../helpers/paths';
import { runCli } from '../sweep/helpers';

const root = path.join(fixturesDir, 'measured-queues');
const RUNS = ['q2-k8-t1', 'q3-k8-t1', 'q4-k8-t1', 'q5-k8-t1', 'q6-k8-t1', 'q8-k8-t1'];
const EXACT = ['windows-pv-8.1', 'nic-rss-toeplitz', 'windows-pv-8.2-rss', 'aws-ena-fixed-key'] as const;

interface Truth { queues: number; busyQueues: number; portQueue: Record<string, number> }
const truthOf = (run: string): Truth => JSON.parse(fs.readFileSync(path.join(root, run, 'truth.json'), 'utf8')) as Truth;

/** Each logged stream's sender → receiver tuple, read from the iperf3 log (not from the capture the fit uses). */
function logTuples(run: string): Map<number, { proto: 'tcp' | 'udp'; src: { ip: string; port: number }; dst: { ip: string; port: number } }> {
  const log = parseIperfLog(fs.readFileSync(path.join(root, run, 'client.json'), 'utf8'), 'client.json');
  const test = log.tests.find((t) => t.streams.length > 0)!;
  return new Map(test.streams.map((s) => [s.local!.port, { proto: test.protocol, src: s.local!, dst: s.remote! }]));
}

const observed = new Map<string, Promise<ObservedRunJson>>();
const observe = (run: string): Promise<ObservedRunJson> => {
  let o = observed.get(run);
  if (!o) observed.set(run, (o = observeRun({}, path.join(root, run))));
  return o;
};

describe('an exact preset against the counters of a real run', () => {
  for (const run of RUNS) {
    it(`${run}: the ground truth itself fits the counters (no false "does not fit")`, async () => {
      const o = await observe(run);
      const t = truthOf(run);
      const modelled = Object.entries(t.portQueue).map(([port, queue]) => ({ port: Number(port), queue }));
      const c = checkPresetQueues('truth', t.queues, modelled, { busyQueues: o.busyQueues, streams: o.streams.map((s) => ({ port: s.localPort, queue: s.queue, candidates: s.candidates })) });
      assert.equal(c.fits, true, c.reason);
      assert.deepEqual(c.ruledOut, []);
      assert.equal(c.occupied, t.busyQueues);
    });

    for (const preset of EXACT) {
      it(`${run} under ${preset}: each stream's modelled queue (hashed from the log's tuple) is ruled out exactly where it is not the truth`, async () => {
        const o = await observe(run);
        const t = truthOf(run);
        const fit = runPresetFit(o, preset) as RunPresetFit;
        assert.ok(fit, 'an exact preset is checked');
        assert.equal(fit.queues, t.queues);
        assert.equal(fit.busyQueues, t.busyQueues);
        const compiled = compilePreset(preset, t.queues);
        const tuples = logTuples(run);
        assert.equal(fit.streams.length, 8);
        const occupied = new Set<number>();
        for (const s of fit.streams) {
          const q = compiled.flowQueue!(parseFlow(tuples.get(s.localPort)!)).queue;
          assert.equal(s.queue, q, `port ${s.localPort}: the capture's tuple and the log's hash alike`);
          // the capture's wire bytes place every stream on these runs, so "allowed" is "the truth"
          assert.equal(s.allowed, q === t.portQueue[String(s.localPort)], `port ${s.localPort}`);
          occupied.add(q);
        }
        assert.equal(fit.occupied, occupied.size);
        const wrong = fit.streams.filter((s) => !s.allowed);
        assert.equal(fit.fits, occupied.size === t.busyQueues && wrong.length === 0);
        if (!fit.fits) {
          assert.ok(fit.text.startsWith(`Preset ${preset} does not fit this run: `), fit.text);
          if (occupied.size !== t.busyQueues) assert.match(fit.text, new RegExp(`on ${occupied.size} of ${t.queues} queues, the counters show ${t.busyQueues} busy`));
          if (wrong.length > 0) {
            assert.match(fit.text, new RegExp(`${wrong.length} of 8 streams on a queue the counters rule out: port ${wrong[0].localPort} on q${wrong[0].queue} \\(counters: q${t.portQueue[String(wrong[0].localPort)]}\\)`));
          }
        }
      });
    }
  }

  it('windows-pv-8.1 fits none of the six runs; at 2 queues it even gets the busy-queue count right and is caught by two streams', async () => {
    const fits = await Promise.all(RUNS.map(async (r) => runPresetFit(await observe(r), 'windows-pv-8.1')!));
    assert.deepEqual(fits.map((f) => f.fits), [false, false, false, false, false, false]);
    assert.equal(fits[0].text, 'Preset windows-pv-8.1 does not fit this run: 2 of 8 streams on a queue the counters rule out: port 41003 on q0 (counters: q1), port 41007 on q0 (counters: q1).');
  });

  it('an exact preset that does fit: nic-rss-toeplitz with an indirection table sending each stream’s bucket to its true queue', async () => {
    // no shipped preset fits these runs (the kernel picked each socket's queue at random); a NIC programmed with
    // this table would have put every stream where the htb classes saw it, so the check must say it fits
    for (const run of RUNS) {
      const o = await observe(run);
      const t = truthOf(run);
      const table = Array.from({ length: 128 }, (_, i) => i % t.queues);
      const plain = compilePreset('nic-rss-toeplitz', t.queues, { table });
      const bucket = new Map<number, number>();
      for (const [port, tuple] of logTuples(run)) {
        const b = (plain.flowQueue!(parseFlow(tuple)).hash >>> 0) & 127;
        assert.ok(!bucket.has(b) || bucket.get(b) === t.portQueue[String(port)], `${run}: two streams of different queues share bucket ${b}`);
        bucket.set(b, t.portQueue[String(port)]);
      }
      for (const [b, q] of bucket) table[b] = q;
      const fit = runPresetFit(o, 'nic-rss-toeplitz', { table })!;
      assert.equal(fit.fits, true, `${run}: ${fit.reason}`);
      assert.equal(fit.reason, undefined);
      assert.ok(fit.streams.every((s) => s.allowed && s.queue === t.portQueue[String(s.localPort)]));
      assert.equal(fit.text, `Preset nic-rss-toeplitz fits this run: at ${t.queues} queues it puts the 8 streams on ${t.busyQueues} ` +
        `(the counters show ${t.busyQueues} busy), and each on a queue the counters allow. Its queues are still the model's answer.`);
      // one bucket moved to another queue: caught, and the stream named
      const [b0, q0] = [...bucket][0];
      const moved = (q0 + 1) % t.queues;
      const off = runPresetFit(o, 'nic-rss-toeplitz', { table: table.map((q, i) => (i === b0 ? moved : q)) })!;
      assert.equal(off.fits, false);
      const port = fit.streams.find((s) => s.queue === q0 && off.streams.find((x) => x.localPort === s.localPort)?.queue === moved)!.localPort;
      assert.match(off.text, new RegExp(`port ${port} on q${moved} \\(counters: q${q0}\\)`));
    }
  });

  it('a model preset predicts no queue per stream: nothing is checked', async () => {
    const o = await observe('q5-k8-t1');
    for (const p of ['linux-tx', 'linux-netfront', 'linux-3.16-netfront'] as const) assert.equal(runPresetFit(o, p), undefined, p);
    // a seed makes the 3.16 hash exact: then it is checked
    assert.ok(runPresetFit(o, 'linux-3.16-netfront', { seed: 1 }));
  });

  it('from the log alone the counters leave streams open: a modelled queue among the candidates is not held against the preset', async () => {
    const dir = path.join(root, 'q5-k8-t1');
    const o = await observeRun({ log: path.join(dir, 'client.json'), counters: { after: path.join(dir, 'qdisc-after.txt'), before: path.join(dir, 'qdisc-before.txt') } }, undefined);
    assert.equal(o.bytesSource, 'log');
    assert.ok(o.streams.some((s) => s.queue === null), 'some streams undetermined from the log');
    const fit = runPresetFit(o, 'windows-pv-8.1')!;
    for (const s of fit.streams) {
      const st = o.streams.find((x) => x.localPort === s.localPort)!;
      assert.equal(s.allowed, st.candidates.includes(s.queue), `port ${s.localPort}`);
    }
  });

  it('the sweep uses the same check: each run’s presetCheck equals the run’s own fit', async () => {
    const report = sweep((await loadSweepFolderWithCaptures(root)).runs, { preset: 'nic-rss-toeplitz' });
    assert.equal(report.runs.length, 6);
    for (const r of report.runs) {
      const run = path.dirname(r.name);
      const fit = runPresetFit(await observe(run), 'nic-rss-toeplitz')!;
      assert.deepEqual(r.presetCheck, { preset: fit.preset, occupied: fit.occupied, loads: fit.loads, fits: fit.fits, ...(fit.reason ? { reason: fit.reason } : {}) }, run);
    }
  });
});

describe('queue-lens observed --preset', () => {
  it('--json carries presetFit, the text output its sentence; a model preset says it checks nothing', async () => {
    const dir = path.join(root, 'q5-k8-t1');
    const j = await runCli(['observed', dir, '--preset', 'windows-pv-8.1', '--json']);
    assert.equal(j.code, 0, j.err);
    const json = JSON.parse(j.out) as ObservedRunJson & { presetFit: RunPresetFit };
    assert.deepEqual(json.presetFit, runPresetFit(await observe('q5-k8-t1'), 'windows-pv-8.1'));
    assert.equal(json.presetFit.fits, false);
    const t = await runCli(['observed', dir, '--preset', 'windows-pv-8.1']);
    assert.ok(t.out.split('\n').includes(json.presetFit.text), t.out);
    const m = await runCli(['observed', dir, '--preset', 'linux-tx', '--json']);
    assert.equal((JSON.parse(m.out) as { presetFit?: unknown }).presetFit, undefined);
    const mt = await runCli(['observed', dir, '--preset', 'linux-tx']);
    assert.match(mt.out, /preset linux-tx is a model \(no fixed queue per stream\): nothing to check against the counters\./);
    assert.doesNotMatch(mt.out, /fits? this run/);
  });

  it('usage errors: an unknown preset, --key without a preset', async () => {
    const dir = path.join(root, 'q5-k8-t1');
    const a = await runCli(['observed', dir, '--preset', 'no-such']);
    assert.equal(a.code, 1);
    assert.match(a.err, /unknown preset 'no-such'/);
    const b = await runCli(['observed', dir, '--key', '6d5a']);
    assert.equal(b.code, 1);
    assert.match(b.err, /--key and --seed need --preset/);
  });
});
