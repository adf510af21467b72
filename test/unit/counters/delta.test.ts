// before/after pairs: the per-queue difference, and clear errors for pairs that do not belong together.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { counterDelta, CounterFormatError, imbalance, readCounters } from '../../../src/core/counters';
import { fixturesDir } from '../../helpers/paths';

const named = (f: string, text = fs.readFileSync(f, 'utf8')) => ({ snap: readCounters(text, f), file: f });
const pub = (f: string): string => path.join(fixturesDir, 'counters-public', f);
const measured = (run: string, f: string): string => path.join(fixturesDir, 'measured-queues', run, f);

describe('counterDelta', () => {
  it('after − before per queue equals truth.json queueBytes for every measured run', () => {
    for (const run of ['q2-k8-t1', 'q3-k8-t1', 'q4-k8-t1', 'q5-k8-t1', 'q6-k8-t1', 'q8-k8-t1']) {
      const truth = JSON.parse(fs.readFileSync(measured(run, 'truth.json'), 'utf8')) as { queueBytes: number[] };
      const d = counterDelta(named(measured(run, 'qdisc-before.txt')), named(measured(run, 'qdisc-after.txt')));
      assert.deepEqual(d.tx.map((q) => q.bytes), truth.queueBytes, run);
    }
  });

  it('interrupt deltas stay interrupts', () => {
    const d = counterDelta(named(pub('sandbox-proc-interrupts-before.txt')), named(pub('sandbox-proc-interrupts-after.txt')));
    assert.equal(d.unit, 'interrupts');
    assert.equal(d.tx[0].interrupts, 8485 - 8480);
    assert.equal(d.tx[0].bytes, null);
  });

  it('counters that went down (before and after swapped) name the file, line and queue', () => {
    const a = pub('veth4-tc-qdisc-after.txt');
    const b = pub('veth4-tc-qdisc-before.txt');
    assert.throws(() => counterDelta(named(a), named(b)), (e: unknown) =>
      e instanceof CounterFormatError && e.file === b && e.line > 0 && /tx queue 0 packets went down/.test(e.message));
  });

  it('different queue counts are an error naming both files', () => {
    const b = measured('q3-k8-t1', 'qdisc-before.txt');
    const a = measured('q4-k8-t1', 'qdisc-after.txt');
    assert.throws(() => counterDelta(named(b), named(a)), (e: unknown) =>
      e instanceof CounterFormatError && e.file === a && /4 tx queues here but 3 in .*q3-k8-t1/.test(e.message));
  });

  it('snapshots of another device, or of another tool, are an error', () => {
    const b = pub('veth4-tc-qdisc-before.txt');
    const a = pub('veth4-tc-qdisc-after.txt');
    const other = named(a, fs.readFileSync(a, 'utf8').replace(/dev vA/g, 'dev vZ'));
    assert.throws(() => counterDelta(named(b), other), /device vZ here but vA/);
    assert.throws(() => counterDelta(named(pub('veth4-tc-class-before.txt')), named(a)), /tc-qdisc output, but .* is tc-class output/);
  });
});

describe('imbalance', () => {
  it('share, busy queues, max/mean and Jain\'s index of the sandbox run (2+1+2+1 streams of 8 MiB)', () => {
    const d = counterDelta(named(pub('veth4-tc-qdisc-before.txt')), named(pub('veth4-tc-qdisc-after.txt')));
    const im = imbalance(d.tx.map((q) => q.bytes as number));
    assert.equal(im.busy, 4);
    assert.ok(Math.abs(im.shares[0] - 1 / 3) < 1e-3);
    assert.ok(Math.abs((im.maxOverMean ?? 0) - 4 / 3) < 1e-3);
    // (2+1+2+1)² / (4·(4+1+4+1)) = 36/40
    assert.ok(Math.abs((im.jain ?? 0) - 0.9) < 1e-3);
    assert.deepEqual(imbalance([0, 0]), { total: 0, shares: [0, 0], busy: 0, nonZero: 0, maxOverMean: null, jain: null });
  });
});
