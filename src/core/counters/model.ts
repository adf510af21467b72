// What a per-queue counter snapshot (or a before/after delta) holds, whatever tool printed it.

/** The tool whose output was read. */
export type CounterSource = 'ethtool' | 'tc-qdisc' | 'tc-class' | 'interrupts' | 'qstats' | 'sysfs';

/**
 * What the numbers count. 'traffic': packets and/or bytes per queue (measured traffic); 'interrupts': IRQ counts
 * per queue from /proc/interrupts, a proxy for activity, never bytes.
 */
type CounterUnit = 'traffic' | 'interrupts';

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

/**
 * The highest queue index a counter file may name. Linux caps a device at 4 096 tx queues by default (and real
 * NICs have at most a few hundred); a larger index is a wrong or hostile file, refused before anything is allocated.
 */
export const MAX_QUEUE_INDEX = 4095;

/** Queue entries 0..max, filled from a sparse map; queues never seen get nulls. Throws above MAX_QUEUE_INDEX. */
export function denseQueues(m: Map<number, QueueCounter>, file: string): QueueCounter[] {
  if (m.size === 0) return [];
  let max = -1;
  for (const [q, c] of m) {
    if (!Number.isSafeInteger(q) || q < 0 || q > MAX_QUEUE_INDEX) {
      throw new CounterFormatError(file, c.line ?? 0, `queue ${q} is beyond the ${MAX_QUEUE_INDEX + 1} queues a device can have: not a real counter dump`);
    }
    if (q > max) max = q;
  }
  const out: QueueCounter[] = [];
  for (let q = 0; q <= max; q++) out.push(m.get(q) ?? { queue: q, packets: null, bytes: null });
  return out;
}

/**
 * A counter value as read: a non-negative integer of at most 2^53 (beyond that a double no longer holds every
 * integer, so a delta would be wrong). Throws naming the file and line otherwise.
 */
export function counterValue(text: string, file: string, line: number, what: string): number {
  const v = Number(text);
  if (!Number.isFinite(v) || v < 0 || !Number.isInteger(v)) {
    throw new CounterFormatError(file, line, `${what} is ${text.trim().slice(0, 40)}: a counter is a non-negative integer`);
  }
  if (v > Number.MAX_SAFE_INTEGER) {
    throw new CounterFormatError(file, line, `${what} is ${text.trim().slice(0, 40)}, beyond 2^53: too large to count exactly`);
  }
  return v;
}

/** Adds `v` to a counter that may still be null. */
export const addTo = (a: number | null, v: number): number => (a ?? 0) + v;
