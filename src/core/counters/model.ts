// What a per-queue counter snapshot (or a before/after delta) holds, whatever tool printed it.

/** The tool whose output was read. */
export type CounterSource = 'ethtool' | 'tc-qdisc' | 'tc-class' | 'interrupts' | 'qstats' | 'sysfs';

/**
 * What the numbers count. 'traffic': packets and/or bytes per queue (measured traffic); 'interrupts': IRQ counts
 * per queue from /proc/interrupts, a proxy for activity, never bytes.
 */
export type CounterUnit = 'traffic' | 'interrupts';

/** One queue's counters; null where the source has no such counter. */
export interface QueueCounter {
  /** 0-based queue number. */
  queue: number;
  packets: number | null;
  bytes: number | null;
  /** /proc/interrupts only: interrupts of the queue's vector(s), summed over CPUs. */
  interrupts?: number;
  /** 1-based line of the file where this queue's counters were read (for error messages). */
  line?: number;
}

export interface CounterSnapshot {
  source: CounterSource;
  unit: CounterUnit;
  /** Device name when the text says it (tc's `dev X`, ynl's ifindex as "ifindex N", an IRQ name prefix). */
  device: string | null;
  /** Per-queue naming that was recognised, e.g. "tx_queue_N_bytes (virtio_net, ice)". */
  naming?: string;
  tx: QueueCounter[];
  rx: QueueCounter[];
  /** Things read but not understood or deliberately left out. */
  warnings: string[];
}

/** A per-queue reading failed: the file and 1-based line (0: the file as a whole). */
export class CounterFormatError extends Error {
  constructor(readonly file: string, readonly line: number, readonly reason: string) {
    super(`${file}${line > 0 ? `:${line}` : ''}: ${reason}`);
    this.name = 'CounterFormatError';
  }
}

/** The snapshot has no per-queue counter at all (a driver without them, a single-queue qdisc, ...). */
export class NoQueueCountersError extends CounterFormatError {
  constructor(file: string, reason: string) {
    super(file, 0, reason);
    this.name = 'NoQueueCountersError';
  }
}

/** Queue entries 0..max, filled from a sparse map; queues never seen get nulls. */
export function denseQueues(m: Map<number, QueueCounter>): QueueCounter[] {
  if (m.size === 0) return [];
  const max = Math.max(...m.keys());
  const out: QueueCounter[] = [];
  for (let q = 0; q <= max; q++) out.push(m.get(q) ?? { queue: q, packets: null, bytes: null });
  return out;
}

/** Adds `v` to a counter that may still be null. */
export const addTo = (a: number | null, v: number): number => (a ?? 0) + v;
