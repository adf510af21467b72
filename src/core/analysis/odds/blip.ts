import { FlowsSpec } from './flowSpace';
import { sameValue, throughputDistribution, ThroughputModel, ValueDistribution } from './throughput';

export interface RunComparison {
  /** P(X < Y) */
  less: number;
  /** P(X = Y) */
  equal: number;
  /** P(X > Y) */
  greater: number;
}

/** Compares one draw X of `x` with an independent draw Y of `y`. */
export function compareDistributions(x: ValueDistribution, y: ValueDistribution): RunComparison {
  let less = 0;
  let equal = 0;
  let greater = 0;
  for (const a of x) {
    for (const b of y) {
      const p = a.p * b.p;
      if (sameValue(a.value, b.value)) equal += p;
      else if (a.value < b.value) less += p;
      else greater += p;
    }
  }
  return { less, equal, greater };
}

export interface BlipResult {
  n: number;
  model: ThroughputModel;
  /** P(a run at n queues is strictly slower than an independent run at n−1). */
  pSlower: number;
  pSame: number;
  pFaster: number;
}

/**
 * The "blip at five queues" question: each run re-draws the flows' queues (new sockets, new
 * random hashes), so two runs are independent draws from their throughput distributions.
 * `weightsFor(n)` gives the queue weights with n queues (uniform, a preset's table fill, …).
 */
export function blipProbability(model: ThroughputModel, flows: FlowsSpec, n: number, weightsFor: (n: number) => readonly number[]): BlipResult {
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`the blip compares n with n−1, so n ≥ 2; got ${n}`);
  const now = throughputDistribution(model, flows, weightsFor(n));
  const before = throughputDistribution(model, flows, weightsFor(n - 1));
  const c = compareDistributions(now, before);
  return { n, model, pSlower: c.less, pSame: c.equal, pFaster: c.greater };
}
