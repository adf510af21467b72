import { solve } from './linalg';

/**
 * Chi-square machinery, written here rather than pulled in: ln Γ (Lanczos, g = 7, 9 terms,
 * ~15 digits), the regularised incomplete gamma P(a, x) (series below a+1, Lentz continued
 * fraction for Q above — the usual split, each converges fast on its side), and Pearson's
 * statistic with sparse cells pooled.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma needs x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x); // reflection
  x -= 1;
  let a = LANCZOS[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-15;
const MAX_ITER = 10_000;

/** Regularised lower incomplete gamma P(a, x) = γ(a, x) / Γ(a). */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`a must be > 0, got ${a}`);
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), accurate in the far tail. */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0)) throw new RangeError(`a must be > 0, got ${a}`);
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let ap = a;
  let term = 1 / a;
  let sum = term;
  for (let i = 0; i < MAX_ITER; i++) {
    ap += 1;
    term *= x / ap;
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - lnGamma(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGamma(a)) * h;
}

export function chiSquareCdf(x: number, df: number): number {
  return regularizedGammaP(df / 2, x / 2);
}

/** P(χ²_df ≥ x): the p-value of a Pearson statistic x. */
export function chiSquareSurvival(x: number, df: number): number {
  return regularizedGammaQ(df / 2, x / 2);
}

export interface Cells {
  observed: number[];
  expected: number[];
  /** Which original cells each pooled cell holds. */
  members: number[][];
}

/**
 * Merges adjacent cells left to right until each holds expected ≥ minExpected (Cochran's rule
 * of thumb); a short tail is folded into the last full cell. Order the cells so neighbours are
 * alike (e.g. by max load) before pooling.
 */
export function poolCells(observed: readonly number[], expected: readonly number[], minExpected = 5): Cells {
  const out: Cells = { observed: [], expected: [], members: [] };
  let o = 0;
  let e = 0;
  let m: number[] = [];
  for (let i = 0; i < expected.length; i++) {
    o += observed[i];
    e += expected[i];
    m.push(i);
    if (e >= minExpected) {
      out.observed.push(o);
      out.expected.push(e);
      out.members.push(m);
      o = 0;
      e = 0;
      m = [];
    }
  }
  if (m.length) {
    if (out.expected.length === 0) {
      out.observed.push(o);
      out.expected.push(e);
      out.members.push(m);
    } else {
      const last = out.expected.length - 1;
      out.observed[last] += o;
      out.expected[last] += e;
      for (const x of m) out.members[last].push(x);
    }
  }
  return out;
}

/** Pearson's X² = Σ (O − E)² / E over cells with E > 0 (a cell with E = 0 and O > 0 is infinite). */
export function pearson(observed: readonly number[], expected: readonly number[]): number {
  let x = 0;
  for (let i = 0; i < expected.length; i++) {
    if (expected[i] > 0) x += (observed[i] - expected[i]) ** 2 / expected[i];
    else if (observed[i] > 0) return Infinity;
  }
  return x;
}

/**
 * Pearson's test for counts summed over independent groups whose cell probabilities differ
 * (e.g. trials at different N): with O = Σ_g O_g, E = Σ_g T_g·p_g and V = Σ_g T_g(diag p_g − p_g p_gᵀ),
 * X² = (O − E)ᵀ V⁻¹ (O − E) over all cells but the last, which is χ²(C − 1) for large T. When every
 * group has the same p this is exactly Pearson's Σ (O − E)²/E.
 */
export function pooledGroupsChiSquare(groups: ReadonlyArray<{ observed: readonly number[]; probs: readonly number[] }>): { statistic: number; df: number } {
  const C = groups[0]?.probs.length ?? 0;
  if (C < 2) return { statistic: 0, df: 0 };
  const d = new Array<number>(C - 1).fill(0);
  const V = Array.from({ length: C - 1 }, () => new Array<number>(C - 1).fill(0));
  for (const g of groups) {
    const T = g.observed.reduce((s, x) => s + x, 0);
    for (let i = 0; i < C - 1; i++) {
      d[i] += g.observed[i] - T * g.probs[i];
      for (let j = 0; j < C - 1; j++) V[i][j] += T * ((i === j ? g.probs[i] : 0) - g.probs[i] * g.probs[j]);
    }
  }
  const x = solve(V, d);
  return { statistic: d.reduce((s, di, i) => s + di * x[i], 0), df: C - 1 };
}
