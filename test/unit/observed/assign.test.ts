// The constrained assignment on its own: ambiguity is stated, never resolved by a guess.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { observedSpread } from '../../../src/core/analysis/observed/assign';

describe('observedSpread', () => {
  it('the sandbox run (6 streams of 8 MiB over 4 queues, 2+1+2+1): counts per queue known, which stream where not', () => {
    // tc -s qdisc deltas of test/fixtures/counters-public/veth4-*; each stream sent 8 MiB of payload
    const queueBytes = [17550154, 8775956, 17550200, 8775462];
    const streams = [0, 1, 2, 3, 4, 5].map((i) => ({ localPort: 42000 + i, bytes: 8 * 1024 * 1024 }));
    const r = observedSpread(streams, queueBytes, { bytesSource: 'log' });
    assert.equal(r.busyQueues, 4);
    assert.deepEqual(r.streamsPerQueue, [2, 1, 2, 1]);
    // equal streams: any of them could be on any queue
    for (const s of r.streams) {
      assert.equal(s.queue, null);
      assert.deepEqual(s.candidates, [0, 1, 2, 3]);
    }
    assert.ok(r.scale > 1.03 && r.scale < 1.06, `headers: ${r.scale}`);
  });

  it('two equal queues with one stream each: both streams null with both candidates', () => {
    const r = observedSpread([{ localPort: 1, bytes: 1e7 }, { localPort: 2, bytes: 1e7 }], [1.0001e7, 1.0001e7], { bytesSource: 'capture' });
    assert.deepEqual(r.streams.map((s) => [s.queue, s.candidates]), [[null, [0, 1]], [null, [0, 1]]]);
    assert.deepEqual(r.streamsPerQueue, [1, 1]);
    assert.equal(r.solutions, 2);
  });

  it('streams of different sizes on queues of different bytes are placed', () => {
    const r = observedSpread([{ localPort: 1, bytes: 3e7 }, { localPort: 2, bytes: 1e7 }], [1e7, 0, 3e7], { bytesSource: 'capture' });
    assert.deepEqual(r.streams.map((s) => s.queue), [2, 0]);
    assert.deepEqual(r.streamsPerQueue, [1, 0, 1]);
    assert.equal(r.busyQueues, 2);
  });

  it('when nothing fits even at the widest tolerance, nothing is stated and a warning says why', () => {
    const r = observedSpread([{ localPort: 1, bytes: 5e7 }, { localPort: 2, bytes: 5e7 }], [9e7, 1e7], { bytesSource: 'capture' });
    assert.equal(r.solutions, 0);
    assert.ok(r.streams.every((s) => s.queue === null));
    assert.deepEqual(r.streamsPerQueue, [null, null]);
    assert.match(r.warnings.join(' '), /no assignment/);
  });

  it('refuses empty input', () => {
    assert.throws(() => observedSpread([], [1], { bytesSource: 'log' }), /no streams/);
    assert.throws(() => observedSpread([{ localPort: 1, bytes: 1 }], [0, 0], { bytesSource: 'log' }), /no bytes/);
    assert.throws(() => observedSpread([{ localPort: 1, bytes: Number.NaN }], [5], { bytesSource: 'log' }), /stream 1: NaN bytes/);
    assert.throws(() => observedSpread([{ localPort: 1, bytes: 5 }], [5, -1], { bytesSource: 'log' }), /queue 1: -1 bytes/);
    assert.throws(() => observedSpread(Array.from({ length: 1025 }, (_, i) => ({ localPort: i, bytes: 1 })), [5], { bytesSource: 'log' }), /1025 streams: at most 1024/);
  });
});

describe('observedSpread limits', () => {
  it('a search that runs out of steps states nothing per stream and says so', () => {
    const streams = Array.from({ length: 24 }, (_, i) => ({ localPort: 1000 + i, bytes: 1e6 * (5 + ((i * 7919) % 13)) }));
    const total = streams.reduce((a, s) => a + s.bytes, 0);
    const r = observedSpread(streams, new Array<number>(8).fill(total / 8), { bytesSource: 'log', maxSteps: 10_000 });
    assert.equal(r.exhaustive, false);
    assert.equal(r.busyQueues, 8);
    assert.ok(r.streams.every((s) => s.queue === null && s.candidates.length === 8));
    assert.deepEqual(r.streamsPerQueue, new Array(8).fill(null));
    assert.match(r.warnings.join(' '), /stopped \(steps budget: 10000 steps\)/);
  });

});
