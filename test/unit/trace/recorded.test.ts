// A run recorded with `queue-lens record` (test/fixtures/recorded): the trace's answer equals the htb ground truth.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { observeTrace, readRunManifestIn } from '../../../src/core/analysis/observed/fromTrace';
import { reciprocalScale } from '../../../src/core/hashing';
import { fixturesDir } from '../../helpers/paths';
import { leafBytes } from '../../system/vethLab';
import { runCli } from '../sweep/helpers';

const dir = path.join(fixturesDir, 'recorded', 'iperf3-p8-q4');
interface Truth { queues: number; ports: Record<string, Array<{ queue: number; bytes: number; packets: number }>> }
const truth = JSON.parse(fs.readFileSync(path.join(dir, 'truth.json'), 'utf8')) as Truth;
const ports = Array.from({ length: 8 }, (_, i) => 42000 + i);

describe('recorded run: trace against htb ground truth', () => {
  const manifest = readRunManifestIn(dir)!;

  it('the manifest is a recorded run with a trace, counters before/after and config', () => {
    assert.equal(manifest.trace.recorded, true);
    assert.deepEqual(manifest.counters.map((c) => c.source).sort(), ['ethtool', 'interrupts', 'tc-class', 'tc-qdisc']);
    assert.equal(manifest.exitCode, 0);
    assert.ok(manifest.notRecorded.some((n) => n.what === 'counters: qstats'), 'ynl missing is said');
    for (const f of [manifest.log, ...Object.values(manifest.config), ...manifest.counters.flatMap((c) => [c.before, c.after])]) {
      assert.ok(fs.existsSync(path.join(dir, f)), f);
    }
  });

  it('truth.json is what the folder\'s own htb leaf counters say', () => {
    const before = leafBytes(fs.readFileSync(path.join(dir, 'counters', 'class-before.txt'), 'utf8'), ports);
    const after = leafBytes(fs.readFileSync(path.join(dir, 'counters', 'class-after.txt'), 'utf8'), ports);
    for (const l of after) {
      if (l.port === null) continue;
      const d = l.bytes - (before.find((b) => b.queue === l.queue && b.port === l.port)?.bytes ?? 0);
      const t = truth.ports[String(l.port)]?.find((e) => e.queue === l.queue);
      assert.equal(t?.bytes ?? 0, d, `port ${l.port} queue ${l.queue}`);
    }
  });

  it('every stream\'s traced queue and wire bytes equal the htb leaf of its port (source "trace")', () => {
    const r = observeTrace(dir, manifest);
    assert.equal(r.source, 'trace');
    assert.equal(r.direction, 'tx');
    assert.equal(r.queues, truth.queues);
    assert.equal(r.streams.length, 8);
    for (const s of r.streams) {
      const t = truth.ports[String(s.localPort)];
      assert.equal(t.length, 1, `port ${s.localPort} on one queue in the truth`);
      assert.equal(s.source, 'trace');
      assert.equal(s.queue, t[0].queue, `port ${s.localPort}`);
      assert.equal(s.moved, false);
      // both count wire bytes with the Ethernet header (qdisc_pkt_len): equal to the byte
      assert.equal(s.wireBytes, t[0].bytes, `port ${s.localPort} bytes`);
      assert.equal(s.queues[0].segments, t[0].packets, `port ${s.localPort} segments = htb packets`);
    }
    assert.deepEqual(r.streamsPerQueue, Array.from({ length: truth.queues }, (_, q) => Object.values(truth.ports).filter((t) => t[0].queue === q).length));
    assert.deepEqual(r.coverage, { tracedSkbs: r.coverage!.deviceSkbs, deviceSkbs: r.coverage!.deviceSkbs, share: 1 }, 'the tracer saw every skb the device counted');
    assert.deepEqual(r.warnings, []);
  });

  it('per-queue traced bytes equal the tc -s qdisc deltas, and linux-tx agrees for every flow', () => {
    const r = observeTrace(dir, manifest);
    assert.ok(r.counters);
    assert.equal(r.counters.source, 'tc-qdisc');
    assert.deepEqual(r.counters.queueBytes, r.queueBytes);
    assert.equal(r.modelCheck.preset, 'linux-tx');
    assert.equal(r.modelCheck.checked, r.streams.reduce((a, s) => a + s.queues.reduce((b, q) => b + q.cpus.length, 0), 0));
    assert.equal(r.modelCheck.agree, r.modelCheck.checked);
    assert.deepEqual(r.modelCheck.disagree, []);
    // the check is not vacuous: the traced hash really picks the queue by its high bits
    for (const s of r.streams) assert.equal(reciprocalScale(Number(s.hash), r.queues), s.queue);
  });

  it('queue-lens observed RUN --json answers from the trace; the text says measured and modelled', async () => {
    const j = await runCli(['observed', dir, '--json']);
    assert.equal(j.code, 0, j.err);
    const r = JSON.parse(j.out) as { source: string; streams: Array<{ localPort: number; queue: number }>; modelCheck: { agree: number; checked: number } };
    assert.equal(r.source, 'trace');
    for (const s of r.streams) assert.equal(s.queue, truth.ports[String(s.localPort)][0].queue);
    const t = await runCli(['observed', dir]);
    assert.equal(t.code, 0, t.err);
    assert.match(t.out, /measured: the queue the kernel chose/);
    assert.match(t.out, /model check \(linux-tx, modelled: .*\): 8 of 8/);
  });
});
