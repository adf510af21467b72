import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { formatFraction, fractionToNumber } from '../../../src/core/analysis/odds/arith';
import {
  expectedMax, expectedMaxExact, maxLoadDistribution, maxLoadDistributionExact, pBalanced, pBalancedExact,
} from '../../../src/core/analysis/odds/maxLoad';
import { uniformWeights } from '../../../src/core/analysis/odds/weights';

// Spec §7.2: k = 8, uniform, exact fractions and the 6-decimal distribution.
const SPEC_7_2: Array<{ n: number; bal: string; emax: string; dist: Record<number, number> }> = [
  { n: 1, bal: '1', emax: '8', dist: { 8: 1 } },
  { n: 2, bal: '35/128', emax: '163/32', dist: { 4: 0.273438, 5: 0.4375, 6: 0.21875, 7: 0.0625, 8: 0.007813 } },
  { n: 3, bal: '560/2187', emax: '8912/2187', dist: { 3: 0.256059, 4: 0.48011, 5: 0.204847, 6: 0.051212, 7: 0.007316, 8: 0.000457 } },
  { n: 4, bal: '315/8192', emax: '3623/1024', dist: { 2: 0.038452, 3: 0.512695, 4: 0.339661, 5: 0.092285, 6: 0.015381, 7: 0.001465, 8: 0.000061 } },
  { n: 5, bal: '504/3125', emax: '9928/3125', dist: { 2: 0.16128, 3: 0.559104, 4: 0.227584, 5: 0.045875, 6: 0.005734, 7: 0.00041, 8: 0.000013 } },
  { n: 6, bal: '2275/7776', emax: '204437/69984', dist: { 2: 0.292567, 3: 0.52412, 4: 0.155661, 5: 0.025006, 6: 0.002501, 7: 0.000143, 8: 0.000004 } },
  { n: 7, bal: '6840/16807', emax: '2253392/823543', dist: { 2: 0.406973, 3: 0.467152, 4: 0.109903, 5: 0.014688, 6: 0.001224, 7: 0.000058, 8: 0.000001 } },
  { n: 8, bal: '315/131072', emax: '680849/262144', dist: { 1: 0.002403, 2: 0.498376, 3: 0.409355, 4: 0.080025, 5: 0.009159, 6: 0.000654, 7: 0.000027, 8: 4.8e-7 } },
];

describe('max load: spec §7.2 (k = 8, uniform)', () => {
  for (const row of SPEC_7_2) {
    it(`n = ${row.n}: exact fractions`, () => {
      const d = maxLoadDistributionExact(8, new Array<number>(row.n).fill(1));
      assert.equal(formatFraction(pBalancedExact(d)), row.bal);
      assert.equal(formatFraction(expectedMaxExact(d)), row.emax);
      const sum = d.pmf.reduce((s, e) => s + fractionToNumber(e.p), 0);
      assert.ok(Math.abs(sum - 1) < 1e-15);
    });
    it(`n = ${row.n}: doubles match the table to 6 decimals`, () => {
      const d = maxLoadDistribution(8, uniformWeights(row.n));
      assert.deepEqual(d.pmf.map((e) => e.load), Object.keys(row.dist).map(Number));
      for (const e of d.pmf) {
        const want = row.dist[e.load];
        if (want < 1e-6) assert.ok(Math.abs(e.p - want) < 5e-9, `${e.load}: ${e.p}`);
        else assert.ok(Math.abs(e.p - want) <= 5e-7 + 1e-12, `${e.load}: ${e.p} vs ${want}`);
      }
      const exact = maxLoadDistributionExact(8, new Array<number>(row.n).fill(1));
      assert.ok(Math.abs(pBalanced(d) - fractionToNumber(pBalancedExact(exact))) < 1e-15);
      assert.ok(Math.abs(expectedMax(d) - fractionToNumber(expectedMaxExact(exact))) < 1e-13);
    });
  }

  it('the spec\'s closed-form checks', () => {
    const bal = (n: number) => pBalancedExact(maxLoadDistributionExact(8, new Array<number>(n).fill(1)));
    assert.equal(formatFraction(bal(2)), '35/128'); // C(8,4)/2^8 = 70/256
    assert.equal(fractionToNumber(bal(4)), 40320 / 16 / 4 ** 8); // 8!/(2!^4)/4^8
    assert.equal(fractionToNumber(bal(8)), 40320 / 8 ** 8); // 8!/8^8
    assert.equal(fractionToNumber(bal(5)), (5 * 40320 / 16 + 10 * 40320 / 8) / 5 ** 8);
  });
});

describe('max load: unequal queue weights (spec §7.3, 128-entry table filled i % n)', () => {
  const cases: Array<{ counts: number[]; bal: number; emax: number }> = [
    { counts: [43, 43, 42], bal: 0.255949, emax: 4.075348 },
    { counts: [26, 26, 26, 25, 25], bal: 0.161102, emax: 3.177635 },
    { counts: [22, 22, 21, 21, 21, 21], bal: 0.292243, emax: 2.921978 },
    { counts: [19, 19, 18, 18, 18, 18, 18], bal: 0.406531, emax: 2.737065 },
  ];
  for (const c of cases) {
    it(`n = ${c.counts.length}`, () => {
      const d = maxLoadDistribution(8, c.counts);
      assert.ok(Math.abs(pBalanced(d) - c.bal) < 5e-7);
      assert.ok(Math.abs(expectedMax(d) - c.emax) < 5e-7);
      const e = maxLoadDistributionExact(8, c.counts);
      assert.ok(Math.abs(fractionToNumber(pBalancedExact(e)) - pBalanced(d)) < 1e-15);
    });
  }
});

/** Every one of n^k placements, exactly (small cases only). */
function bruteForce(flowWeights: number[], queueWeights: number[]): Map<number, number> {
  const n = queueWeights.length;
  const total = queueWeights.reduce((s, w) => s + w, 0);
  const p = queueWeights.map((w) => w / total);
  const out = new Map<number, number>();
  const rec = (i: number, loads: number[], prob: number): void => {
    if (i === flowWeights.length) {
      const m = Math.max(0, ...loads);
      out.set(m, (out.get(m) ?? 0) + prob);
      return;
    }
    for (let q = 0; q < n; q++) {
      if (p[q] === 0) continue;
      loads[q] += flowWeights[i];
      rec(i + 1, loads, prob * p[q]);
      loads[q] -= flowWeights[i];
    }
  };
  rec(0, new Array<number>(n).fill(0), 1);
  return out;
}

describe('max load: against brute-force enumeration', () => {
  const cases: Array<{ name: string; flows: number[]; queues: number[] }> = [
    { name: '6 unit flows, 4 unequal queues', flows: [1, 1, 1, 1, 1, 1], queues: [1, 2, 3, 4] },
    { name: 'weighted flows, uniform queues', flows: [1, 2, 2, 3, 5], queues: [1, 1, 1] },
    { name: 'weighted flows, unequal queues with an unused one', flows: [1, 1, 2, 2, 3, 0.5], queues: [3, 0, 2, 1] },
    { name: 'more queues than flows', flows: [1, 1, 1], queues: [1, 1, 1, 1, 1] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const want = bruteForce(c.flows, c.queues);
      const allUnit = c.flows.every((w) => w === 1);
      const d = maxLoadDistribution(allUnit ? c.flows.length : c.flows, c.queues);
      for (const e of d.pmf) {
        const w = want.get(e.load) ?? 0;
        assert.ok(Math.abs(e.p - w) < 1e-12, `load ${e.load}: ${e.p} vs ${w}`);
      }
      for (const [load, p] of want) assert.ok(p < 1e-15 || d.pmf.some((e) => e.load === load), `missing load ${load}`);
      const ex = maxLoadDistributionExact(allUnit ? c.flows.length : c.flows, c.queues);
      for (const e of ex.pmf) assert.ok(Math.abs(fractionToNumber(e.p) - (want.get(e.load) ?? 0)) < 1e-12);
    });
  }

  it('weighted flows: balanced = the best makespan (5+3 | 2+2+1+… over 3 queues)', () => {
    const d = maxLoadDistribution([1, 2, 2, 3, 5], [1, 1, 1]);
    assert.equal(d.balancedLoad, 5); // {5}, {3,2}, {2,1}
    assert.equal(d.totalWeight, 13);
  });
});

describe('max load: edge cases and speed', () => {
  it('zero flows and one queue', () => {
    assert.deepEqual(maxLoadDistribution(0, [1, 1]).pmf, [{ load: 0, p: 1 }]);
    assert.deepEqual(maxLoadDistribution(5, [1]).pmf, [{ load: 5, p: 1 }]);
  });
  it('a queue that gets nothing makes perfect balance impossible', () => {
    const d = maxLoadDistribution(4, [1, 1, 1, 0]);
    assert.equal(d.balancedLoad, 1);
    assert.equal(pBalanced(d), 0);
  });
  it('rejects bad input', () => {
    assert.throws(() => maxLoadDistribution(3, []), RangeError);
    assert.throws(() => maxLoadDistribution(3, [1, -1]), RangeError);
    assert.throws(() => maxLoadDistribution(1.5, [1]), RangeError);
    assert.throws(() => maxLoadDistribution([1, 0], [1]), RangeError);
    assert.throws(() => maxLoadDistributionExact(3, [0.5, 0.5]), RangeError);
  });
  it('k = 64, n = 64 (uniform, and all-distinct weights) sums to 1', () => {
    // speed is measured by `npm run bench:odds` (docs/odds.md), not asserted here
    const u = maxLoadDistribution(64, uniformWeights(64));
    const r = maxLoadDistribution(64, Array.from({ length: 64 }, (_, i) => 1 + i));
    for (const d of [u, r]) assert.ok(Math.abs(d.pmf.reduce((s, e) => s + e.p, 0) - 1) < 1e-12);
    // n^k placements but max = 1 needs a permutation: 64!/64^64
    const ex = maxLoadDistributionExact(64, new Array<number>(64).fill(1));
    let f = 1;
    for (let i = 1; i <= 64; i++) f *= i / 64;
    assert.ok(Math.abs(fractionToNumber(pBalancedExact(ex)) / f - 1) < 1e-12);
    assert.ok(Math.abs(pBalanced(u) / f - 1) < 1e-9);
  });
});
