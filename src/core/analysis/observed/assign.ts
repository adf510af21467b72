/**
 * The observed spread of a run: which tx queue each stream used, from the streams' bytes and the per-queue byte
 * deltas. Every assignment of streams to queues whose per-queue sums match the deltas (within a tolerance, after
 * one common scale for headers) is enumerated; a stream's queue is stated only when all of them agree. Pure.
 */
import { busyQueueCount } from '../../counters/imbalance';

export interface StreamBytes {
  /** Port of the stream's local end (the client port in a client log). */
  localPort: number;
  /** Bytes the stream sent on the counted queues' side (payload from a log, or wire bytes from a capture). */
  bytes: number;
}

export interface ObservedOptions {
  /**
   * Where the streams' bytes come from: 'capture', wire segments rebuilt from a capture (wireBytes.ts: exact), or
   * 'log', a log's payload totals (a few % off: data still buffered at the end, retransmits, headers).
   */
  bytesSource: 'capture' | 'log';
  /** Bytes on a queue no stream explains (the capture's other traffic); default 16 KiB. */
  slackBytes?: number;
  /** Relative tolerance per queue; default 0.002 % (capture) or 6 % (log), widened step by step when nothing fits. */
  tolerance?: number;
  /** Stop after this many consistent assignments (then nothing is stated per stream). Default 200 000. */
  maxSolutions?: number;
  /** Stop after this many search steps (then nothing is stated per stream). Default 2 000 000. */
  maxSteps?: number;
}

export interface ObservedStream {
  localPort: number;
  /** The queue every consistent assignment gives this stream; null when they disagree. */
  queue: number | null;
  /** Every queue some consistent assignment gives it, ascending. */
  candidates: number[];
}

export interface ObservedSpread {
  queues: number;
  /** Queues whose delta is at least BUSY_SHARE of the largest queue's (control connections and ARP do not count). */
  busyQueues: number;
  queueBytes: number[];
  /** Streams per queue where every consistent assignment agrees; null where they do not. */
  streamsPerQueue: Array<number | null>;
  streams: ObservedStream[];
  /**
   * Streams that share one queue in every consistent assignment (by local port), with the queues the group may be
   * on: which streams went together is often known when which queue is not (equal byte counts on busy queues).
   */
  groups: Array<{ localPorts: number[]; candidates: number[] }>;
  /**
   * true when every consistent assignment puts exactly these groups on separate queues: then the streams per busy
   * queue are known as a multiset (the groups' sizes) even where streamsPerQueue leaves the queue order open.
   */
  groupsComplete: boolean;
  /** Consistent assignments found (capped at maxSolutions). */
  solutions: number;
  /** false: the search stopped at the cap, so nothing per stream is stated. */
  exhaustive: boolean;
  bytesSource: 'capture' | 'log';
  /** Counter bytes per stream byte (headers; the iperf control connection and other traffic included). */
  scale: number;
  /** The relative tolerance the assignments were found with. */
  tolerance: number;
  warnings: string[];
}

/** A queue carrying less than this share of the busiest queue's bytes is idle (control connection, ARP, ...). */
export const BUSY_SHARE = 0.01;
/**
 * Wire bytes rebuilt from a capture match the counters to the byte (measured-queues' six runs: the per-port htb
 * counters exactly), so a capture's tolerance is 0.002 % (1 kB in 50 MB) on top of the slack for the other traffic;
 * a log's totals only to a few % (see logTolerance in observeRun.ts).
 */
const DEFAULT_TOLERANCE = { capture: 0.00002, log: 0.06 } as const;
const WIDEN = [1, 2, 4, 8];
/** Bytes on a queue that no stream explains when nothing better is known: the iperf control connection, ARP. */
export const SLACK_BYTES = 16 * 1024;


interface Search {
  solutions: number; seen: Array<Set<number>>; counts: Array<Set<number>>; capped: boolean;
  /** together[i][j]: streams i and j shared a queue in every solution so far; apart: in none. */
  together: boolean[][]; apart: boolean[][];
  /** The step budget ran out before the search was complete. */
  outOfSteps: boolean;
}

/** Classes of the "always on one queue" relation, and whether different classes never share a queue. */
function groupsOf(r: Search, streams: readonly StreamBytes[]): { groups: ObservedSpread['groups']; complete: boolean } {
  const k = streams.length;
  const cls = new Array<number>(k).fill(-1);
  const groups: ObservedSpread['groups'] = [];
  let complete = true;
  for (let a = 0; a < k; a++) {
    if (cls[a] >= 0) continue;
    cls[a] = groups.length;
    const members = [a];
    for (let b = a + 1; b < k; b++) if (cls[b] < 0 && r.together[a][b]) { cls[b] = cls[a]; members.push(b); }
    groups.push({ localPorts: members.map((i) => streams[i].localPort), candidates: [...r.seen[a]].sort((x, y) => x - y) });
  }
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) if (cls[a] !== cls[b] && !r.apart[a][b]) complete = false;
  return { groups, complete };
}

function search(bytes: readonly number[], targets: readonly number[], tol: number, slack: number, cap: number, maxSteps: number): Search {
  const k = bytes.length;
  const n = targets.length;
  const order = bytes.map((_, i) => i).sort((a, b) => bytes[b] - bytes[a]);
  const hi = targets.map((t) => t * (1 + tol) + slack);
  const lo = targets.map((t) => t * (1 - tol) - slack);
  const sums = new Array<number>(n).fill(0);
  const load = new Array<number>(n).fill(0);
  const at = new Array<number>(k).fill(-1);
  const suffix = new Array<number>(k + 1).fill(0);
  for (let i = k - 1; i >= 0; i--) suffix[i] = suffix[i + 1] + bytes[order[i]];
  const out: Search = {
    solutions: 0, seen: bytes.map(() => new Set()), counts: targets.map(() => new Set()), capped: false,
    together: bytes.map(() => bytes.map(() => true)), apart: bytes.map(() => bytes.map(() => true)), outOfSteps: false,
  };
  let steps = 0;
  const step = (d: number): void => {
    if (out.capped) return;
    if (++steps > maxSteps) { out.capped = true; out.outOfSteps = true; return; }
    let deficit = 0;
    for (let j = 0; j < n; j++) deficit += Math.max(0, lo[j] - sums[j]);
    if (deficit > suffix[d] + 1e-6) return;
    if (d === k) {
      out.solutions++;
      for (let i = 0; i < k; i++) out.seen[i].add(at[i]);
      for (let j = 0; j < n; j++) out.counts[j].add(load[j]);
      for (let a = 0; a < k; a++) {
        for (let b = a + 1; b < k; b++) {
          if (at[a] === at[b]) out.apart[a][b] = false;
          else out.together[a][b] = false;
        }
      }
      if (out.solutions >= cap) out.capped = true;
      return;
    }
    const s = order[d];
    for (let j = 0; j < n; j++) {
      if (sums[j] + bytes[s] > hi[j]) continue;
      sums[j] += bytes[s]; load[j]++; at[s] = j;
      step(d + 1);
      sums[j] -= bytes[s]; load[j]--; at[s] = -1;
    }
  };
  step(0);
  return out;
}

/**
 * Matches streams' bytes to per-queue byte deltas. Throws when the inputs cannot be matched at all (no streams,
 * no bytes counted).
 */
export function observedSpread(streams: readonly StreamBytes[], queueBytes: readonly number[], opts: ObservedOptions): ObservedSpread {
  const n = queueBytes.length;
  const warnings: string[] = [];
  const total = queueBytes.reduce((s, b) => s + b, 0);
  const streamTotal = streams.reduce((s, x) => s + x.bytes, 0);
  const busyQueues = busyQueueCount(queueBytes);
  const undetermined = (tolerance: number, solutions: number, exhaustive: boolean, scale: number): ObservedSpread => ({
    queues: n, busyQueues, queueBytes: [...queueBytes], streamsPerQueue: queueBytes.map(() => null),
    streams: streams.map((s) => ({ localPort: s.localPort, queue: null, candidates: queueBytes.map((_, q) => q).filter((q) => queueBytes[q] > 0) })),
    groups: [], groupsComplete: false, solutions, exhaustive, bytesSource: opts.bytesSource, scale, tolerance, warnings,
  });
  if (n === 0) throw new RangeError('no queues counted');
  if (streams.length === 0) throw new RangeError('no streams to match against the counters');
  if (!(total > 0)) throw new RangeError('the counters show no bytes on any queue (before and after equal?)');
  if (!(streamTotal > 0)) throw new RangeError('the streams carry no bytes');
  const scale = total / streamTotal;
  if (scale < 0.8 || scale > 1.5) {
    warnings.push(`the counters hold ${scale.toFixed(3)}× the streams' bytes (headers alone give about 1.03–1.05×): ` +
      'other traffic, another device, or counters not taken around this run');
  }
  // in stream units: what each queue carried once the common header/other-traffic factor is divided out
  const targets = queueBytes.map((b) => b / scale);
  const slack = (opts.slackBytes ?? SLACK_BYTES) / scale;
  const base = opts.tolerance ?? DEFAULT_TOLERANCE[opts.bytesSource];
  const cap = opts.maxSolutions ?? 200_000;
  const maxSteps = opts.maxSteps ?? 2_000_000;
  for (const w of WIDEN) {
    const tol = base * w;
    const r = search(streams.map((s) => s.bytes), targets, tol, slack, cap, maxSteps);
    if (r.outOfSteps) {
      warnings.push(`the search for assignments stopped after ${maxSteps} steps (${r.solutions} found): too many streams to tell apart this way; nothing per stream is stated`);
      return undetermined(tol, r.solutions, false, scale);
    }
    if (r.solutions === 0) continue;
    if (w > 1) warnings.push(`no assignment fits within ${(base * 100).toFixed(1)} %; found at ${(tol * 100).toFixed(1)} %`);
    if (r.capped) {
      warnings.push(`more than ${cap} assignments fit: the bytes cannot tell the streams apart`);
      return undetermined(tol, r.solutions, false, scale);
    }
    const g = groupsOf(r, streams);
    return {
      queues: n, busyQueues, queueBytes: [...queueBytes],
      streamsPerQueue: r.counts.map((c) => (c.size === 1 ? [...c][0] : null)),
      groups: g.groups, groupsComplete: g.complete,
      streams: streams.map((s, i) => {
        const candidates = [...r.seen[i]].sort((a, b) => a - b);
        return { localPort: s.localPort, queue: candidates.length === 1 ? candidates[0] : null, candidates };
      }),
      solutions: r.solutions, exhaustive: true, bytesSource: opts.bytesSource, scale, tolerance: tol, warnings,
    };
  }
  warnings.push(`no assignment of the streams to the queues fits the counters within ${(base * WIDEN[WIDEN.length - 1] * 100).toFixed(0)} %`);
  return undetermined(base * WIDEN[WIDEN.length - 1], 0, true, scale);
}
