// Do a run set's measured busy-queue counts fit the model's odds? Pearson's X² over (n, busy) cells, its p-value by
// a seeded Monte Carlo under the model (exact distribution, no χ² approximation, which small counts would break).
import { occupiedDistribution } from '../odds/occupancy';
import { Xoshiro128 } from '../odds/prng';
import type { BusyFit } from './compareModel';

export interface BusyRun {
  queues: number;
  streams: number;
  busy: number;
}

const PROB_FLOOR = 1e-300;

/** X² of counts against probabilities × runs, over the cells with non-zero probability; Infinity if a count sits in a zero cell. */
function pearson(observed: readonly number[], probs: readonly number[], runs: number): number {
  let x2 = 0;
  for (let o = 0; o < probs.length; o++) {
    const e = runs * probs[o];
    if (e <= PROB_FLOOR) {
      if (observed[o] > 0) return Infinity;
      continue;
    }
    x2 += (observed[o] - e) ** 2 / e;
  }
  return x2;
}

/** Draws one busy count from a distribution by its cumulative sums. */
function draw(cum: readonly number[], u: number): number {
  for (let i = 0; i < cum.length; i++) if (u < cum[i]) return i;
  return cum.length - 1;
}

/**
 * The fit of busy counts to `weightsFor(n)`'s busy-queue distribution for each run's k. Runs are grouped by (n, k);
 * n = 1 says nothing (always one busy queue) and is left out. undefined when no run has n ≥ 2.
 */
export function busyQueueFit(runs: readonly BusyRun[], weightsFor: (n: number) => number[], draws = 10_000, seed = 1): BusyFit | undefined {
  const groups = new Map<string, { n: number; k: number; observed: number[] }>();
  for (const r of runs) {
    if (r.queues < 2) continue;
    const key = `${r.queues}/${r.streams}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { n: r.queues, k: r.streams, observed: new Array<number>(r.queues + 1).fill(0) }));
    if (r.busy >= 0 && r.busy <= r.queues) g.observed[r.busy]++;
  }
  const cells = [...groups.values()].sort((a, b) => a.n - b.n || a.k - b.k).map((g) => {
    const probs = occupiedDistribution(g.k, weightsFor(g.n));
    const total = g.observed.reduce((s, x) => s + x, 0);
    return { ...g, probs, total };
  });
  if (cells.length === 0) return undefined;
  const statistic = cells.reduce((s, c) => s + pearson(c.observed, c.probs, c.total), 0);
  let pValue: number;
  if (statistic === Infinity) {
    pValue = 0;
  } else {
    const rng = new Xoshiro128(seed);
    const cums = cells.map((c) => { let a = 0; return c.probs.map((p) => (a += p)); });
    let atLeast = 0;
    const sim = cells.map((c) => new Array<number>(c.probs.length).fill(0));
    for (let d = 0; d < draws; d++) {
      let x2 = 0;
      for (let i = 0; i < cells.length; i++) {
        sim[i].fill(0);
        for (let r = 0; r < cells[i].total; r++) sim[i][draw(cums[i], rng.nextFloat())]++;
        x2 += pearson(sim[i], cells[i].probs, cells[i].total);
      }
      // a relative hair, so a draw equal to the observed table counts despite the order of additions
      if (x2 >= statistic * (1 - 1e-12)) atLeast++;
    }
    pValue = (1 + atLeast) / (1 + draws);
  }
  return {
    test: 'pearson-chi-square-monte-carlo', statistic, pValue, draws, seed,
    runs: cells.reduce((s, c) => s + c.total, 0), queueCounts: cells.length,
    cells: cells.map((c) => ({ n: c.n, observed: c.observed, expected: c.probs.map((p) => p * c.total) })),
  };
}
