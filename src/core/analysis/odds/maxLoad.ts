import { bigArith, Fraction, fraction, floatArith, fractionToNumber } from './arith';
import { candidateLoads, flowSpace, FlowSpace, FlowsSpec, loadAtMost } from './flowSpace';
import { cdfAtBound, groupWeights } from './maxLoadEngine';
import { integerWeights, normaliseWeights, uniformWeights } from './weights';

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
}

export interface ExactMaxLoadDistribution extends Omit<MaxLoadDistribution, 'pmf'> {
  pmf: Array<{ load: number; p: Fraction }>;
}

/**
 * Exact (in doubles) distribution of the max queue load when each flow independently picks
 * queue q with probability ∝ queueWeights[q]. `flows` is k (unit flows) or each flow's weight.
 */
export function maxLoadDistribution(flows: FlowsSpec, queueWeights: readonly number[]): MaxLoadDistribution {
  const space = flowSpace(flows);
  const w = normaliseWeights(queueWeights);
  const ar = floatArith(space.flows);
  const groups = groupWeights(w);
  const balanced = balancedLoadOf(space, w.length);
  const cdf = (m: number) => cdfAtBound(space, groups, m, ar);
  const pmf = pmfFromCdf(space, lowerBound(space, w), cdf, (a, b) => a - b, (p) => p > 0, 1, 0);
  return { flows: space.flows, queues: w.length, totalWeight: space.totalWeight, balancedLoad: balanced, pmf };
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

/** Doubles view of an exact distribution. */
export function toFloatDistribution(d: ExactMaxLoadDistribution): MaxLoadDistribution {
  return { ...d, pmf: d.pmf.map(({ load, p }) => ({ load, p: fractionToNumber(p) })) };
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
