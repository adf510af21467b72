// record's traced CPU per queue feeding the queue → CPU analysis: `observed`, `config` and the sweep on recorded
// runs, each CPU checked against the trace file's own @wire lines (read here with a regex, not the trace reader).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { readTracedQueueCpus } from '../../../src/core/analysis/queueCpu/tracedCpus';
import { readRunManifestIn } from '../../../src/core/analysis/observed/fromTrace';
import { fixturesDir } from '../../helpers/paths';
import { runCli, tempDir } from '../sweep/helpers';

const RUNS = [path.join(fixturesDir, 'recorded', 'iperf3-p8-q4'), path.join(fixturesDir, 'recorded-interval', 'run')];

/** Per tx queue: its CPUs by wire bytes, largest first, straight from the trace text's @wire[...xmit...] lines. */
function expectedTx(dir: string): Map<number, number[]> {
  const text = fs.readFileSync(path.join(dir, 'trace.txt'), 'utf8');
  const sums = new Map<number, Map<number, number>>();
  for (const m of text.matchAll(/^@wire\[tracepoint:net:net_dev_start_xmit, (?:[^,\]]+, ){7}(\d+), (\d+)\]: (\d+)$/gm)) {
    const [q, cpu, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const per = sums.get(q) ?? new Map<number, number>();
    per.set(cpu, (per.get(cpu) ?? 0) + b);
    sums.set(q, per);
  }
  return new Map([...sums].map(([q, per]) => [q, [...per].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c)]));
}

describe('traced CPU per queue (record\'s tracer) in the queue → CPU analysis', () => {
  for (const dir of RUNS) {
    const name = path.relative(fixturesDir, dir);
    const expected = expectedTx(dir);

    it(`${name}: the reader's per-queue CPUs are the trace file's`, () => {
      assert.ok(expected.size >= 4, 'the fixture traced four tx queues');
      const t = readTracedQueueCpus(dir, readRunManifestIn(dir)!);
      assert.ok(t);
      assert.equal(t.direction, 'tx');
      assert.deepEqual(new Map(t.queues.map((q) => [q.queue, q.cpus])), expected);
    });

    it(`${name}: observed --json maps each busy queue to its traced CPU (measured, trace)`, async () => {
      const r = await runCli(['observed', dir, '--json']);
      assert.equal(r.code, 0, r.err);
      const j = JSON.parse(r.out) as { source: string; queueConfig?: { queueCpu?: { queueCpu: Array<{ queue: number; cpu: number; basis: string }>; cpuBasis: string; tracedCpus: number[]; traceFile: string; sentence: string } } };
      assert.equal(j.source, 'trace');
      const qc = j.queueConfig?.queueCpu;
      assert.ok(qc, 'a queue → CPU analysis');
      assert.equal(qc.cpuBasis, 'measured');
      assert.equal(qc.traceFile, path.join(dir, 'trace.txt'));
      for (const q of qc.queueCpu) {
        assert.equal(q.basis, 'trace');
        assert.equal(q.cpu, expected.get(q.queue)![0], `queue ${q.queue}`);
      }
      assert.deepEqual(qc.tracedCpus, [...new Set(qc.queueCpu.flatMap((q) => expected.get(q.queue)!))].sort((a, b) => a - b));
      assert.match(qc.sentence, /\(measured, trace\)/);
      const text = await runCli(['observed', dir]);
      assert.match(text.out, /^queue → CPU: .*traced on CPUs? /m);
    });

    it(`${name}: config --json carries the traced CPU of every queue`, async () => {
      const r = await runCli(['config', dir, '--json']);
      assert.equal(r.code, 0, r.err);
      const j = JSON.parse(r.out) as { traced: { source: string; direction: string; queues: Array<{ queue: number; cpus: number[] }> } | null };
      assert.ok(j.traced);
      assert.equal(j.traced.source, 'trace');
      assert.deepEqual(new Map(j.traced.queues.map((q) => [q.queue, q.cpus])), expected);
      const text = await runCli(['config', dir]);
      assert.match(text.out, /traced CPU per tx queue \(measured, trace /);
    });
  }

  it('a hand-made config folder has no traced CPUs', async () => {
    const r = await runCli(['config', path.join(fixturesDir, 'queue-config', 'dom0-netback'), '--json']);
    assert.equal(r.code, 0, r.err);
    assert.equal((JSON.parse(r.out) as { traced: unknown }).traced, null);
  });

  it('a sweep of recorded runs: traced CPUs per run, and the spread\'s "from" is the trace', async () => {
    const sweep = tempDir('queue-lens-traced-sweep-');
    RUNS.forEach((d, i) => fs.cpSync(d, path.join(sweep, `run${i + 1}`), { recursive: true }));
    const r = await runCli(['sweep', sweep, '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { runs: Array<{ name: string; spread?: { source: string; portQueueFrom?: string }; queueCpu?: { queueCpu: Array<{ queue: number; cpu: number; basis: string }> } }> };
    assert.equal(j.runs.length, 2);
    for (const run of j.runs) {
      const dir = RUNS[Number(/^run(\d)/.exec(run.name)![1]) - 1];
      assert.equal(run.spread?.source, 'observed');
      assert.equal(run.spread?.portQueueFrom, 'trace');
      assert.ok(run.queueCpu, `${run.name}: a queue → CPU analysis`);
      for (const q of run.queueCpu.queueCpu) assert.deepEqual([q.basis, q.cpu], ['trace', expectedTx(dir).get(q.queue)![0]], `${run.name} queue ${q.queue}`);
    }
    const text = await runCli(['sweep', sweep]);
    assert.equal(text.code, 0, text.err);
    const rows = text.out.split('\n').filter((l) => /^run\d/.test(l) && /measured \(/.test(l));
    assert.equal(rows.length, 2, text.out);
    for (const l of rows) assert.match(l, /measured \(trace\)\s*$/);
  });
});
