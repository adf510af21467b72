// How evenly a set of per-queue values is spread: share of the total, max/mean and Jain's fairness index.
import { maxOf } from '../analysis/stats/extremes';

/** A queue carrying less than this share of the busiest queue's count is idle (a control connection, ARP, ...). */
export const BUSY_SHARE = 0.01;

/** Queues counted busy: at least BUSY_SHARE of the largest value. */
export function busyQueueCount(values: readonly number[]): number {
  const max = Math.max(0, maxOf(values));
  return max > 0 ? values.filter((b) => b >= max * BUSY_SHARE).length : 0;
}

export interface Imbalance {
  total: number;
  /** Each queue's share of the total (0 when the total is 0). */
  shares: number[];
  /** Queues with at least BUSY_SHARE of the largest value. */
  busy: number;
  /** Queues with a non-zero value. */
  nonZero: number;
  /** max / mean over all queues (1 = even; n = everything on one queue); null when the total is 0. */
  maxOverMean: number | null;
  /** Jain's index (Σx)² / (n·Σx²): 1 = even, 1/n = one queue; null when the total is 0. */
  jain: number | null;
}

export function imbalance(values: readonly number[]): Imbalance {
  const n = values.length;
  const total = values.reduce((s, v) => s + v, 0);
  const sq = values.reduce((s, v) => s + v * v, 0);
  return {
    total,
    shares: values.map((v) => (total > 0 ? v / total : 0)),
    busy: busyQueueCount(values),
    nonZero: values.filter((v) => v > 0).length,
    maxOverMean: total > 0 && n > 0 ? maxOf(values) / (total / n) : null,
    jain: sq > 0 && n > 0 ? (total * total) / (n * sq) : null,
  };
}
