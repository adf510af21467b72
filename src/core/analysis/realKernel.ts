import { fraction, fractionToNumber } from './arith';
import { chiSquareSurvival, pearson, poolCells } from './chiSquare';
import { expectedMax, maxLoadDistribution, pBalanced } from './maxLoad';
import { expectedOccupied } from './occupancy';
import { uniformWeights } from './weights';

/**
 * Checks the `linux-tx` model (each socket a uniform random 32-bit hash, reciprocal_scale onto
 * n queues → each flow uniform over the queues, independently) against which tx queue a real
 * kernel picked (../shared/fixtures/txqueues/txqueues.csv: set,N,trial,port,queue).
 *
 * Two Pearson tests per N, summed over N (independent trials, so the X² add and so do the df):
 * - occupancy: each trial's sorted queue loads (a partition of k, e.g. 3+3+1+1) against its
 *   exact multinomial probability; partitions ordered lexicographically (most even first) and
 *   adjacent ones pooled until each cell expects ≥ 5 trials.
 * - marginal: streams per queue index against k·trials/N each.
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

export interface TxQueuesRow {
  n: number;
  trials: number;
  flows: number;
  observedBalanced: number;
  expectedBalanced: number;
  observedMeanMax: number;
  expectedMeanMax: number;
  observedMeanOccupied: number;
  expectedMeanOccupied: number;
  /** max load → [observed trials, expected trials] */
  maxLoad: Array<{ load: number; observed: number; expected: number }>;
  occupancy: ChiSquareResult & { cells: Array<{ partitions: string[]; observed: number; expected: number }> };
  marginal: ChiSquareResult & { observed: number[] };
}

export interface TxQueuesCheck {
  rows: TxQueuesRow[];
  occupancy: ChiSquareResult;
  marginal: ChiSquareResult;
  alpha: number;
  /** true if either test rejects the model at `alpha` */
  rejected: boolean;
}

export function checkTxQueues(trials: readonly TxTrial[], alpha = 0.01): TxQueuesCheck {
  const byN = new Map<number, TxTrial[]>();
  for (const t of trials) byN.set(t.n, [...(byN.get(t.n) ?? []), t]);
  const rows = [...byN.keys()].sort((a, b) => a - b).map((n) => checkOneN(n, byN.get(n) ?? []));
  const sum = (pick: (r: TxQueuesRow) => ChiSquareResult): ChiSquareResult => {
    const statistic = rows.reduce((s, r) => s + pick(r).statistic, 0);
    const df = rows.reduce((s, r) => s + pick(r).df, 0);
    return { statistic, df, pValue: df > 0 ? chiSquareSurvival(statistic, df) : 1 };
  };
  const occupancy = sum((r) => r.occupancy);
  const marginal = sum((r) => r.marginal);
  return { rows, occupancy, marginal, alpha, rejected: occupancy.pValue < alpha || marginal.pValue < alpha };
}

function checkOneN(n: number, trials: readonly TxTrial[]): TxQueuesRow {
  const k = trials[0].queues.length;
  if (trials.some((t) => t.queues.length !== k)) throw new Error(`txqueues: N=${n} trials have different stream counts`);
  const T = trials.length;
  const loadsOf = (t: TxTrial): number[] => {
    const l = new Array<number>(n).fill(0);
    for (const q of t.queues) l[q]++;
    return l;
  };
  const occ = trials.map(loadsOf);
  const sortedParts = occ.map((l) => l.filter((x) => x > 0).sort((a, b) => b - a));

  // occupancy partitions
  const parts = partitions(k, n);
  const key = (p: readonly number[]): string => p.join('+');
  const obsParts = parts.map((p) => sortedParts.filter((s) => key(s) === key(p)).length);
  const expParts = parts.map((p) => T * partitionProbability(p, n));
  const pooled = poolCells(obsParts, expParts);
  const occStat = pearson(pooled.observed, pooled.expected);
  const occDf = pooled.expected.length - 1;

  // marginal queue usage
  const perQueue = new Array<number>(n).fill(0);
  for (const l of occ) l.forEach((x, q) => (perQueue[q] += x));
  const margStat = pearson(perQueue, new Array<number>(n).fill((T * k) / n));
  const margDf = n - 1;

  const dist = maxLoadDistribution(k, uniformWeights(n));
  const maxes = occ.map((l) => Math.max(...l));
  const loads = dist.pmf.map((e) => e.load);
  return {
    n,
    trials: T,
    flows: k,
    observedBalanced: maxes.filter((m) => m === dist.balancedLoad).length,
    expectedBalanced: T * pBalanced(dist),
    observedMeanMax: maxes.reduce((s, m) => s + m, 0) / T,
    expectedMeanMax: expectedMax(dist),
    observedMeanOccupied: occ.reduce((s, l) => s + l.filter((x) => x > 0).length, 0) / T,
    expectedMeanOccupied: expectedOccupied(k, uniformWeights(n)),
    maxLoad: loads.map((load) => ({ load, observed: maxes.filter((m) => m === load).length, expected: T * (dist.pmf.find((e) => e.load === load)?.p ?? 0) })),
    occupancy: {
      statistic: occStat,
      df: occDf,
      pValue: occDf > 0 ? chiSquareSurvival(occStat, occDf) : 1,
      cells: pooled.members.map((m, i) => ({ partitions: m.map((j) => key(parts[j])), observed: pooled.observed[i], expected: pooled.expected[i] })),
    },
    marginal: { statistic: margStat, df: margDf, pValue: chiSquareSurvival(margStat, margDf), observed: perQueue },
  };
}
