/**
 * P(max queue load = m) for k unit flows, computed directly for each m — never as a difference
 * of CDFs — in the scaled representation of scaledPoly.ts.
 *
 * - 2m > k: only one queue can hold m, so P = Σ_q Binom(m; k, p_q) exactly.
 * - a second queue at m is rare (pmfAtRare): Σ_q P(L_q = m)·(1 − S1_q), used only where the proven
 *   bound S1²/2 on what that leaves out is below 2^-56 of the term.
 * - otherwise, queues grouped by equal weight, "first queue at m" telescoping:
 *   Π A_q − Π B_q = Σ_g (Π_{h<g} B_h^{c_h})·(A_g^{c_g} − B_g^{c_g})·(Π_{h>g} A_h^{c_h}), A = "load ≤ m",
 *   B = "load ≤ m−1"; within a group B^c = U_c and A^c − B^c = Σ_j C(c,j)·P(j given queues hold
 *   exactly m)·U_{c−j}, U_s[r] = P(r flows over s equal queues all ≤ m−1) from one chain of rows
 *   per threshold, shared by every group and every n (the rows do not depend on the weight).
 * - uniform queues, many n at once: the same j-sum with U_{n−j}[k−jm] (or 1 − S1 under the bound).
 * All terms non-negative.
 *
 * A value whose possible absolute error from underflow exceeds 1e-12 of itself, or that is below
 * MIN_SHOWN, is omitted (and counted), never replaced by residue.
 */
import { binomPmf, binomTail, lnFact, mulScaled, mulScaledAt, ScaledPoly, singleQueue } from './scaledPoly';
import { maxOf, minOf } from '../stats/extremes';

/** Smallest probability reported; below it doubles cannot promise 1e-12 relative. */
export const MIN_SHOWN = 1e-290;
const UNDERFLOW = 2.3e-308;

export interface ScaledPmf {
  pmf: Array<{ load: number; p: number }>;
  /** Loads with a positive probability too small to represent reliably (left out of pmf). */
  omitted: number;
  /** Smallest load that was omitted (all loads above the last shown one are omitted too). */
  omittedFrom?: number;
}

interface Group {
  p: number;
  count: number;
}

function groupsOf(weights: readonly number[]): Group[] {
  const m = new Map<number, number>();
  for (const w of weights) if (w > 0) m.set(w, (m.get(w) ?? 0) + 1);
  return [...m.entries()].map(([p, count]) => ({ p, count }));
}

/** Union bound Σ_q P(L_q ≥ m): an upper bound on P(max ≥ m), summed upward (no cancellation). */
function unionTail(groups: readonly Group[], k: number, m: number): number {
  return groups.reduce((s, g) => s + g.count * binomTail(m, k, g.p), 0);
}

/**
 * B^c ("all ≤ m−1"), Y_c = A^c − B^c ("max exactly m") and A^c = B^c + Y_c for c equal queues of
 * pick probability p, up to degree k, from the shared chain rows U_s (which do not depend on p):
 * Y_c[t] = Σ_j C(c,j)·P(j given queues hold exactly m | t)·U_{c−j}[t − jm]. `err` bounds the
 * absolute error that underflow inside the chain can cause in any Y_c[t].
 */
function groupPowers(p: number, c: number, m: number, k: number): { A: ScaledPoly; B: ScaledPoly; Y: ScaledPoly; err: number } {
  const rows = sharedChainRows(m - 1, c, k);
  const lf = lnFact(Math.max(k, c));
  const B = rows[c];
  const Y = new Float64Array(Math.min(k, c * m) + 1);
  let err = 0;
  const ln = Math.log(c);
  for (let t = m; t < Y.length; t++) {
    let y = 0;
    for (let j = 1; j <= c && j * m <= t; j++) {
      const r = t - j * m;
      const s = c - j;
      const u = s === 0 ? (r === 0 ? 1 : 0) : rows[s][r] ?? 0;
      if (u === 0 && s === 0) continue;
      const mult = Math.exp(lf[c] - lf[j] - lf[c - j] + lf[t] - j * lf[m] - lf[r] - j * m * ln + (r > 0 ? r * Math.log((c - j) / c) : 0));
      y += mult * u;
      if (s > 0) err = Math.max(err, mult * (s + 1) * m * UNDERFLOW);
    }
    Y[t] = y;
  }
  const A = new Float64Array(Math.max(B.length, Y.length));
  for (let t = 0; t < A.length; t++) A[t] = (B[t] ?? 0) + Y[t];
  const mass = c * p;
  return { A: { mass, c: A }, B: { mass, c: B }, Y: { mass, c: Y }, err };
}

/** P(max = m) for 2m ≤ k by the grouped telescoping sum, with a bound on its underflow error. */
function pmfAtGeneric(groups: readonly Group[], k: number, m: number): { p: number; err: number } {
  const pw = groups.map((g) => groupPowers(g.p, g.count, m, k));
  const G = groups.length;
  const suffixA: Array<ScaledPoly | undefined> = new Array<ScaledPoly | undefined>(G).fill(undefined);
  for (let g = G - 2; g >= 0; g--) suffixA[g] = suffixA[g + 1] ? mulScaled(pw[g + 1].A, suffixA[g + 1] as ScaledPoly, k) : pw[g + 1].A;
  let prefixB: ScaledPoly | undefined;
  let total = 0;
  for (let g = 0; g < G; g++) {
    const right = suffixA[g];
    if (right) {
      const left = prefixB ? mulScaled(prefixB, pw[g].Y, k) : pw[g].Y;
      total += mulScaledAt(left, right, k);
    } else {
      total += prefixB ? mulScaledAt(prefixB, pw[g].Y, k) : pw[g].Y.c[k] ?? 0;
    }
    if (g < G - 1) prefixB = prefixB ? mulScaled(prefixB, pw[g].B, k) : pw[g].B;
  }
  // every other factor is a probability, so each group's Y error passes through at most once per term
  return { p: total, err: pw.reduce((e, x) => e + 2 * x.err, 0) };
}

/**
 * Where a second queue reaching m is rare: P(max = m) = Σ_q P(L_q = m)·(1 − P(V_q | L_q = m)), V_q =
 * "an earlier queue ≥ m or a later one ≥ m+1". Given L_q = m the rest is multinomial again, and by
 * Bonferroni and negative association S1 − S1²/2 ≤ P(V_q | ·) ≤ S1 with S1 = Σ of the single-queue
 * tails. When S1²/2 is below 2^-56 of the term, 1 − S1 is the value to double precision (the
 * bound, not an approximation, decides). Returns undefined when that does not hold.
 */
function pmfAtRare(groups: readonly Group[], k: number, m: number): number | undefined {
  let total = 0;
  for (let g = 0; g < groups.length; g++) {
    const pg = groups[g].p;
    const head = binomPmf(m, k, pg);
    if (head === 0) continue;
    const rest = k - m;
    // tails of the other queues given L_q = m: P(Bin(rest, p_h / (1 − p_g)) ≥ x)
    const tail = (h: number, x: number): number => binomTail(x, rest, Math.min(1, groups[h].p / (1 - pg)));
    let before = 0; // Σ over queues of groups before g (all earlier): threshold m
    let after = 0; // groups after g: threshold m + 1
    for (let h = 0; h < groups.length; h++) {
      if (h < g) before += groups[h].count * tail(h, m);
      else if (h > g) after += groups[h].count * tail(h, m + 1);
    }
    const c = groups[g].count;
    const tm = c > 1 ? tail(g, m) : 0;
    const tm1 = c > 1 ? tail(g, m + 1) : 0;
    // the i-th queue of the group has i same-group queues before it and c − 1 − i after it
    for (let i = 0; i < c; i++) {
      const s1 = before + after + i * tm + (c - 1 - i) * tm1;
      if (s1 >= 0.5 || (s1 * s1) / 2 > 2 ** -56 * (1 - s1)) return undefined;
      total += head * (1 - s1);
    }
  }
  return total;
}

/** Single-queue upper region (2m > k): exactly Σ_q Binom(m; k, p_q). */
function pmfAtDirect(groups: readonly Group[], k: number, m: number): number {
  return groups.reduce((s, g) => s + g.count * binomPmf(m, k, g.p), 0);
}

function finish(pmf: Array<{ load: number; p: number }>, omittedLoads: number[]): ScaledPmf {
  const out: ScaledPmf = { pmf, omitted: omittedLoads.length };
  if (omittedLoads.length) out.omittedFrom = minOf(omittedLoads);
  return out;
}

/**
 * The max-load distribution of k unit flows over queues with pick probabilities `weights`
 * (Σ = 1; zeros allowed).
 */
export function maxLoadPmfScaled(k: number, weights: readonly number[]): ScaledPmf {
  const groups = groupsOf(weights);
  if (k === 0) return { pmf: [{ load: 0, p: 1 }], omitted: 0 };
  const usable = groups.reduce((s, g) => s + g.count, 0);
  if (usable === 1) return { pmf: [{ load: k, p: 1 }], omitted: 0 };
  if (groups.length === 1) return uniformMaxLoadPmfs(k, [usable]).get(usable) as ScaledPmf;
  const pmf: Array<{ load: number; p: number }> = [];
  const omitted: number[] = [];
  for (let m = Math.ceil(k / usable); m <= k; m++) {
    if (unionTail(groups, k, m) < MIN_SHOWN) { omitted.push(m); break; }
    let p: number;
    let err = 0;
    if (2 * m > k) p = pmfAtDirect(groups, k, m);
    else {
      const rare = pmfAtRare(groups, k, m);
      if (rare !== undefined) p = rare;
      else ({ p, err } = pmfAtGeneric(groups, k, m));
    }
    if (p >= MIN_SHOWN && err <= 1e-12 * p) pmf.push({ load: m, p });
    else if (p > 0 || 2 * m <= k) omitted.push(m);
  }
  return finish(pmf, omitted);
}

const rowCache = new Map<string, Float64Array[]>();
let rowCacheDoubles = 0;
/** ~64 MB: enough for every threshold of 256 flows × 64 queues, so `spread` over n reuses them. */
const ROW_CACHE_DOUBLES = 8_000_000;

/** chainRows, kept per (M, R) and extended on demand: the rows do not depend on the queues' weight. */
function sharedChainRows(M: number, sMax: number, R: number): Float64Array[] {
  const key = `${M}|${R}`;
  let rows = rowCache.get(key);
  if (rows) {
    rowCache.delete(key); // most recently used last
    rowCache.set(key, rows);
  } else {
    rows = [Float64Array.of(1)];
    rowCache.set(key, rows);
  }
  const q = singleQueue(1, 0, M);
  for (let s = rows.length; s <= sMax; s++) {
    const row = mulScaled(q, { mass: s - 1, c: rows[s - 1] }, Math.min(R, s * M)).c;
    rows.push(row);
    rowCacheDoubles += row.length;
  }
  while (rowCacheDoubles > ROW_CACHE_DOUBLES && rowCache.size > 1) {
    const [oldest, old] = rowCache.entries().next().value as [string, Float64Array[]];
    rowCache.delete(oldest);
    rowCacheDoubles -= old.reduce((sum, r) => sum + r.length, 0);
  }
  return rows;
}

/** U_s[r] for s = 0..sMax, r ≤ R: P(r flows over s equal queues, all ≤ M). */
function chainRows(M: number, sMax: number, R: number): Float64Array[] {
  const rows: Float64Array[] = [Float64Array.of(1)];
  const q = singleQueue(1, 0, M);
  for (let s = 1; s <= sMax; s++) {
    const prev: ScaledPoly = { mass: s - 1, c: rows[s - 1] };
    rows.push(mulScaled(q, prev, Math.min(R, s * M)).c);
  }
  return rows;
}

/** One term of P(max load = m) over n queues: j queues at exactly m, the rest r flows over s queues all below m. */
interface PmfTerm { j: number; r: number; s: number; u?: number; err: number }

/** The terms for n at load m; u is set where it is exact or bounded, else it comes from the chain up to chainTo. */
function planTerms(n: number, m: number, k: number): { terms: PmfTerm[]; chainTo: number } {
  const terms: PmfTerm[] = [];
  let chainTo = 0;
  for (let j = 1; j <= n && j * m <= k; j++) {
    const r = k - j * m;
    const s = n - j;
    if (s === 0) { terms.push({ j, r, s, u: r === 0 ? 1 : 0, err: 0 }); continue; }
    if (r > s * (m - 1)) { terms.push({ j, r, s, u: 0, err: 0 }); continue; }
    const s1 = r < m ? 0 : s * binomTail(m, r, 1 / s);
    if (s1 < 0.5 && (s1 * s1) / 2 <= 2 ** -56 * (1 - s1)) { terms.push({ j, r, s, u: 1 - s1, err: (s1 * s1) / 2 }); continue; }
    terms.push({ j, r, s, err: 0 });
    chainTo = Math.max(chainTo, s);
  }
  return { terms, chainTo };
}

/** P(max load = m) over n queues from its terms, with the bound on its error (the chain's underflow, the Bonferroni rest). */
function sumTerms(terms: readonly PmfTerm[], rows: readonly Float64Array[], n: number, m: number, k: number, lf: Float64Array): { p: number; err: number } {
  let p = 0;
  let err = 0;
  const ln = Math.log(n);
  for (const t of terms) {
    const { j, r, s } = t;
    const fromChain = t.u === undefined;
    const u = fromChain ? rows[s][r] ?? 0 : (t.u as number);
    if (u === 0) continue;
    const lnC = lf[n] - lf[j] - lf[n - j];
    const lnMult = lnC + lf[k] - j * lf[m] - lf[r] - j * m * ln + (r > 0 ? r * Math.log((n - j) / n) : 0);
    const mult = Math.exp(lnMult);
    p += mult * u;
    err += mult * (fromChain ? (s + 1) * m * UNDERFLOW : t.err);
  }
  return { p, err };
}

/** Above k/2 only one queue can carry m flows: P(max = m) = n·P(Bin(k, 1/n) = m), exactly. */
function addSingleQueueLoads(need: readonly number[], m: number, k: number, acc: Map<number, { pmf: Array<{ load: number; p: number }>; omitted: number[] }>): void {
  for (const n of need) {
    const p = n * binomPmf(m, k, 1 / n);
    const a = acc.get(n)!;
    if (p >= MIN_SHOWN) a.pmf.push({ load: m, p }); else if (p > 0) a.omitted.push(m);
  }
}

/** The max-load distribution of k unit flows over n uniform queues, for every n in `ns` at once. */
export function uniformMaxLoadPmfs(k: number, ns: readonly number[]): Map<number, ScaledPmf> {
  const out = new Map<number, ScaledPmf>();
  const todo = [...new Set(ns)].filter((n) => Number.isInteger(n) && n >= 1).sort((a, b) => a - b);
  const lf = lnFact(Math.max(k, maxOf(ns.filter((n) => Number.isInteger(n)))));
  const acc = new Map<number, { pmf: Array<{ load: number; p: number }>; omitted: number[]; done: boolean }>();
  for (const n of todo) {
    if (k === 0) out.set(n, { pmf: [{ load: 0, p: 1 }], omitted: 0 });
    else if (n === 1) out.set(n, { pmf: [{ load: k, p: 1 }], omitted: 0 });
    else acc.set(n, { pmf: [], omitted: [], done: false });
  }
  if (acc.size === 0) return out;
  const nList = [...acc.keys()];
  const mStart = Math.ceil(k / nList[nList.length - 1]);
  for (let m = Math.max(1, mStart); m <= k; m++) {
    const live = nList.filter((n) => !acc.get(n)!.done && m >= Math.ceil(k / n));
    if (live.length === 0) continue;
    for (const n of live) {
      const a = acc.get(n)!;
      if (n * binomTail(m, k, 1 / n) < MIN_SHOWN) { a.omitted.push(m); a.done = true; }
    }
    const need = live.filter((n) => !acc.get(n)!.done);
    if (need.length === 0) continue;
    if (2 * m > k) { addSingleQueueLoads(need, m, k, acc); continue; }
    // U_s[r] = P(r flows over s queues all ≤ m−1): 1 − S1 where S1 = s·P(Bin(r, 1/s) ≥ m) is so small
    // that S1²/2 (the Bonferroni / negative-association bound on the rest) is below 2^-56; otherwise
    // from the chain, built only as far as some n needs it.
    const plan = new Map<number, PmfTerm[]>();
    let sChain = 0;
    for (const n of need) {
      const { terms, chainTo } = planTerms(n, m, k);
      plan.set(n, terms);
      sChain = Math.max(sChain, chainTo);
    }
    const rows = sChain > 0 ? chainRows(m - 1, sChain, k - m) : [];
    for (const n of need) {
      const { p, err } = sumTerms(plan.get(n)!, rows, n, m, k, lf);
      const a = acc.get(n)!;
      if (p >= MIN_SHOWN && err <= 1e-12 * p) a.pmf.push({ load: m, p });
      else if (p > 0 || err > 0) a.omitted.push(m);
    }
  }
  for (const [n, a] of acc) out.set(n, finish(a.pmf, a.omitted));
  return out;
}
