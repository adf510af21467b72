import { FlowsSpec } from './flowSpace';
import { Xoshiro128 } from './prng';
import { normaliseWeights } from './weights';

export interface MonteCarloOptions {
  trials: number;
  seed: number;
}

export interface MonteCarloResult {
  trials: number;
  /** max load → how many trials had it */
  maxLoad: Map<number, number>;
  /** #non-empty queues → how many trials */
  occupied: Map<number, number>;
  meanMax: number;
  /** Mean throughput under models A and B (queue-capacity units). */
  meanA: number;
  meanB: number;
}

/**
 * Places the flows at random `trials` times and tallies what the exact engines predict.
 * Only for cross-checking them: same inputs, independent method.
 */
export function simulate(flows: FlowsSpec, queueWeights: readonly number[], opts: MonteCarloOptions): MonteCarloResult {
  const fw = typeof flows === 'number' ? new Array<number>(flows).fill(1) : [...flows];
  const total = fw.reduce((s, w) => s + w, 0);
  const p = normaliseWeights(queueWeights);
  const n = p.length;
  const cum: number[] = [];
  let acc = 0;
  for (const x of p) cum.push((acc += x));
  const rng = new Xoshiro128(opts.seed);
  const maxLoad = new Map<number, number>();
  const occupied = new Map<number, number>();
  const load = new Float64Array(n);
  let sumMax = 0;
  let sumA = 0;
  let sumB = 0;
  for (let t = 0; t < opts.trials; t++) {
    load.fill(0);
    for (const w of fw) load[pick(cum, rng.nextFloat())] += w;
    let max = 0;
    let used = 0;
    for (let q = 0; q < n; q++) {
      if (load[q] > max) max = load[q];
      if (load[q] > 0) used++;
    }
    const key = Math.round(max * 1e9) / 1e9; // weighted sums: drop float dust from the order of addition
    maxLoad.set(key, (maxLoad.get(key) ?? 0) + 1);
    occupied.set(used, (occupied.get(used) ?? 0) + 1);
    sumMax += max;
    sumA += used;
    sumB += max > 0 ? Math.min(n, total / max) : 0;
  }
  const T = opts.trials;
  return { trials: T, maxLoad, occupied, meanMax: sumMax / T, meanA: sumA / T, meanB: sumB / T };
}

/** First queue whose cumulative weight exceeds u (binary search); zero-weight queues are never picked. */
function pick(cum: readonly number[], u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u < cum[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
