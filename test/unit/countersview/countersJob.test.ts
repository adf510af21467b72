// The counters and observed worker jobs against the CLI (same core, other code path), and the view built from them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { countersCommand } from '../../../src/cli/countersCommand';
import { observedCommand } from '../../../src/cli/observedCommand';
import { runJob } from '../../../src/extension/worker/jobs';
import { countersView, measuredQueueText } from '../../../src/extension/views/countersView';
import { fixturesDir } from '../../helpers/paths';

const ctx = { signal: new AbortController().signal, onProgress: () => undefined };
const runs = path.join(fixturesDir, 'measured-queues');
const ethtool = path.join(fixturesDir, 'ethtool-stats');

async function cli(command: typeof countersCommand, args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await command(args, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

describe('counters job', () => {
  for (const run of fs.readdirSync(runs).filter((d) => /^q\d+-k8-t1$/.test(d))) {
    it(`${run}: qdisc after − before equals \`queue-lens counters --json\`, and the view's busy queues are the truth's`, async () => {
      const after = path.join(runs, run, 'qdisc-after.txt');
      const before = path.join(runs, run, 'qdisc-before.txt');
      const r = await runJob({ kind: 'counters', after, before }, ctx);
      const c = await cli(countersCommand, [after, '--before', before, '--json']);
      assert.equal(c.code, 0, c.err);
      assert.deepEqual(r.counters, JSON.parse(c.out));
      const truth = JSON.parse(fs.readFileSync(path.join(runs, run, 'truth.json'), 'utf8')) as { queues: number; portQueue: Record<string, number> };
      const v = countersView(r);
      assert.equal(v.sides.length, 1);
      assert.equal(v.sides[0].direction, 'tx');
      assert.equal(v.sides[0].queues.length, truth.queues);
      assert.equal(v.sides[0].busy, new Set(Object.values(truth.portQueue)).size);
      assert.equal(v.sides[0].total, r.counters.tx.reduce((a, q) => a + (q.bytes ?? 0), 0));
    });
  }

  for (const f of fs.readdirSync(ethtool).filter((n) => n.endsWith('.txt'))) {
    it(`ethtool -S of ${f.replace('.txt', '')}: the job gives what the CLI gives (or the same error)`, async () => {
      const file = path.join(ethtool, f);
      const c = await cli(countersCommand, [file, '--json']);
      const r = await runJob({ kind: 'counters', after: file }, ctx).then((x) => x, (e: Error) => e);
      if (c.code === 0) {
        assert.ok(!(r instanceof Error), String(r));
        assert.deepEqual(r.counters, JSON.parse(c.out));
        const v = countersView(r);
        assert.ok(v.sides.length >= 1 && v.sides.every((s) => s.queues.length > 0 && s.unit !== 'interrupts'));
      } else {
        assert.equal(c.code, 2);
        assert.ok(r instanceof Error && c.err.includes(r.message), `${c.err} / ${String(r)}`);
      }
    });
  }

  it('/proc/interrupts of an 8-queue xen-netfront guest is drawn as interrupts (never bytes), as the CLI reads it', async () => {
    const file = path.join(fixturesDir, 'counters-public', 'xen-netfront-8q-interrupts.txt');
    const r = await runJob({ kind: 'counters', after: file }, ctx);
    const c = await cli(countersCommand, [file, '--json']);
    assert.equal(c.code, 0, c.err);
    assert.deepEqual(r.counters, JSON.parse(c.out));
    const v = countersView(r);
    assert.equal(v.unit, 'interrupts');
    assert.ok(v.sides.length > 0);
    for (const s of v.sides) {
      assert.equal(s.unit, 'interrupts');
      assert.equal(s.queues.length, 8);
      assert.ok(s.queues.every((q) => q.bytes === null && q.packets === null));
      assert.equal(s.total, r.counters[s.direction].reduce((a, q) => a + (q.interrupts ?? 0), 0));
    }
  });

  it('a counter file that goes down between before and after is an error naming the file', async () => {
    const run = path.join(runs, 'q5-k8-t1');
    // swapped: every counter "went down"
    await assert.rejects(runJob({ kind: 'counters', after: path.join(run, 'qdisc-before.txt'), before: path.join(run, 'qdisc-after.txt') }, ctx),
      (e: Error) => e.message.includes('qdisc-'));
  });
});

describe('observed job', () => {
  it('q5-k8-t1 by its capture: the job equals `queue-lens observed --json`; every stream on its true queue', async () => {
    const run = path.join(runs, 'q5-k8-t1');
    const r = await runJob({ kind: 'observed', dir: run, files: { capture: path.join(run, 'capture.pcap') } }, ctx);
    const c = await cli(observedCommand, [run, '--json']);
    assert.equal(c.code, 0, c.err);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), JSON.parse(c.out));
    const truth = JSON.parse(fs.readFileSync(path.join(run, 'truth.json'), 'utf8')) as { portQueue: Record<string, number> };
    for (const s of r.streams) assert.equal(s.queue, truth.portQueue[String(s.localPort)]);
    assert.equal(measuredQueueText(r.streams[0]), `q${truth.portQueue[String(r.streams[0].localPort)]} (measured)`);
  });

  it('the log alone: queues left open, the candidates named', async () => {
    const run = path.join(runs, 'q5-k8-t1');
    const r = await runJob({ kind: 'observed', files: { log: path.join(run, 'client.json'), counters: { after: path.join(run, 'qdisc-after.txt'), before: path.join(run, 'qdisc-before.txt') } } }, ctx);
    assert.equal(r.busyQueues, 4);
    assert.ok(r.streams.every((s) => s.queue === null));
    assert.equal(measuredQueueText(r.streams[0]), `${r.streams[0].candidates.map((q) => `q${q}`).join('|')} (measured: one of)`);
  });
});
