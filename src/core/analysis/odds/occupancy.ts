import { Arith, bigArith, fraction, Fraction, floatArith } from './arith';
import { occupiedDistributionScaled } from './occupancyScaled';
import { integerWeights, normaliseWeights } from './weights';

/**
 * Distribution of the number of non-empty queues when k flows each pick queue q with
 * probability ∝ weight[q]. DP over queues on (flows placed t, queues used o), with the same
 * binomial-scaled ("exponential") coefficients as the max-load engine: O(n²k²).
 * Flow weights don't matter here, only how many flows there are.
 */
function occupancyCounts<T>(k: number, weights: readonly T[], ar: Arith<T>): T[] {
  const n = weights.length;
  // f[o][t]
  let f: T[][] = [Array.from({ length: k + 1 }, (_, t) => (t === 0 ? ar.one : ar.zero))];
  for (let q = 0; q < n; q++) {
    const pow: T[] = [ar.one];
    for (let j = 1; j <= k; j++) pow.push(ar.mul(pow[j - 1], weights[q]));
    const next: T[][] = Array.from({ length: f.length + 1 }, () => new Array<T>(k + 1).fill(ar.zero));
    for (let o = 0; o < f.length; o++) {
      for (let t = 0; t <= k; t++) {
        const v = f[o][t];
        if (ar.isZero(v)) continue;
        next[o][t] = ar.add(next[o][t], v);
        for (let j = 1; t + j <= k; j++) {
          next[o + 1][t + j] = ar.add(next[o + 1][t + j], ar.mul(ar.mul(ar.binom(t + j, j), v), pow[j]));
        }
      }
    }
    f = next;
  }
  return f.map((row) => row[k]);
}

/** P(#non-empty queues = o) for o = 0..n, in doubles (see occupancyScaled.ts: no cancellation, O(k·n)). */
export function occupiedDistribution(k: number, queueWeights: readonly number[]): number[] {
  checkK(k);
  return occupiedDistributionScaled(k, normaliseWeights(queueWeights));
}

/** The O(n²k²) DP in doubles (kept as an independent check of the scaled engine in tests). */
export function occupiedDistributionDp(k: number, queueWeights: readonly number[]): number[] {
  checkK(k);
  return occupancyCounts(k, normaliseWeights(queueWeights), floatArith(k));
}

/** The same as exact fractions, for integer queue weights. */
export function occupiedDistributionExact(k: number, queueCounts: readonly (number | bigint)[]): Fraction[] {
  checkK(k);
  const a = integerWeights(queueCounts);
  const scale = a.reduce((s, x) => s + x, 0n) ** BigInt(k);
  return occupancyCounts(k, a, bigArith(k)).map((c) => fraction(c, scale));
}

/** E[#non-empty queues] = Σ_q 1 − (1 − p_q)^k, closed form. */
export function expectedOccupied(k: number, queueWeights: readonly number[]): number {
  checkK(k);
  return normaliseWeights(queueWeights).reduce((s, p) => s + (1 - (1 - p) ** k), 0);
}

function checkK(k: number): void {
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`flows must be a non-negative integer, got ${k}`);
}
