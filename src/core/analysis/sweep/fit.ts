import { FlowsSpec } from '../odds/flowSpace';
import { mean, throughputDistribution, ThroughputModel } from '../odds/throughput';

/** One measured run: n queues gave `throughput` (any unit, e.g. Gb/s). */
export interface MeasuredRun {
  n: number;
  throughput: number;
}

export interface CapacityFit {
  /** Which spread model (A or B) turns a per-queue capacity into an aggregate. */
  base: ThroughputModel;
  /** Fitted per-queue capacity c, in the runs' unit. */
  capacity: number;
  /** Root-mean-square residual, in the runs' unit. */
  rmse: number;
  /** Expected throughput with n queues under the fitted c. */
  predict(n: number): number;
  runs: Array<{
    n: number;
    measured: number;
    expected: number;
    /** P(a run at this n is at or below the measured value) under the fitted model: small = unusually slow. */
    percentile: number;
  }>;
}

/**
 * Model C: a per-queue capacity fitted to measured runs. The spread of flows over queues is
 * random (model A or B gives X_n = T_n / c as a distribution), so E[T_n] = c·E[X_n] and c is the
 * least-squares fit through the origin: c = Σ y_i·E[X_{n_i}] / Σ E[X_{n_i}]². One parameter, so
 * it cannot absorb a dip at one n — which is what makes a dip visible: each run also gets the
 * probability of a run that slow or slower.
 */
export function fitQueueCapacity(runs: readonly MeasuredRun[], flows: FlowsSpec, weightsFor: (n: number) => readonly number[], base: ThroughputModel = 'A'): CapacityFit {
  if (runs.length === 0) throw new RangeError('need at least one measured run');
  const cache = new Map<number, ReturnType<typeof throughputDistribution>>();
  const distAt = (n: number) => {
    let d = cache.get(n);
    if (!d) cache.set(n, (d = throughputDistribution(base, flows, weightsFor(n))));
    return d;
  };
  let sxy = 0;
  let sxx = 0;
  for (const r of runs) {
    if (!(r.throughput >= 0) || !Number.isFinite(r.throughput)) throw new RangeError(`bad throughput ${r.throughput}`);
    const x = mean(distAt(r.n));
    sxy += x * r.throughput;
    sxx += x * x;
  }
  const c = sxx > 0 ? sxy / sxx : 0;
  const rows = runs.map((r) => {
    const d = distAt(r.n);
    const expected = c * mean(d);
    // tolerance so a run exactly on a model value counts as "at or below"
    const percentile = d.filter((e) => c * e.value <= r.throughput * (1 + 1e-9)).reduce((s, e) => s + e.p, 0);
    return { n: r.n, measured: r.throughput, expected, percentile };
  });
  const rmse = Math.sqrt(rows.reduce((s, r) => s + (r.measured - r.expected) ** 2, 0) / rows.length);
  return { base, capacity: c, rmse, predict: (n) => c * mean(distAt(n)), runs: rows };
}

/** Fits both bases and returns the one with the smaller residual. */
export function fitBestCapacity(runs: readonly MeasuredRun[], flows: FlowsSpec, weightsFor: (n: number) => readonly number[]): CapacityFit {
  const a = fitQueueCapacity(runs, flows, weightsFor, 'A');
  const b = fitQueueCapacity(runs, flows, weightsFor, 'B');
  return b.rmse < a.rmse ? b : a;
}
