import { FlowsSpec, flowSpace } from './flowSpace';
import { maxLoadDistribution, MaxLoadDistribution } from './maxLoad';
import { occupiedDistribution } from './occupancy';

/**
 * Aggregate-throughput models, in units of one queue's capacity c (multiply by c in Gb/s to
 * get Gb/s). n queues can never deliver more than n·c.
 *
 * - 'A' work-conserving: every non-empty queue delivers c, shared by its flows → T = #non-empty.
 * - 'B' slowest stream (lock-step): every flow moves at the pace of the busiest queue, whose
 *   flows share c → T = min(n, W / maxLoad), W = Σ flow weights (k when unweighted).
 */
export type ThroughputModel = 'A' | 'B';

/**
 * The one default model (package.json `queueLens.throughputModel` defaults to it too): work-conserving
 * queues. The spread view used to default to 'B' while the setting said 'A'.
 */
export const DEFAULT_THROUGHPUT_MODEL: ThroughputModel = 'A';

/** A discrete distribution over throughput values (queue-capacity units), ascending, p > 0. */
export type ValueDistribution = Array<{ value: number; p: number }>;

export function throughputDistribution(model: ThroughputModel, flows: FlowsSpec, queueWeights: readonly number[], maxLoad?: MaxLoadDistribution): ValueDistribution {
  const n = queueWeights.length;
  if (model === 'A') {
    const k = flowSpace(flows).flows;
    return occupiedDistribution(k, queueWeights)
      .map((p, o) => ({ value: o, p }))
      .filter((e) => e.p > 0);
  }
  const d = maxLoad ?? maxLoadDistribution(flows, queueWeights);
  return mergeValues(d.pmf.map(({ load, p }) => ({ value: load > 0 ? Math.min(n, d.totalWeight / load) : 0, p })));
}

export function expectedThroughput(model: ThroughputModel, flows: FlowsSpec, queueWeights: readonly number[], maxLoad?: MaxLoadDistribution): number {
  return mean(throughputDistribution(model, flows, queueWeights, maxLoad));
}

/** Throughput if the flows were placed as evenly as possible (the "ideal" row of the spec's §7.3). */
export function balancedThroughput(model: ThroughputModel, flows: FlowsSpec, n: number): number {
  const space = flowSpace(flows);
  if (model === 'A') return Math.min(n, space.flows);
  const d = maxLoadDistribution(flows, new Array<number>(n).fill(1));
  return d.balancedLoad > 0 ? Math.min(n, space.totalWeight / d.balancedLoad) : 0;
}

export function mean(d: ValueDistribution): number {
  return d.reduce((s, e) => s + e.value * e.p, 0);
}

/** Sorts and merges equal values (within 1e-12 relative) so comparisons see ties as ties. */
export function mergeValues(d: ValueDistribution): ValueDistribution {
  const sorted = [...d].sort((a, b) => a.value - b.value);
  const out: ValueDistribution = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && sameValue(last.value, e.value)) last.p += e.p;
    else out.push({ ...e });
  }
  return out;
}

export function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}
