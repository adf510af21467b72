// What one run of a queue-count sweep is, and how its queue count and throughput are read (pure: no fs).
import type { TracedQueueCpus } from '../../config/report';
import { IperfLog, IperfTest } from '../../iperf/model';
import type { CounterSource } from '../../counters/model';
import type { ObservedSpread } from '../observed/assign';
import type { QueueConfigReport } from '../../config/report';
import { untrustedText } from '../../text';

/** Per-queue counter snapshots found beside a run, and the streams matched against their deltas (measured). */
export interface RunCountersInput {
  source: CounterSource;
  device: string | null;
  /** The files read (after, and before when the values are a difference). */
  after: string;
  before: string | null;
  observed: ObservedSpread;
}

/** One run of a sweep: an iperf log taken with `queues` queues, and (when known) which queue each client port used. */
export interface SweepRunInput {
  /** The log's file name (or any label). */
  name: string;
  queues: number;
  trial?: number;
  log: IperfLog;
  /** Observed queue (0-based) of each stream, by the port of the stream's local end (client port in a client log). */
  portQueue?: Record<string, number>;
  /** Where portQueue came from: 'trace' for a recorded run's trace (record's tracer), else a manifest's map. */
  portQueueFrom?: 'trace' | 'manifest';
  /** A recorded run's traced CPUs per queue (measured), for the queue → CPU analysis. */
  tracedCpus?: TracedQueueCpus;
  /** The per-queue cap the run was made with, bits/s (from the manifest), for reference. */
  queueRateBps?: number;
  /** Counter snapshots beside the run (observed spread: busy queues always, streams per queue where determined). */
  counters?: RunCountersInput;
  /** The queue configuration saved with the run (its config/ folder): queue count, and each queue's CPUs. */
  config?: QueueConfigReport;
}

/**
 * Queue counts a sweep run may have: the model's cost grows steeply with n (`"queues": 2048` took 310 s), and real
 * devices have at most a few hundred queues.
 */
export const MAX_SWEEP_QUEUES = 1024;
/** Streams (iperf -P) a sweep run may have: iperf3 allows 128; 1 024 streams took 109 s. */
export const MAX_SWEEP_STREAMS = 256;
/** Characters of a file's own text an error message may quote. */
const MAX_EXCERPT = 40;
/** Runs in one sweep folder. */
export const MAX_SWEEP_RUNS = 4096;

/** A short, escaped excerpt of untrusted text: at most `max` characters, made safe by untrustedText. */
export function excerpt(text: string, max = MAX_EXCERPT): string {
  return untrustedText(text.length > max ? `${text.slice(0, max)}…` : text);
}

/**
 * An error message about a file, made safe to show: every quoted part ('…' or "…") becomes a short escaped excerpt,
 * and the whole message is escaped and cut to 200 characters, so a log's line (an API key, escape sequences) never
 * comes back whole.
 */
export function safeMessage(message: string): string {
  const quoted = message.replace(/'([^']*)'|"([^"]*)"/g, (_m, a: string | undefined, b: string | undefined) =>
    a !== undefined ? `'${excerpt(a)}'` : `"${excerpt(b ?? '')}"`);
  return excerpt(quoted, 200);
}

/** One entry of a sweep folder's manifest.json. */
export interface SweepManifestRun {
  log: string;
  queues: number;
  trial?: number;
  portQueue?: Record<string, number>;
  queueRateMbps?: number;
}

/**
 * Queue count (and trial) from a file name: `queues-5.log`, `q5-t2.json`, `n5_trial3.txt`, `5queues.log`,
 * `q-5.iperf.log`. undefined when the name carries no queue count.
 */
export function queueCountFromName(fileName: string): { queues: number; trial?: number } | undefined {
  const base = fileName.replace(/^.*[\\/]/, '');
  const trialOf = (s: string): number | undefined => {
    const t = /(?:^|[^a-z])(?:t|trial|run|r)[-_]?(\d+)(?![a-z\d])/i.exec(s);
    return t ? Number(t[1]) : undefined;
  };
  const forms = [
    /(?:^|[^a-z])(?:queues?|q|n)[-_=]?(\d+)(?![\d])/i, // queues-5, q5, n5
    /(?:^|[^a-z\d])(\d+)[-_]?(?:queues?|q)(?![a-z])/i, // 5queues, 5q
  ];
  for (const re of forms) {
    const m = re.exec(base);
    if (!m) continue;
    const queues = Number(m[1]);
    if (!(queues >= 1)) continue;
    // Beyond the cap the loader refuses the run with its reason (see loadSweepFolder); the count is still read.
    const rest = base.slice(0, m.index) + ' ' + base.slice(m.index + m[0].length);
    const trial = trialOf(rest);
    return trial === undefined ? { queues } : { queues, trial };
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads manifest.json's `runs` (see samples/experiment/manifest.json); throws with the entry's index on a bad one. */
export function parseSweepManifest(json: unknown): SweepManifestRun[] {
  if (!isRecord(json) || !Array.isArray(json.runs)) throw new Error('manifest: expected an object with a "runs" array');
  if (json.runs.length > MAX_SWEEP_RUNS) throw new Error(`manifest: ${json.runs.length} runs; at most ${MAX_SWEEP_RUNS}`);
  return json.runs.map((r: unknown, i): SweepManifestRun => {
    const where = `manifest: runs[${i}]`;
    if (!isRecord(r)) throw new Error(`${where} is not an object`);
    if (typeof r.log !== 'string' || r.log === '') throw new Error(`${where}.log must name a file`);
    if (typeof r.queues !== 'number' || !Number.isInteger(r.queues) || r.queues < 1) throw new Error(`${where}.queues must be an integer ≥ 1`);
    if (r.queues > MAX_SWEEP_QUEUES) throw new Error(`${where}.queues is ${r.queues}; at most ${MAX_SWEEP_QUEUES} queues per run`);
    const out: SweepManifestRun = { log: r.log, queues: r.queues };
    if (r.trial !== undefined) {
      if (typeof r.trial !== 'number' || !Number.isInteger(r.trial)) throw new Error(`${where}.trial must be an integer`);
      out.trial = r.trial;
    }
    if (r.queueRateMbps !== undefined) {
      if (typeof r.queueRateMbps !== 'number' || !(r.queueRateMbps > 0)) throw new Error(`${where}.queueRateMbps must be > 0`);
      out.queueRateMbps = r.queueRateMbps;
    }
    if (r.portQueue !== undefined) {
      if (!isRecord(r.portQueue)) throw new Error(`${where}.portQueue must map ports to queues`);
      const map: Record<string, number> = {};
      for (const [port, q] of Object.entries(r.portQueue)) {
        if (typeof q !== 'number' || !Number.isInteger(q) || q < 0 || q >= r.queues) {
          throw new Error(`${where}.portQueue["${excerpt(port)}"] must be a queue of 0..${r.queues - 1}`);
        }
        map[port] = q;
      }
      out.portQueue = map;
    }
    return out;
  });
}

/** A run's aggregate throughput and where it was read. */
export interface RunThroughput {
  bitsPerSecond: number;
  bytes: number;
  seconds: number;
  /**
   * 'sum-receiver': the [SUM] row measured by the receiving end (iperf3 prints it in the client log) — what was
   * delivered; 'sum': the log's only [SUM] row; 'streams': the streams' totals added up (-P 1, or no [SUM]).
   */
  source: 'sum-receiver' | 'sum' | 'streams';
}

/** The test of a log that a sweep measures: the first one with streams. */
export function sweepTest(log: IperfLog): IperfTest | undefined {
  return log.tests.find((t) => t.streams.length > 0);
}

/** Aggregate throughput of a test; rate from bytes and seconds when both are known (more digits than the printed rate). */
export function runThroughput(test: IperfTest): RunThroughput {
  const rate = (bytes: number, seconds: number, printed: number): number => (seconds > 0 ? (bytes * 8) / seconds : printed);
  const recv = test.sum?.summaries.find((s) => s.side === 'receiver');
  if (recv) {
    const seconds = recv.end - recv.start;
    return { bitsPerSecond: rate(recv.bytes, seconds, recv.bitsPerSecond), bytes: recv.bytes, seconds, source: 'sum-receiver' };
  }
  const tot = test.sum?.totals;
  if (tot) {
    const seconds = tot.end - tot.start;
    return { bitsPerSecond: rate(tot.bytes, seconds, tot.bitsPerSecond), bytes: tot.bytes, seconds, source: 'sum' };
  }
  let bytes = 0;
  let bps = 0;
  let seconds = 0;
  for (const s of test.streams) {
    const r = s.summaries.find((x) => x.side === 'receiver') ?? s.totals;
    if (!r) continue;
    bytes += r.bytes;
    const sec = r.end - r.start;
    bps += rate(r.bytes, sec, r.bitsPerSecond);
    seconds = Math.max(seconds, sec);
  }
  return { bitsPerSecond: bps, bytes, seconds, source: 'streams' };
}
