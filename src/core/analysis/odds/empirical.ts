import { mergeValues, ValueDistribution } from './throughput';

/**
 * The same statistics as the exact engines, but over a list of concrete placements — e.g. an
 * exact hash preset applied to every possible start port of k consecutive client ports, each
 * start port equally likely. Each run is the queue of each flow (0-based) with n queues.
 */
export interface EmpiricalSpread {
  n: number;
  runs: number;
  pBalanced: number;
  expectedMax: number;
  maxLoad: ValueDistribution;
  /** Throughput distributions in queue-capacity units (models as in throughput.ts). */
  throughput: { A: ValueDistribution; B: ValueDistribution };
}

export function empiricalSpread(n: number, runs: ReadonlyArray<readonly number[]>): EmpiricalSpread {
  if (runs.length === 0) throw new RangeError('no runs');
  const p = 1 / runs.length;
  const max: ValueDistribution = [];
  const a: ValueDistribution = [];
  const b: ValueDistribution = [];
  let balanced = 0;
  for (const run of runs) {
    const k = run.length;
    const loads = new Array<number>(n).fill(0);
    for (const q of run) {
      if (!Number.isInteger(q) || q < 0 || q >= n) throw new RangeError(`queue ${q} is not one of 0..${n - 1}`);
      loads[q]++;
    }
    const m = loads.reduce((a, b) => Math.max(a, b), -Infinity);
    if (m === Math.ceil(k / n)) balanced++;
    max.push({ value: m, p });
    a.push({ value: loads.filter((x) => x > 0).length, p });
    b.push({ value: m > 0 ? Math.min(n, k / m) : 0, p });
  }
  const maxLoad = mergeValues(max);
  return {
    n,
    runs: runs.length,
    pBalanced: balanced / runs.length,
    expectedMax: maxLoad.reduce((s, e) => s + e.value * e.p, 0),
    maxLoad,
    throughput: { A: mergeValues(a), B: mergeValues(b) },
  };
}
