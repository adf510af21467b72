import { fraction, fractionToNumber } from '../odds/arith';
import { chiSquareSurvival, pearson, pooledGroupsChiSquare, poolCells } from '../stats/chiSquare';
import { expectedMax, maxLoadDistribution, pBalanced } from '../odds/maxLoad';
import { expectedOccupied } from '../odds/occupancy';
import { uniformWeights } from '../odds/weights';

/**
 * Checks the `linux-tx` model (each socket a uniform random 32-bit hash, reciprocal_scale onto
 * n queues → each flow uniform over the queues, independently) against which tx queue a real
 * kernel picked (test/fixtures/txqueues/txqueues.csv: set,N,trial,port,queue).
 *
 * With only ~10 trials per N, per-N tests on the occupancy would have one cell, so the
 * occupancy is tested over all N at once through features that mean the same at every N
 * (how far the max load is above balanced; how many queues sat idle). Each trial's sorted
 * loads (a partition of k, e.g. 3+3+1+1) has an exact multinomial probability; the feature's
 * categories are pooled until each expects ≥ 5 trials and tested with Pearson's statistic
 * generalised to groups with different cell probabilities (chiSquare.pooledGroupsChiSquare).
 * Also: streams per queue index against an even share, Pearson per N, summed over N.
 */
export interface TxTrial {
  n: number;
  trial: string;
  /** queue of each stream, in port order */
  queues: number[];
}

export function parseTxQueues(csv: string): TxTrial[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = lines.shift()?.split(',').map((s) => s.trim());
  const col = (name: string): number => {
    const i = header?.indexOf(name) ?? -1;
    if (i < 0) throw new Error(`txqueues csv: no '${name}' column`);
    return i;
  };
  const [cSet, cN, cTrial, cPort, cQueue] = ['set', 'N', 'trial', 'port', 'queue'].map(col);
  const trials = new Map<string, { n: number; trial: string; rows: Array<[number, number]> }>();
  for (const line of lines) {
    const f = line.split(',').map((s) => s.trim());
    const n = Number(f[cN]);
    const port = Number(f[cPort]);
    const queue = Number(f[cQueue]);
    if (!Number.isInteger(n) || n < 1 || !Number.isInteger(queue) || queue < 0 || queue >= n || !Number.isInteger(port)) {
      throw new Error(`txqueues csv: bad row '${line}'`);
    }
    const key = `${f[cSet]}/${n}/${f[cTrial]}`;
    const t = trials.get(key) ?? { n, trial: `${f[cSet]}/${f[cTrial]}`, rows: [] };
    t.rows.push([port, queue]);
    trials.set(key, t);
  }
  return [...trials.values()].map((t) => ({ n: t.n, trial: t.trial, queues: t.rows.sort((a, b) => a[0] - b[0]).map((r) => r[1]) }));
}

/** Partitions of k into at most n parts, each as descending parts; ascending lexicographic order. */
export function partitions(k: number, n: number): number[][] {
  const out: number[][] = [];
  const rec = (left: number, maxPart: number, parts: number[]): void => {
    if (left === 0) {
      out.push([...parts]);
      return;
    }
    if (parts.length === n) return;
    for (let p = Math.min(left, maxPart); p >= 1; p--) rec(left - p, p, [...parts, p]);
  };
  rec(k, k, []);
  return out.sort(lexCompare);
}

function lexCompare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function factorial(x: number): bigint {
  let r = 1n;
  for (let i = 2; i <= x; i++) r *= BigInt(i);
  return r;
}

/** Exact P(the sorted occupancy is `parts`) for k flows uniform over n queues. */
export function partitionProbability(parts: readonly number[], n: number): number {
  const k = parts.reduce((s, x) => s + x, 0);
  let ways = factorial(k); // which flows go in which part
  for (const p of parts) ways /= factorial(p);
  let queues = factorial(n) / factorial(n - parts.length); // which queue holds which part…
  const mult = new Map<number, number>();
  for (const p of parts) mult.set(p, (mult.get(p) ?? 0) + 1);
  for (const m of mult.values()) queues /= factorial(m); // …up to swapping equal parts
  return fractionToNumber(fraction(ways * queues, BigInt(n) ** BigInt(k)));
}

export interface ChiSquareResult {
  statistic: number;
  df: number;
  pValue: number;
}

interface TxQueuesRow {
  n: number;
  trials: number;
  flows: number;
  observedBalanced: number;
  expectedBalanced: number;
  observedMeanMax: number;
  expectedMeanMax: number;
  observedMeanOccupied: number;
  expectedMeanOccupied: number;
  maxLoad: Array<{ load: number; observed: number; expected: number }>;
  /** Streams per queue index vs an even share. */
  marginal: ChiSquareResult & { observed: number[] };
}

/** A test over all N at once: categories of each trial's occupancy, pooled until each expects ≥ 5. */
interface OccupancyTest extends ChiSquareResult {
  name: string;
  cells: Array<{ label: string; observed: number; expected: number }>;
}

export interface TxQueuesCheck {
  rows: TxQueuesRow[];
  /** Occupancy tests (max load above balanced; idle queues), each summed over N. */
  occupancy: OccupancyTest[];
  /** Per-queue Pearson X², summed over N. */
  marginal: ChiSquareResult;
  alpha: number;
  /** true if any test rejects the model at `alpha` */
  rejected: boolean;
}

/** Features of a trial's occupancy that mean the same thing at every N. */
const FEATURES: ReadonlyArray<{ name: string; labels: string[]; of: (parts: readonly number[], n: number, k: number) => number }> = [
  {
    name: 'max load above the balanced ceil(k/N)',
    labels: ['+0 (balanced)', '+1', '+2 or more'],
    of: (parts, n, k) => Math.min(2, parts[0] - Math.ceil(k / n)),
  },
  {
    name: 'idle queues, min(N, k) − queues used',
    labels: ['0', '1', '2', '3 or more'],
    of: (parts, n, k) => Math.min(3, Math.min(n, k) - parts.length),
  },
];

export function checkTxQueues(trials: readonly TxTrial[], alpha = 0.01): TxQueuesCheck {
  const byN = new Map<number, TxTrial[]>();
  for (const t of trials) byN.set(t.n, [...(byN.get(t.n) ?? []), t]);
  const ns = [...byN.keys()].sort((a, b) => a - b);
  const groups = ns.map((n) => occupancyOf(n, byN.get(n) ?? []));
  const rows = groups.map((g) => rowOf(g));
  const occupancy = FEATURES.map((f) => featureTest(f, groups));
  const statistic = rows.reduce((s, r) => s + r.marginal.statistic, 0);
  const df = rows.reduce((s, r) => s + r.marginal.df, 0);
  const marginal = { statistic, df, pValue: df > 0 ? chiSquareSurvival(statistic, df) : 1 };
  return { rows, occupancy, marginal, alpha, rejected: marginal.pValue < alpha || occupancy.some((t) => t.pValue < alpha) };
}

interface NGroup {
  n: number;
  k: number;
  /** each trial's queue loads by queue index */
  loads: number[][];
  /** each trial's non-zero loads, descending */
  parts: number[][];
}

function occupancyOf(n: number, trials: readonly TxTrial[]): NGroup {
  const k = trials[0].queues.length;
  if (trials.some((t) => t.queues.length !== k)) throw new Error(`txqueues: N=${n} trials have different stream counts`);
  const loads = trials.map((t) => {
    const l = new Array<number>(n).fill(0);
    for (const q of t.queues) l[q]++;
    return l;
  });
  return { n, k, loads, parts: loads.map((l) => l.filter((x) => x > 0).sort((a, b) => b - a)) };
}

function featureTest(f: (typeof FEATURES)[number], groups: readonly NGroup[]): OccupancyTest {
  const C = f.labels.length;
  const per = groups.map((g) => {
    const probs = new Array<number>(C).fill(0);
    for (const p of partitions(g.k, g.n)) probs[f.of(p, g.n, g.k)] += partitionProbability(p, g.n);
    const observed = new Array<number>(C).fill(0);
    for (const p of g.parts) observed[f.of(p, g.n, g.k)]++;
    return { probs, observed };
  });
  const totalObs = f.labels.map((_, c) => per.reduce((s, g) => s + g.observed[c], 0));
  const totalExp = f.labels.map((_, c) => per.reduce((s, g) => s + g.probs[c] * g.observed.reduce((a, b) => a + b, 0), 0));
  const pooled = poolCells(totalObs, totalExp);
  const merge = (v: readonly number[]): number[] => pooled.members.map((m) => m.reduce((s, i) => s + v[i], 0));
  const { statistic, df } = pooledGroupsChiSquare(per.map((g) => ({ observed: merge(g.observed), probs: merge(g.probs) })));
  return {
    name: f.name,
    statistic,
    df,
    pValue: df > 0 ? chiSquareSurvival(statistic, df) : 1,
    cells: pooled.members.map((m, i) => ({ label: m.map((j) => f.labels[j]).join(' / '), observed: pooled.observed[i], expected: pooled.expected[i] })),
  };
}

function rowOf(g: NGroup): TxQueuesRow {
  const { n, k, loads } = g;
  const T = loads.length;
  const perQueue = new Array<number>(n).fill(0);
  for (const l of loads) l.forEach((x, q) => (perQueue[q] += x));
  const margStat = pearson(perQueue, new Array<number>(n).fill((T * k) / n));
  const dist = maxLoadDistribution(k, uniformWeights(n));
  const maxes = loads.map((l) => l.reduce((a, b) => Math.max(a, b), -Infinity));
  return {
    n,
    trials: T,
    flows: k,
    observedBalanced: maxes.filter((m) => m === dist.balancedLoad).length,
    expectedBalanced: T * pBalanced(dist),
    observedMeanMax: maxes.reduce((s, m) => s + m, 0) / T,
    expectedMeanMax: expectedMax(dist),
    observedMeanOccupied: g.parts.reduce((s, p) => s + p.length, 0) / T,
    expectedMeanOccupied: expectedOccupied(k, uniformWeights(n)),
    maxLoad: dist.pmf.map(({ load, p }) => ({ load, observed: maxes.filter((m) => m === load).length, expected: T * p })),
    marginal: { statistic: margStat, df: n - 1, pValue: chiSquareSurvival(margStat, n - 1), observed: perQueue },
  };
}
