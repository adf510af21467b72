import { bigArith, Fraction, fraction, floatArith } from './arith';
import { candidateLoads, flowSpace, FlowSpace, FlowsSpec, loadAtMost } from './flowSpace';
import { cdfAtBound, groupWeights, pmfAtBound } from './maxLoadEngine';
import { maxLoadPmfScaled, MIN_SHOWN, ScaledPmf, uniformMaxLoadPmfs } from './maxLoadScaled';
import { integerWeights, normaliseWeights, uniformWeights } from './weights';
import { minOf } from '../stats/extremes';

/** Distribution of the most-loaded queue's load (flow count, or Σ flow weights). */
export interface MaxLoadDistribution {
  flows: number;
  queues: number;
  /** Σ flow weights (= flows when unweighted). */
  totalWeight: number;
  /** The smallest max load any placement can reach: ceil(k/n) when unweighted. */
  balancedLoad: number;
  /** Loads with non-zero probability, ascending. */
  pmf: Array<{ load: number; p: number }>;
  /**
   * Loads whose (positive) probability is below what doubles hold to 1e-12 relative (MIN_SHOWN =
   * 1e-290): left out of pmf rather than shown as rounding residue. Absent when none.
   */
  omitted?: { count: number; from: number };
}

export interface ExactMaxLoadDistribution extends Omit<MaxLoadDistribution, 'pmf'> {
  pmf: Array<{ load: number; p: Fraction }>;
}

/**
 * Exact (in doubles) distribution of the max queue load when each flow independently picks
 * queue q with probability ∝ queueWeights[q]. `flows` is k (unit flows) or each flow's weight.
 * Every P(max = m) is computed directly (never as cdf(m) − cdf(m−1)); see maxLoadScaled.ts.
 * Results are memoised per (flows, weights): the spread view, the blip and the throughput models
 * ask for the same n several times.
 */
export function maxLoadDistribution(flows: FlowsSpec, queueWeights: readonly number[]): MaxLoadDistribution {
  const key = memoKey(flows, queueWeights);
  const hit = memo.get(key);
  if (hit) return hit;
  const d = computeMaxLoad(flows, queueWeights);
  remember(key, d);
  return d;
}

/**
 * Fills the memo for k unit flows over n uniform queues for every n in `ns` in one pass (the
 * chain of maxLoadScaled.ts is shared by all n): `spread --queues 1-64` costs about one n.
 */
export function prefetchUniformMaxLoad(k: number, ns: readonly number[]): void {
  const todo = ns.filter((n) => !memo.has(memoKey(k, uniformWeights(n))));
  if (todo.length === 0) return;
  for (const [n, r] of uniformMaxLoadPmfs(k, todo)) {
    remember(memoKey(k, uniformWeights(n)), fromScaled(k, n, k, Math.ceil(k / n), r));
  }
}

const memo = new Map<string, MaxLoadDistribution>();
const MEMO_SIZE = 512;

function memoKey(flows: FlowsSpec, w: readonly number[]): string {
  const f = typeof flows === 'number' ? String(flows) : flows.join(',');
  // equal weights are the common case (and normalise to uniformWeights exactly): a short key
  return w.length > 0 && w.every((x) => x === w[0]) && w[0] > 0 ? `${f}|u${w.length}` : `${f}|${normaliseWeights(w).join(',')}`;
}

function remember(key: string, d: MaxLoadDistribution): void {
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  memo.set(key, d);
}

function fromScaled(flows: number, queues: number, totalWeight: number, balancedLoad: number, r: ScaledPmf): MaxLoadDistribution {
  const d: MaxLoadDistribution = { flows, queues, totalWeight, balancedLoad, pmf: r.pmf };
  if (r.omitted > 0) d.omitted = { count: r.omitted, from: r.omittedFrom ?? 0 };
  return d;
}

function computeMaxLoad(flows: FlowsSpec, queueWeights: readonly number[]): MaxLoadDistribution {
  const space = flowSpace(flows);
  const w = normaliseWeights(queueWeights);
  const balanced = balancedLoadOf(space, w.length);
  if (space.classes.length <= 1 && (space.classes[0]?.weight ?? 1) === 1) {
    return fromScaled(space.flows, w.length, space.totalWeight, balanced, maxLoadPmfScaled(space.flows, w));
  }
  // Weighted flows: the box engine, P(max = m) by the same "first queue at m" telescoping sum.
  const ar = floatArith(space.flows);
  const groups = groupWeights(w);
  const lower = lowerBound(space, w);
  const pmf: Array<{ load: number; p: number }> = [];
  const omitted: number[] = [];
  let prev = -Infinity;
  for (const m of candidateLoads(space)) {
    if (!loadAtMost(lower, m)) { prev = m; continue; }
    const p = pmfAtBound(space, groups, m, prev, ar);
    if (p >= MIN_SHOWN) pmf.push({ load: m, p });
    else if (p > 0) omitted.push(m);
    prev = m;
  }
  const d: MaxLoadDistribution = { flows: space.flows, queues: w.length, totalWeight: space.totalWeight, balancedLoad: balanced, pmf };
  if (omitted.length) d.omitted = { count: omitted.length, from: minOf(omitted) };
  return d;
}

/**
 * The same distribution as exact fractions, for integer queue weights (all 1 = uniform;
 * table-entry counts for an indirection table). Slower: big integers throughout.
 */
export function maxLoadDistributionExact(flows: FlowsSpec, queueCounts: readonly (number | bigint)[]): ExactMaxLoadDistribution {
  const space = flowSpace(flows);
  const a = integerWeights(queueCounts);
  const total = a.reduce((s, x) => s + x, 0n);
  const scale = total ** BigInt(space.flows);
  const ar = bigArith(space.flows);
  const groups = groupWeights(a);
  const asFloat = a.map((x) => Number(x));
  const cdf = (m: number) => cdfAtBound(space, groups, m, ar);
  const raw = pmfFromCdf(space, lowerBound(space, asFloat), cdf, (x, y) => x - y, (p) => p > 0n, scale, 0n);
  return {
    flows: space.flows,
    queues: a.length,
    totalWeight: space.totalWeight,
    balancedLoad: balancedLoadOf(space, a.length),
    pmf: raw.map(({ load, p }) => ({ load, p: fraction(p, scale) })),
  };
}

/**
 * P(max load = load) alone, as an exact fraction, straight from the telescoping sum (no CDFs): the
 * reference the doubles engine is tested against at large k and n, one load at a time.
 */
export function maxLoadPmfExactAt(flows: FlowsSpec, queueCounts: readonly (number | bigint)[], load: number): Fraction {
  const space = flowSpace(flows);
  const a = integerWeights(queueCounts);
  const total = a.reduce((s, x) => s + x, 0n);
  const cands = candidateLoads(space);
  const i = cands.findIndex((m) => Math.abs(m - load) <= 1e-9 * Math.max(1, load));
  if (i < 0) return fraction(0n, 1n);
  const below = i === 0 ? -Infinity : cands[i - 1];
  const raw = pmfAtBound(space, groupWeights(a), cands[i], below, bigArith(space.flows));
  return fraction(raw, total ** BigInt(space.flows));
}

/** P(max load = the best achievable), i.e. the flows are spread as evenly as they can be. */
export function pBalanced(d: MaxLoadDistribution): number {
  return d.pmf.find((e) => Math.abs(e.load - d.balancedLoad) <= 1e-9 * Math.max(1, d.balancedLoad))?.p ?? 0;
}

export function pBalancedExact(d: ExactMaxLoadDistribution): Fraction {
  return d.pmf.find((e) => Math.abs(e.load - d.balancedLoad) <= 1e-9 * Math.max(1, d.balancedLoad))?.p ?? fraction(0n, 1n);
}

export function expectedMax(d: MaxLoadDistribution): number {
  return d.pmf.reduce((s, e) => s + e.load * e.p, 0);
}

export function expectedMaxExact(d: ExactMaxLoadDistribution): Fraction {
  return d.pmf.reduce((s, e) => {
    // loads are integers when flows are unweighted; weighted loads go through their double value
    const l = Number.isInteger(e.load) ? fraction(BigInt(e.load), 1n) : decimalFraction(e.load);
    return fraction(s.num * l.den * e.p.den + l.num * e.p.num * s.den, s.den * l.den * e.p.den);
  }, fraction(0n, 1n));
}

function decimalFraction(x: number): Fraction {
  // Weights given as decimals (e.g. 1.5) are taken at face value to 12 places.
  return fraction(BigInt(Math.round(x * 1e12)), 10n ** 12n);
}

/** Below this no placement fits: the largest single flow, and the total spread over the usable queues. */
function lowerBound(space: FlowSpace, weights: readonly number[]): number {
  const usable = weights.filter((w) => w > 0).length;
  const biggest = space.classes.length ? space.classes[space.classes.length - 1].weight : 0;
  return Math.max(biggest, space.totalWeight / usable);
}

function balancedLoadOf(space: FlowSpace, n: number): number {
  if (space.classes.length <= 1) {
    const w = space.classes[0]?.weight ?? 0;
    return Math.ceil(space.flows / n) * w;
  }
  // Weighted flows: the optimal makespan, found as the first bound any placement meets.
  const ar = floatArith(space.flows);
  const groups = groupWeights(uniformWeights(n));
  for (const m of candidateLoads(space)) {
    if (m + 1e-9 < lowerBound(space, uniformWeights(n))) continue;
    if (cdfAtBound(space, groups, m, ar) > 0) return m;
  }
  return space.totalWeight;
}

/** Walks the candidate bounds, differencing the CDF; everything at or above the total weight has cdf = 1. */
function pmfFromCdf<T>(
  space: FlowSpace,
  lower: number,
  cdf: (m: number) => T,
  sub: (a: T, b: T) => T,
  positive: (a: T) => boolean,
  one: T,
  zero: T,
): Array<{ load: number; p: T }> {
  const out: Array<{ load: number; p: T }> = [];
  let prev = zero;
  for (const m of candidateLoads(space)) {
    if (!loadAtMost(lower, m)) continue;
    const c = loadAtMost(space.totalWeight, m) ? one : cdf(m);
    const p = sub(c, prev);
    if (positive(p)) out.push({ load: m, p });
    prev = c;
    if (c === one) break;
  }
  return out;
}
