import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { maxLoadDistribution, expectedMax } from '../../../src/core/analysis/odds/maxLoad';
import { simulate } from '../../../src/core/analysis/odds/monteCarlo';
import { occupiedDistribution } from '../../../src/core/analysis/odds/occupancy';
import { Xoshiro128 } from '../../../src/core/analysis/odds/prng';
import { expectedThroughput } from '../../../src/core/analysis/odds/throughput';
import { uniformWeights } from '../../../src/core/analysis/odds/weights';

describe('seeded PRNG', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = new Xoshiro128(42);
    const b = new Xoshiro128(42);
    const c = new Xoshiro128(43);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    assert.deepEqual(xs, Array.from({ length: 5 }, () => b.nextUint32()));
    assert.notDeepEqual(xs, Array.from({ length: 5 }, () => c.nextUint32()));
    for (const x of xs) assert.ok(Number.isInteger(x) && x >= 0 && x < 2 ** 32);
  });
  it('nextFloat is in [0, 1) with mean ≈ 1/2 and variance ≈ 1/12', () => {
    const r = new Xoshiro128(7);
    const N = 200_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < N; i++) {
      const u = r.nextFloat();
      assert.ok(u >= 0 && u < 1);
      s += u;
      s2 += u * u;
    }
    assert.ok(Math.abs(s / N - 0.5) < 5 * Math.sqrt(1 / 12 / N));
    assert.ok(Math.abs(s2 / N - (s / N) ** 2 - 1 / 12) < 0.002);
  });
});

/** |observed − expected| within 5σ for each cell of a histogram of `trials` draws. */
function assertHistogram(hist: Map<number, number>, trials: number, pmf: ReadonlyArray<{ value: number; p: number }>, what: string): void {
  for (const { value, p } of pmf) {
    const got = (hist.get(value) ?? 0) / trials;
    const sigma = Math.sqrt((p * (1 - p)) / trials);
    assert.ok(Math.abs(got - p) <= 5 * sigma + 1e-9, `${what} ${value}: MC ${got} vs exact ${p}`);
  }
  for (const v of hist.keys()) assert.ok(pmf.some((e) => Math.abs(e.value - v) < 1e-9), `${what}: MC saw impossible value ${v}`);
}

describe('Monte Carlo agrees with the exact engines', () => {
  const cases: Array<{ name: string; flows: number | number[]; weights: number[] }> = [
    { name: '8 flows, 5 uniform queues', flows: 8, weights: uniformWeights(5) },
    { name: '8 flows, 128-entry table over 7 queues', flows: 8, weights: [19, 19, 18, 18, 18, 18, 18] },
    { name: '16 flows, skewed queues', flows: 16, weights: [8, 4, 2, 1, 1] },
    { name: 'weighted flows (one elephant)', flows: [4, 1, 1, 1, 1, 1, 1], weights: uniformWeights(4) },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const trials = 60_000;
      const mc = simulate(c.flows, c.weights, { trials, seed: 20160702 });
      const d = maxLoadDistribution(c.flows, c.weights);
      assertHistogram(mc.maxLoad, trials, d.pmf.map((e) => ({ value: e.load, p: e.p })), 'max load');
      const k = typeof c.flows === 'number' ? c.flows : c.flows.length;
      const occ = occupiedDistribution(k, c.weights).map((p, value) => ({ value, p })).filter((e) => e.p > 0);
      assertHistogram(mc.occupied, trials, occ, 'occupied');
      // means: 5σ with σ bounded by the range of the variable
      const tol = (range: number) => (5 * range) / 2 / Math.sqrt(trials);
      assert.ok(Math.abs(mc.meanMax - expectedMax(d)) < tol(d.totalWeight));
      assert.ok(Math.abs(mc.meanA - expectedThroughput('A', c.flows, c.weights)) < tol(c.weights.length));
      assert.ok(Math.abs(mc.meanB - expectedThroughput('B', c.flows, c.weights)) < tol(c.weights.length));
    });
  }
  it('is reproducible for a seed', () => {
    const a = simulate(8, uniformWeights(5), { trials: 1000, seed: 5 });
    const b = simulate(8, uniformWeights(5), { trials: 1000, seed: 5 });
    assert.deepEqual([...a.maxLoad], [...b.maxLoad]);
  });
});
