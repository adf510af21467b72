// after − before, per queue: only when both snapshots are of the same device, format and queue set.
import { CounterFormatError, CounterSnapshot, QueueCounter } from './model';

export interface Named { snap: CounterSnapshot; file: string }

function lineOf(c: QueueCounter | undefined): number {
  return c?.line ?? 0;
}

function diffSide(before: Named, after: Named, dir: 'tx' | 'rx'): QueueCounter[] {
  const b = before.snap[dir];
  const a = after.snap[dir];
  if (a.length !== b.length) {
    throw new CounterFormatError(after.file, lineOf(a[Math.min(a.length, b.length)] ?? a[a.length - 1]),
      `${a.length} ${dir} queues here but ${b.length} in ${before.file}: not the same queue set (the queue count changed between the snapshots)`);
  }
  return a.map((x, i) => {
    const y = b[i];
    const out: QueueCounter = { queue: x.queue, packets: null, bytes: null };
    for (const k of ['packets', 'bytes', 'interrupts'] as const) {
      const av = x[k];
      const bv = y[k];
      if (av === undefined || bv === undefined) continue;
      if (av === null || bv === null) { if (k !== 'interrupts') out[k] = null; continue; }
      if (av < bv) {
        throw new CounterFormatError(after.file, lineOf(x),
          `${dir} queue ${x.queue} ${k} went down (${bv} in ${before.file} line ${lineOf(y)}, ${av} here): counters reset, or before and after swapped`);
      }
      out[k] = av - bv;
    }
    if (x.line !== undefined) out.line = x.line;
    return out;
  });
}

/** The per-queue difference after − before; throws, naming the file and line, when the pair does not match. */
export function counterDelta(before: Named, after: Named): CounterSnapshot {
  const b = before.snap;
  const a = after.snap;
  if (a.source !== b.source) {
    throw new CounterFormatError(after.file, 0, `${a.source} output, but ${before.file} is ${b.source} output: before and after must come from the same tool`);
  }
  if (a.device !== null && b.device !== null && a.device !== b.device) {
    throw new CounterFormatError(after.file, lineOf(a.tx[0] ?? a.rx[0]), `device ${a.device} here but ${b.device} in ${before.file}: snapshots of different devices`);
  }
  if (a.naming !== undefined && b.naming !== undefined && a.naming !== b.naming) {
    // two drivers (ethtool names its counters per driver) or a root qdisc re-created between the snapshots
    throw new CounterFormatError(after.file, lineOf(a.tx[0] ?? a.rx[0]),
      `counters named "${a.naming}" here but "${b.naming}" in ${before.file}: ${a.source === 'ethtool' ? 'snapshots of two drivers' : 'the root qdisc or class changed between the snapshots'}, no delta`);
  }
  return {
    source: a.source,
    unit: a.unit,
    device: a.device ?? b.device,
    naming: a.naming,
    tx: diffSide(before, after, 'tx'),
    rx: diffSide(before, after, 'rx'),
    warnings: [...b.warnings.map((w) => `${before.file}: ${w}`), ...a.warnings],
  };
}
