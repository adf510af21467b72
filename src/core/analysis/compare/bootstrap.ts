// Seeded bootstrap of ratios of stratified means: runs resampled with replacement within each stratum (queue count).
import { Xoshiro128 } from '../odds/prng';
import type { RatioEstimate } from './compareModel';

/** One stratum: the values of set A and of set B (e.g. throughputs of the runs at one queue count). */
export interface Stratum {
  a: readonly number[];
  b: readonly number[];
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Σ mean(b) / Σ mean(a) over the strata: equal weight to each queue count, whatever its number of runs. */
function stratifiedRatio(strata: readonly Stratum[]): number {
  let a = 0;
  let b = 0;
  for (const s of strata) { a += mean(s.a); b += mean(s.b); }
  return b / a;
}

function resampleMean(xs: readonly number[], rng: Xoshiro128): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[Math.floor(rng.nextFloat() * xs.length)];
  return s / xs.length;
}

/** Lower q-quantile of sorted values (type 1: the smallest value with at least q of them at or below it). */
function quantileSorted(sorted: Float64Array, q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

/**
 * The stratified ratio and its two-sided percentile bootstrap interval at `level`, from `resamples` resamplings
 * (xoshiro128** seeded with `seed`). Every stratum needs ≥ 1 value in each set; the caller keeps only strata with ≥ 2.
 */
export function bootstrapRatio(strata: readonly Stratum[], level: number, resamples: number, seed: number): RatioEstimate {
  if (strata.length === 0) throw new RangeError('no stratum to compare');
  const rng = new Xoshiro128(seed);
  const reps = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let a = 0;
    let b = 0;
    for (const s of strata) { a += resampleMean(s.a, rng); b += resampleMean(s.b, rng); }
    reps[r] = b / a;
  }
  reps.sort();
  const tail = (1 - level) / 2;
  return { value: stratifiedRatio(strata), low: quantileSorted(reps, tail), high: quantileSorted(reps, 1 - tail) };
}
