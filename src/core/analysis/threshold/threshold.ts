/**
 * The odds behind a balance rule such as LISA's: a run fails when (max − min) / min of the per-queue load exceeds
 * `maxSpread` (an empty queue always fails). For k flows hashed over n queues by a fair hash (or a preset's queue
 * weights), P(fail) exactly by dynamic programming over the queues (every term a probability, no cancellation but
 * one non-negative difference per minimum load), or by a seeded Monte Carlo with its standard error.
 */
import { binomPmf, lnFact } from '../odds/scaledPoly';
import { Xoshiro128 } from '../odds/prng';
import { normaliseWeights } from '../odds/weights';
import { occupiedDistribution } from '../odds/occupancy';

type ThresholdMethod = 'exact' | 'monte-carlo';

export interface ThresholdOptions {
  /** 'auto' (default): exact up to EXACT_MAX_FLOWS flows and EXACT_MAX_QUEUES queues, Monte Carlo beyond. */
  method?: ThresholdMethod | 'auto';
  samples?: number;
  seed?: number;
  /** Search for the k that passes `passTarget` of the time (default true). */
  searchK?: boolean;
  passTarget?: number;
}

export interface ThresholdResult {
  flows: number;
  queues: number;
  maxSpread: number;
  /** P((max − min)/min > maxSpread or a queue empty) for a fair hash (modelled). */
  pFail: number;
  method: ThresholdMethod;
  /** 0 for the exact method (its only error is rounding and the left-out tail below); the binomial error of Monte Carlo. */
  stdError: number;
  /** Exact: the probability mass left out (minimum loads whose total probability is below 1e-12). */
  leftOut?: number;
  samples?: number;
  seed?: number;
  /** P(some queue carries no flow): the rule's failure when the queues, not the streams, share the bottleneck. */
  pEmptyQueue: number;
  /** A k that passes with probability ≥ passTarget, by bisection on exact figures (see searchK); null beyond the search cap. */
  kForPass?: { target: number; flows: number | null; pFail: number | null; searchedUpTo: number };
}

const EXACT_MAX_FLOWS = 4096;
const EXACT_MAX_QUEUES = 256;
const TAIL = 1e-12;
const EPS = 1e-9;

/** Loads allowed with minimum m: m..floor(m·(1 + s)). */
const maxAllowed = (m: number, s: number): number => Math.floor(m * (1 + s) + EPS);

/** P(every queue's load lies in [lo, hi]) for k flows, by the flows left over queue after queue (conditional binomials). */
function pAllWithin(k: number, p: readonly number[], lo: number, hi: number): number {
  const n = p.length;
  if (lo * n > k || hi * n < k) return 0;
  const lf = lnFact(k);
  let g = new Float64Array(k + 1);
  g[k] = 1;
  let rest = 1;
  for (let q = 0; q < n - 1; q++) {
    const pi = Math.min(1, p[q] / rest);
    rest -= p[q];
    const lp = Math.log(pi);
    const lq = Math.log1p(-pi);
    const next = new Float64Array(k + 1);
    const queuesLeft = n - 1 - q;
    // after q queues every one of them took lo..hi flows: r lies in [k − q·hi, k − q·lo]
    for (let r = Math.max(0, k - q * hi); r <= k - q * lo; r++) {
      const v = g[r];
      if (v === 0) continue;
      const top = Math.min(hi, r - lo * queuesLeft);
      for (let j = Math.max(lo, r - hi * queuesLeft); j <= top; j++) {
        next[r - j] += v * (pi >= 1 ? (j === r ? 1 : 0) : Math.exp(lf[r] - lf[j] - lf[r - j] + j * lp + (r - j) * lq));
      }
    }
    g = next;
  }
  let out = 0;
  for (let r = lo; r <= Math.min(hi, k); r++) out += g[r];
  return out;
}

/** P(Binom(k, p) ≤ m). */
function binomCdf(m: number, k: number, p: number): number {
  let s = 0;
  for (let i = 0; i <= m; i++) s += binomPmf(i, k, p);
  return s;
}

/** Exact P(fail), with the minimum loads whose probability is below TAIL (a union bound) left out and counted. */
export function thresholdExact(k: number, weights: readonly number[], maxSpread: number): { pFail: number; leftOut: number } {
  const p = normaliseWeights(weights);
  const n = p.length;
  lnFact(k);
  if (k < n) return { pFail: 1, leftOut: 0 };
  const top = Math.floor(k / n);
  // P(min ≤ m) ≤ Σ_q P(load_q ≤ m): start where that bound is below TAIL
  let m0 = 1;
  let leftOut = 0;
  for (let m = top; m >= 1; m--) {
    const bound = p.reduce((s, pq) => s + binomCdf(m - 1, k, pq), 0);
    if (bound < TAIL) { m0 = m; leftOut = bound; break; }
  }
  let pass = 0;
  for (let m = m0; m <= top; m++) {
    const hi = maxAllowed(m, maxSpread);
    pass += Math.max(0, pAllWithin(k, p, m, hi) - pAllWithin(k, p, m + 1, hi));
  }
  return { pFail: Math.min(1, Math.max(0, 1 - pass)), leftOut };
}

/** Seeded Monte Carlo: `samples` placements of k flows; P(fail) and its standard error √(p(1 − p)/samples). */
export function thresholdMonteCarlo(k: number, weights: readonly number[], maxSpread: number, samples: number, seed: number): { pFail: number; stdError: number } {
  const p = normaliseWeights(weights);
  const n = p.length;
  const cum: number[] = [];
  let acc = 0;
  for (const x of p) cum.push((acc += x));
  const uniform = p.every((x) => x === p[0]);
  const rng = new Xoshiro128(seed);
  const load = new Int32Array(n);
  let fails = 0;
  for (let s = 0; s < samples; s++) {
    load.fill(0);
    for (let f = 0; f < k; f++) {
      const u = rng.nextFloat();
      let q: number;
      if (uniform) q = Math.min(n - 1, Math.floor(u * n));
      else { q = 0; while (q < n - 1 && u >= cum[q]) q++; }
      load[q]++;
    }
    let min = load[0];
    let max = load[0];
    for (let q = 1; q < n; q++) { if (load[q] < min) min = load[q]; if (load[q] > max) max = load[q]; }
    if (min === 0 || max > maxAllowed(min, maxSpread)) fails++;
  }
  const pFail = fails / samples;
  return { pFail, stdError: Math.sqrt((pFail * (1 - pFail)) / samples) };
}

/**
 * The k ≥ n with P(pass) ≥ target found by doubling then bisection on exact figures. P(pass) rises with k but not
 * strictly (loads are integers, so floor(m·(1 + s)) steps), so a k a little below may pass as well: the figure is the
 * bisection's, said so wherever it is shown.
 */
function searchK(weights: readonly number[], maxSpread: number, target: number, cap: number): ThresholdResult['kForPass'] {
  const n = weights.length;
  const fail = (k: number): number => thresholdExact(k, weights, maxSpread).pFail;
  const ok = (k: number): boolean => 1 - fail(k) >= target;
  let hi = n;
  while (hi <= cap && !ok(hi)) hi *= 2;
  if (hi > cap) return { target, flows: null, pFail: null, searchedUpTo: cap };
  let lo = Math.max(n, Math.floor(hi / 2));
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (ok(mid)) hi = mid;
    else lo = mid + 1;
  }
  return { target, flows: hi, pFail: fail(hi), searchedUpTo: cap };
}

export function threshold(k: number, weights: readonly number[], maxSpread: number, opts: ThresholdOptions = {}): ThresholdResult {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`streams must be an integer ≥ 1, got ${k}`);
  if (!(maxSpread >= 0) || !Number.isFinite(maxSpread)) throw new RangeError(`max spread must be a number ≥ 0, got ${maxSpread}`);
  const n = weights.length;
  const method: ThresholdMethod = opts.method === undefined || opts.method === 'auto'
    ? (k <= EXACT_MAX_FLOWS && n <= EXACT_MAX_QUEUES ? 'exact' : 'monte-carlo')
    : opts.method;
  const busy = occupiedDistribution(k, weights);
  const base = { flows: k, queues: n, maxSpread, pEmptyQueue: Math.min(1, Math.max(0, 1 - busy[n])) };
  let out: ThresholdResult;
  if (method === 'exact') {
    const e = thresholdExact(k, weights, maxSpread);
    out = { ...base, pFail: e.pFail, method, stdError: 0, leftOut: e.leftOut };
  } else {
    const samples = opts.samples ?? 200_000;
    const seed = opts.seed ?? 1;
    const m = thresholdMonteCarlo(k, weights, maxSpread, samples, seed);
    out = { ...base, pFail: m.pFail, method, stdError: m.stdError, samples, seed };
  }
  if (opts.searchK !== false && n <= EXACT_MAX_QUEUES) out.kForPass = searchK(weights, maxSpread, opts.passTarget ?? 0.99, EXACT_MAX_FLOWS);
  return out;
}
