// Small statistics over discrete value distributions that the sweep needs: quantiles and the mean of t draws.
import { mergeValues, ValueDistribution } from '../odds/throughput';

/** The smallest value whose cumulative probability reaches q (0 < q ≤ 1): the lower q-quantile. */
export function quantile(d: ValueDistribution, q: number): number {
  if (d.length === 0) throw new RangeError('empty distribution');
  if (!(q > 0 && q <= 1)) throw new RangeError(`quantile level must be in (0, 1], got ${q}`);
  let acc = 0;
  for (const e of d) {
    acc += e.p;
    // a hair of tolerance so a CDF that sums to 0.1 − 1e-17 still counts as reaching 0.1
    if (acc >= q - 1e-12) return e.value;
  }
  return d[d.length - 1].value;
}

/** Distribution of the mean of `t` independent draws of d (t ≥ 1). */
export function meanOfDraws(d: ValueDistribution, t: number): ValueDistribution {
  if (!Number.isInteger(t) || t < 1) throw new RangeError(`need at least one draw, got ${t}`);
  let sum: ValueDistribution = [{ value: 0, p: 1 }];
  for (let i = 0; i < t; i++) {
    const next: ValueDistribution = [];
    for (const a of sum) for (const b of d) next.push({ value: a.value + b.value, p: a.p * b.p });
    sum = mergeValues(next);
  }
  return sum.map((e) => ({ value: e.value / t, p: e.p }));
}

export function meanOf(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/**
 * Exact two-sided binomial test: P(a count as unlikely as k or less likely) for Binomial(n, p), i.e. the sum of
 * the probabilities of every outcome no more probable than k (the "minimum likelihood" method R's binom.test uses).
 */
export function binomialTwoSided(k: number, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 0 || k > n) throw new RangeError(`need 0 ≤ k ≤ n, got k = ${k}, n = ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`);
  const pmf: number[] = [];
  let lnC = 0; // ln C(n, i), built up term by term
  for (let i = 0; i <= n; i++) {
    if (i > 0) lnC += Math.log(n - i + 1) - Math.log(i);
    pmf.push(p === 0 ? (i === 0 ? 1 : 0) : p === 1 ? (i === n ? 1 : 0) : Math.exp(lnC + i * Math.log(p) + (n - i) * Math.log1p(-p)));
  }
  // relative tolerance as R uses, so outcomes equal to pmf[k] up to rounding count as "as unlikely"
  const limit = pmf[k] * (1 + 1e-7);
  return Math.min(1, pmf.reduce((s, x) => (x <= limit ? s + x : s), 0));
}
