import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { formatFraction, fractionToNumber } from '../../../src/core/analysis/odds/arith';
import { expectedOccupied, occupiedDistribution, occupiedDistributionExact } from '../../../src/core/analysis/odds/occupancy';
import { balancedThroughput, expectedThroughput, throughputDistribution } from '../../../src/core/analysis/odds/throughput';
import { uniformWeights } from '../../../src/core/analysis/odds/weights';

// Spec §7.3, k = 8, uniform: E[T]/c under A and B, and B with perfect balance.
const SPEC_7_3 = [
  { n: 1, a: 1.0, aIdeal: 1.0, b: 1.0, bCap: 1.0, bPerfect: 1 },
  { n: 2, a: 1.9922, aIdeal: 0.996, b: 1.6178, bCap: 0.809, bPerfect: 2 },
  { n: 3, a: 2.8829, aIdeal: 0.961, b: 2.0479, bCap: 0.683, bPerfect: 2.667 },
  { n: 4, a: 3.5995, aIdeal: 0.9, b: 2.3702, bCap: 0.593, bPerfect: 4 },
  { n: 5, a: 4.1611, aIdeal: 0.832, b: 2.6728, bCap: 0.535, bPerfect: 4 },
  { n: 6, a: 4.6046, aIdeal: 0.767, b: 2.9228, bCap: 0.487, bPerfect: 4 },
  { n: 7, a: 4.9605, aIdeal: 0.709, b: 3.1186, bCap: 0.446, bPerfect: 4 },
  { n: 8, a: 5.2511, aIdeal: 0.656, b: 3.28, bCap: 0.41, bPerfect: 8 },
];

describe('throughput: spec §7.3 (8 flows, the blog\'s n = 1..8)', () => {
  for (const r of SPEC_7_3) {
    it(`n = ${r.n}`, () => {
      const w = uniformWeights(r.n);
      const a = expectedThroughput('A', 8, w);
      const b = expectedThroughput('B', 8, w);
      assert.ok(Math.abs(a - r.a) < 5e-5 + 1e-12, `A ${a}`);
      assert.ok(Math.abs(a / Math.min(r.n, 8) - r.aIdeal) < 5e-4 + 1e-12, `A/ideal ${a / r.n}`);
      assert.ok(Math.abs(b - r.b) < 5e-5 + 1e-12, `B ${b}`);
      assert.ok(Math.abs(b / r.n - r.bCap) < 5e-4 + 1e-12, `B/(n·c) ${b / r.n}`);
      assert.ok(Math.abs(balancedThroughput('B', 8, r.n) - r.bPerfect) < 5e-4);
      assert.equal(balancedThroughput('A', 8, r.n), r.n);
      // model A's expectation is the closed form n(1 − (1 − 1/n)^k)
      assert.ok(Math.abs(a - r.n * (1 - (1 - 1 / r.n) ** 8)) < 1e-12);
    });
  }

  it('no dip at n = 5 under uniform hashing; B with perfect balance plateaus at 4 for n = 5..7', () => {
    for (let n = 2; n <= 8; n++) {
      assert.ok(expectedThroughput('A', 8, uniformWeights(n)) > expectedThroughput('A', 8, uniformWeights(n - 1)));
      assert.ok(expectedThroughput('B', 8, uniformWeights(n)) > expectedThroughput('B', 8, uniformWeights(n - 1)));
    }
    assert.deepEqual([5, 6, 7].map((n) => balancedThroughput('B', 8, n)), [4, 4, 4]);
  });

  it('distributions sum to 1 and have the right support', () => {
    const dA = throughputDistribution('A', 8, uniformWeights(5));
    const dB = throughputDistribution('B', 8, uniformWeights(5));
    assert.deepEqual(dA.map((e) => e.value), [1, 2, 3, 4, 5]);
    assert.deepEqual(dB.map((e) => e.value), [1, 8 / 7, 8 / 6, 8 / 5, 2, 8 / 3, 4]);
    for (const d of [dA, dB]) assert.ok(Math.abs(d.reduce((s, e) => s + e.p, 0) - 1) < 1e-12);
  });

  it('weighted flows: B uses Σw / max load, capped at n', () => {
    const d = throughputDistribution('B', [4, 1, 1, 1, 1], uniformWeights(2));
    // best case 4 | 1+1+1+1 → 8/4 = 2 = n
    assert.equal(d[d.length - 1].value, 2);
    assert.equal(balancedThroughput('B', [4, 1, 1, 1, 1], 2), 2);
  });
});

describe('occupancy (number of non-empty queues)', () => {
  it('exact distribution for 8 flows over 5 queues (Stirling numbers)', () => {
    // P(o) = C(5,o)·o!·S(8,o)/5^8, S(8,·) = 1, 127, 966, 1701, 1050
    const S = [0, 1, 127, 966, 1701, 1050];
    const exact = occupiedDistributionExact(8, [1, 1, 1, 1, 1]);
    const binom = [1, 5, 10, 10, 5, 1];
    const fact = [1, 1, 2, 6, 24, 120];
    for (let o = 1; o <= 5; o++) {
      assert.equal(fractionToNumber(exact[o]), (binom[o] * fact[o] * S[o]) / 5 ** 8);
    }
    assert.equal(formatFraction(exact[0]), '0');
  });
  it('doubles agree with the closed-form mean, also for unequal weights', () => {
    for (const w of [uniformWeights(6), [43, 43, 42], [5, 1, 0, 2]]) {
      const d = occupiedDistribution(8, w);
      const m = d.reduce((s, p, o) => s + p * o, 0);
      assert.ok(Math.abs(m - expectedOccupied(8, w)) < 1e-12);
      assert.ok(Math.abs(d.reduce((s, p) => s + p, 0) - 1) < 1e-12);
    }
  });
});
