// The busy-queue fit: Pearson's X² recomputed by hand from the manifest's port maps and the exact busy-queue
// distribution, and a busy count the model rules out giving p = 0.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { busyQueueFit } from '../../../src/core/analysis/compare/busyFit';
import { occupiedDistribution } from '../../../src/core/analysis/odds/occupancy';
import { uniformWeights } from '../../../src/core/analysis/odds/weights';
import { busyOf, oneRunSweepsDir, readManifest } from './helpers';

describe('busyQueueFit', () => {
  const runs = readManifest(oneRunSweepsDir).runs.map((r) => ({ queues: r.queues, streams: 8, busy: busyOf(r) }));

  it('X² over (n, busy) cells equals the sum computed from the manifest', () => {
    const f = busyQueueFit(runs, uniformWeights, 2000, 3)!;
    let x2 = 0;
    for (let n = 2; n <= 8; n++) {
      const at = runs.filter((r) => r.queues === n);
      const p = occupiedDistribution(8, uniformWeights(n));
      for (let o = 0; o <= n; o++) {
        const e = at.length * p[o];
        if (e > 1e-300) x2 += (at.filter((r) => r.busy === o).length - e) ** 2 / e;
      }
    }
    assert.ok(Math.abs(f.statistic - x2) < 1e-9 * x2);
    assert.equal(f.runs, 140);
    assert.equal(f.queueCounts, 7);
    assert.ok(f.pValue > 0.01 && f.pValue <= 1);
    assert.equal(f.draws, 2000);
  });

  it('a run with more busy queues than streams is impossible: p = 0', () => {
    const f = busyQueueFit([{ queues: 8, streams: 2, busy: 3 }, { queues: 8, streams: 2, busy: 2 }], uniformWeights, 100, 1)!;
    assert.equal(f.statistic, Infinity);
    assert.equal(f.pValue, 0);
  });

  it('runs all piled on one of eight queues do not fit', () => {
    const f = busyQueueFit(Array.from({ length: 20 }, () => ({ queues: 8, streams: 8, busy: 1 })), uniformWeights, 2000, 1)!;
    assert.ok(f.pValue < 0.001, String(f.pValue));
  });
});
