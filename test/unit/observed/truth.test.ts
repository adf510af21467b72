// queue-lens observed against the ground truth of six real runs (per-port htb classes → truth.json).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { fixturesDir } from '../../helpers/paths';
import { runCli } from '../sweep/helpers';

const root = path.join(fixturesDir, 'measured-queues');
const runs = fs.readdirSync(root).filter((d) => /^q\d+-k8-t\d+$/.test(d)).sort();

interface Truth { queues: number; busyQueues: number; queueBytes: number[]; portQueue: Record<string, number> }
interface Observed {
  groups: Array<{ localPorts: number[]; candidates: number[] }>;
  queues: number; busyQueues: number; queueBytes: number[]; streamsPerQueue: Array<number | null>;
  streams: Array<{ localPort: number; queue: number | null; candidates: number[] }>; bytesSource: string;
}

const truthOf = (run: string): Truth => JSON.parse(fs.readFileSync(path.join(root, run, 'truth.json'), 'utf8')) as Truth;
const countsOf = (t: Truth): number[] => {
  const c = new Array<number>(t.queues).fill(0);
  for (const q of Object.values(t.portQueue)) c[q]++;
  return c;
};

describe('queue-lens observed: measured-queues ground truth', () => {
  it('has the six runs', () => assert.deepEqual(runs, ['q2-k8-t1', 'q3-k8-t1', 'q4-k8-t1', 'q5-k8-t1', 'q6-k8-t1', 'q8-k8-t1']));

  for (const run of runs) {
    it(`${run}: log + capture + qdisc counters: streams per queue and every determined stream equal the truth`, async () => {
      const r = await runCli(['observed', path.join(root, run), '--json']);
      assert.equal(r.code, 0, r.err);
      const o = JSON.parse(r.out) as Observed;
      const t = truthOf(run);
      assert.equal(o.bytesSource, 'capture');
      assert.equal(o.queues, t.queues);
      assert.equal(o.busyQueues, t.busyQueues);
      assert.deepEqual(o.queueBytes, t.queueBytes);
      assert.deepEqual(o.streamsPerQueue, countsOf(t));
      assert.equal(o.streams.length, 8);
      for (const s of o.streams) {
        const truth = t.portQueue[String(s.localPort)];
        assert.ok(s.candidates.includes(truth), `${s.localPort}: truth ${truth} among candidates ${s.candidates.join(',')}`);
        if (s.queue !== null) assert.equal(s.queue, truth, `port ${s.localPort}`);
        else assert.ok(s.candidates.length > 1);
      }
    });

    it(`${run}: log only (payload totals, a few % off): what it states is right, the rest left open`, async () => {
      const dir = path.join(root, run);
      const r = await runCli(['observed', '--log', path.join(dir, 'client.json'), '--counters', path.join(dir, 'qdisc-after.txt'), '--before', path.join(dir, 'qdisc-before.txt'), '--json']);
      assert.equal(r.code, 0, r.err);
      const o = JSON.parse(r.out) as Observed;
      const t = truthOf(run);
      assert.equal(o.bytesSource, 'log');
      assert.equal(o.busyQueues, t.busyQueues);
      const counts = countsOf(t);
      o.streamsPerQueue.forEach((c, q) => { if (c !== null) assert.equal(c, counts[q], `queue ${q}`); });
      for (const s of o.streams) {
        if (s.queue !== null) assert.equal(s.queue, t.portQueue[String(s.localPort)]);
        assert.ok(s.candidates.includes(t.portQueue[String(s.localPort)]));
      }
      // streams said to share a queue did share one
      for (const g of o.groups) assert.equal(new Set(g.localPorts.map((p) => t.portQueue[String(p)])).size, 1, g.localPorts.join(' '));
    });
  }

  it('a capture without the log: the sending host\'s flows above 1 % of the counted bytes are the streams', async () => {
    const dir = path.join(root, 'q5-k8-t1');
    const r = await runCli(['observed', '--capture', path.join(dir, 'capture.pcap'), '--counters', path.join(dir, 'qdisc-after.txt'), '--before', path.join(dir, 'qdisc-before.txt'), '--json']);
    assert.equal(r.code, 0, r.err);
    const o = JSON.parse(r.out) as Observed;
    const t = truthOf('q5-k8-t1');
    assert.deepEqual(o.streams.map((s) => s.localPort).sort(), Object.keys(t.portQueue).map(Number).sort());
    for (const s of o.streams) assert.equal(s.queue, t.portQueue[String(s.localPort)]);
    assert.deepEqual(o.streamsPerQueue, countsOf(t));
  });

  it('text output says measured; exit 2 without counters; 1 for usage', async () => {
    const r = await runCli(['observed', path.join(root, 'q3-k8-t1')]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^measured: 3 of 3 queues busy/m);
    assert.match(r.out, /streams per queue: \[2 2 4\]/);
    const dir = path.join(root, 'q3-k8-t1');
    const none = await runCli(['observed', '--log', path.join(dir, 'client.json'), '--counters', path.join(dir, 'ethtool-after.txt')]);
    assert.equal(none.code, 2);
    assert.match(none.err, /ethtool-after\.txt.*XDP/);
    assert.equal((await runCli(['observed'])).code, 1);
    assert.equal((await runCli(['observed', dir, '--before', 'x'])).code, 1);
  });
});
