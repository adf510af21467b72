/**
 * Probability polynomials in a scaled representation that neither overflows nor cancels.
 *
 * A `ScaledPoly` describes a set S of queues (total pick probability `mass`) and a condition on
 * their loads: `c[t]` = P(the condition holds | exactly t unit flows landed in S, each on queue
 * q ∈ S with probability p_q / mass). Every value is a probability in [0, 1].
 *
 * Two disjoint sets combine by binomial thinning (the exponential-generating-function product
 * written in probabilities): (F·G)[t] = Σ_i Binom(i; t, r)·F[i]·G[t−i] with r = mass_F /
 * (mass_F + mass_G). Every factor is in [0, 1] and every term non-negative, so there is no
 * cancellation, and a term that underflows is below 2^-1022 of the result's own scale: the only
 * error besides ~1e-15 relative rounding is an absolute one of at most (terms)·2^-1074.
 */
export interface ScaledPoly {
  mass: number;
  /** c[0..deg]; entries past the array are 0. */
  c: Float64Array;
}

let lnFactTable = new Float64Array([0, 0]);

/** ln(i!) for i ≤ n, Kahan-summed so ln(1024!) is good to ~1e-15 relative. */
export function lnFact(n: number): Float64Array {
  if (lnFactTable.length > n) return lnFactTable;
  const t = new Float64Array(Math.max(n + 1, 2 * lnFactTable.length));
  let sum = 0;
  let comp = 0;
  for (let i = 2; i < t.length; i++) {
    const y = Math.log(i) - comp;
    const s = sum + y;
    comp = s - sum - y;
    sum = s;
    t[i] = sum;
  }
  lnFactTable = t;
  return t;
}

let recipTable = new Float64Array([0, 1]);

/** 1/i for i ≤ n (a multiply is much cheaper than a divide in the inner loops). */
function reciprocals(n: number): Float64Array {
  if (recipTable.length > n) return recipTable;
  const t = new Float64Array(Math.max(n + 1, 2 * recipTable.length));
  for (let i = 1; i < t.length; i++) t[i] = 1 / i;
  recipTable = t;
  return t;
}

/** Relative size below which the rest of a monotone tail of a sum is dropped (≈ 8.7e-19). */
const TAIL_STOP = 2 ** -60;


/**
 * Σ_{i=lo}^{hi} Binom(i; t, r)·ac[i]·bc[t−i]: starts at the weight's largest point in [lo, hi]
 * (the binomial is unimodal) and walks both ways with the ratio recurrence. Past the mode the
 * weights fall monotonically and every ac·bc ≤ 1, so once (weight × terms left) is below 2^-60 of
 * the sum the rest cannot move it by more than that, and the walk stops.
 */
function binomialSum(t: number, lo: number, hi: number, r: number, lf: Float64Array, lr: number, l1r: number, ac: Float64Array, bc: Float64Array): number {
  if (lo > hi) return 0;
  if (r <= 0) return lo === 0 ? ac[0] * bc[t] : 0;
  if (r >= 1) return hi === t ? ac[t] * bc[0] : 0;
  const mode = Math.min(hi, Math.max(lo, Math.floor((t + 1) * r)));
  const w0 = Math.exp(lf[t] - lf[mode] - lf[t - mode] + mode * lr + (t - mode) * l1r);
  if (w0 === 0) return 0;
  const odds = r / (1 - r);
  const inv = (1 - r) / r;
  const rc = reciprocals(t);
  let acc = w0 * ac[mode] * bc[t - mode];
  let w = w0;
  for (let i = mode + 1; i <= hi; i++) {
    w *= (t - i + 1) * rc[i] * odds;
    if (w * (hi - i + 1) <= TAIL_STOP * acc || w === 0) break;
    acc += w * ac[i] * bc[t - i];
  }
  w = w0;
  for (let i = mode - 1; i >= lo; i--) {
    w *= (i + 1) * rc[t - i] * inv;
    if (w * (i - lo + 1) <= TAIL_STOP * acc || w === 0) break;
    acc += w * ac[i] * bc[t - i];
  }
  return acc;
}

/** Σ_{i=lo}^{t} Binom(i; t, r), walking up from the larger end of the range. */
function binomialTailSum(t: number, lo: number, r: number): number {
  const lf = lnFact(t);
  const lr = Math.log(r);
  const l1r = Math.log1p(-r);
  const start = Math.max(lo, Math.floor((t + 1) * r));
  const w0 = Math.exp(lf[t] - lf[start] - lf[t - start] + start * lr + (t - start) * l1r);
  const odds = r / (1 - r);
  let acc = w0;
  let w = w0;
  for (let i = start + 1; i <= t; i++) {
    w *= ((t - i + 1) / i) * odds;
    if (w * (t - i + 1) <= TAIL_STOP * acc || w === 0) break;
    acc += w;
  }
  w = w0;
  for (let i = start - 1; i >= lo; i--) {
    w *= ((i + 1) / (t - i)) / odds;
    if (w === 0) break;
    acc += w;
  }
  return acc;
}

/** Product of two disjoint sets' conditions, degrees up to maxDeg (all of them when omitted). */
export function mulScaled(a: ScaledPoly, b: ScaledPoly, maxDeg = a.c.length + b.c.length - 2): ScaledPoly {
  const mass = a.mass + b.mass;
  const degA = a.c.length - 1;
  const degB = b.c.length - 1;
  const deg = Math.min(maxDeg, degA + degB);
  const out = new Float64Array(deg + 1);
  const r = a.mass / mass;
  const lf = lnFact(deg);
  const lr = Math.log(r);
  const l1r = Math.log1p(-r);
  const ac = a.c;
  const bc = b.c;
  for (let t = 0; t <= deg; t++) {
    const lo = Math.max(0, t - degB);
    const hi = Math.min(t, degA);
    out[t] = binomialSum(t, lo, hi, r, lf, lr, l1r, ac, bc);
  }
  return { mass, c: out };
}

/** Only (F·G)[t] at one t: the last step of a product, O(t). */
export function mulScaledAt(a: ScaledPoly, b: ScaledPoly, t: number): number {
  const r = a.mass / (a.mass + b.mass);
  const lf = lnFact(t);
  const lo = Math.max(0, t - (b.c.length - 1));
  const hi = Math.min(t, a.c.length - 1);
  return binomialSum(t, lo, hi, r, lf, Math.log(r), Math.log1p(-r), a.c, b.c);
}

/** One queue of pick probability p, condition "load ∈ [lo, hi]". */
export function singleQueue(p: number, lo: number, hi: number): ScaledPoly {
  const c = new Float64Array(hi + 1);
  for (let i = Math.max(0, lo); i <= hi; i++) c[i] = 1;
  return { mass: p, c };
}

/** Binom(i; t, r) as a double (0 where it underflows). */
export function binomPmf(i: number, t: number, r: number): number {
  if (i < 0 || i > t) return 0;
  if (r <= 0) return i === 0 ? 1 : 0;
  if (r >= 1) return i === t ? 1 : 0;
  const lf = lnFact(t);
  return Math.exp(lf[t] - lf[i] - lf[t - i] + i * Math.log(r) + (t - i) * Math.log1p(-r));
}

/** P(Binom(t, r) ≥ i), summed upward from i (no 1 − cdf). */
export function binomTail(i: number, t: number, r: number): number {
  if (i <= 0) return 1;
  if (i > t) return 0;
  if (r <= 0) return 0;
  if (r >= 1) return 1;
  return binomialTailSum(t, i, r);
}
