/**
 * The observed spread of one run on disk: its streams (from an iperf log, with bytes from the log or, better, from
 * a capture's wire segments) matched against its per-queue counter deltas. node:fs; not for the webview.
 */
import { IperfLog, IperfStream } from '../../iperf/model';
import { CounterSnapshot, NoQueueCountersError } from '../../counters';
import { observedSpreadAsync, ObservedSpread, StreamBytes } from './assign';
import type { LogTotals } from './errorModel';
import { flowKey, streamKey } from './streamKey';
import { NamedRunFiles, readRun, ReadRunOptions, RunInputs } from '../../runs/readRun';
import { RunLog, serverStreamOf } from '../../runs/runLogs';
import { captureWireBytes, WireBytes, WireFlow } from './wireBytes';
import type { FlowTuple } from '../../hashing';
import { formatPercent, plural } from '../../text';

/** The parts of a run named by the caller (the run reader's NamedRunFiles). */
export type RunFiles = NamedRunFiles;

/** `queue-lens observed --json`: the spread plus where each part came from. */
export interface ObservedRunJson extends ObservedSpread {
  log: string | null;
  capture: string | null;
  counters: { source: CounterSnapshot['source']; device: string | null; after: string; before: string | null; direction: 'tx' | 'rx' };
  /**
   * Each stream with its bytes and, where known, `flow`: sender → receiver as the hash sees it (from the capture's
   * wire segments when there is one, else from the log), so an exact preset can be checked against the counters.
   */
  streams: Array<ObservedSpread['streams'][number] & { bytes: number; flow?: FlowTuple }>;
}

/**
 * Streams matched at most in one run (as in a sweep): 16 × 8 and 64 × 16 are the sizes the search is built for; a log
 * of 20 000 streams is refused before any search allocates for it.
 */
export const MAX_OBSERVED_STREAMS = 256;

/** A stream's bytes and, where known, the tuple of its data direction. */
type TupleStream = StreamBytes & { flow?: FlowTuple };

/**
 * The bytes of a stream that crossed the wire: the receiving end's total when the log has it (iperf3 prints both;
 * the sender's counts data written into the socket, and a capped queue leaves megabytes of that unsent at the
 * end — 20 % of a 3 s run in samples/experiment), else the sender's.
 */
function sentBytes(s: IperfStream, peer?: RunLog): { bytes: number; side: 'receiver' | 'sender' } | undefined {
  const r = s.summaries.find((x) => x.side === 'receiver');
  if (r) return { bytes: r.bytes, side: 'receiver' };
  // the other end's log of the same run, when it received this stream (iperf 2 prints each side's figure in its own log)
  const p = peer && s.role === 'sender' ? serverStreamOf(s, peer) : undefined;
  const pr = p?.role === 'receiver' ? p.summaries.find((x) => x.side === 'receiver') ?? p.totals : undefined;
  if (pr) return { bytes: pr.bytes, side: 'receiver' };
  const t = s.summaries.find((x) => x.side === 'sender') ?? s.totals;
  return t ? { bytes: t.bytes, side: 'sender' } : undefined;
}

/**
 * Tolerance for a log's totals: a receiver's count follows the wire bytes to about 0.2 % (plus the text log's
 * 3-digit rounding); a sender's only to several % (data still in the socket buffer at the end).
 */
export function logTolerance(fromReceiver: boolean): number {
  return fromReceiver ? 0.015 : 0.06;
}

/**
 * Streams of a log, from the side whose queues the counters saw (this host's tx when it sent). Counters taken around
 * the log cover every test in it, so every test sent the same way contributes its streams, each keyed by its test and
 * 4-tuple (streamKey.ts); tests sent the other way are named in a warning. `peer`, the other end's log of the same
 * run, lends receiver totals the log lacks.
 */
export function logStreams(log: IperfLog, file: string, peer?: RunLog): {
  streams: Array<TupleStream & { remotePort?: number }>; direction: 'tx' | 'rx'; tolerance: number; totals: LogTotals; warnings: string[];
} {
  const first = log.tests.find((t) => t.streams.length > 0);
  if (!first) throw new Error(`${file}: no streams in the log`);
  const direction = first.streams[0].role === 'sender' ? 'tx' : 'rx';
  const streams: Array<TupleStream & { remotePort?: number }> = [];
  const warnings: string[] = [];
  let allReceiver = true;
  log.tests.forEach((test, ti) => {
    if (test.streams.length === 0) return;
    if ((test.streams[0].role === 'sender' ? 'tx' : 'rx') !== direction) {
      warnings.push(`${file}: test ${ti + 1} sent the other way (${direction === 'tx' ? 'received' : 'sent'} by this host): its ${test.streams.length} streams are not matched against the ${direction} counters`);
      return;
    }
    for (const s of test.streams) {
      const b = sentBytes(s, peer);
      if (!s.local || b === undefined) throw new Error(`${file}: test ${ti + 1} stream ${s.id} has no local port or no byte total`);
      if (b.side !== 'receiver') allReceiver = false;
      const out: TupleStream & { remotePort?: number } = { localPort: s.local.port, key: streamKey(ti, test.protocol, s), bytes: b.bytes, remotePort: s.remote?.port };
      if (s.remote) out.flow = s.role === 'sender' ? { proto: test.protocol, src: s.local, dst: s.remote } : { proto: test.protocol, src: s.remote, dst: s.local };
      streams.push(out);
    }
  });
  return { streams, direction, tolerance: logTolerance(allReceiver), totals: allReceiver ? 'receiver' : 'sender', warnings };
}

/** A wire flow as the hash sees it. */
function wireTuple(f: WireFlow): FlowTuple {
  return { proto: f.proto, src: { ip: f.src, port: f.srcPort }, dst: { ip: f.dst, port: f.dstPort } };
}

/** Replaces each stream's log bytes by its wire bytes in the capture; other traffic the host sent becomes slack. */
function withCaptureBytes(streams: Array<StreamBytes & { remotePort?: number }>, wire: WireBytes, direction: 'tx' | 'rx', file: string):
  { streams: TupleStream[]; slack: number; warnings: string[] } {
  const warnings: string[] = [];
  const used = new Set<string>();
  const out = streams.map((s) => {
    // tx: the stream's data leaves from localPort; rx: it arrives at localPort
    const match = [...wire.flows.entries()].filter(([, f]) =>
      f.proto === 'tcp' || f.proto === 'udp'
        ? direction === 'tx'
          ? f.srcPort === s.localPort && (s.remotePort === undefined || f.dstPort === s.remotePort)
          : f.dstPort === s.localPort && (s.remotePort === undefined || f.srcPort === s.remotePort)
        : false);
    if (match.length !== 1) throw new Error(`${file}: ${match.length === 0 ? 'no' : match.length} ${plural(match.length, 'flow')} for the stream on local port ${s.localPort}`);
    if (used.has(match[0][0])) throw new Error(`${file}: two streams of the log (${s.key ?? s.localPort} and another) match one flow of the capture; name one test's capture`);
    used.add(match[0][0]);
    return { localPort: s.localPort, ...(s.key !== undefined ? { key: s.key } : {}), bytes: match[0][1].bytes, flow: wireTuple(match[0][1]) };
  });
  // what the same host sent besides the streams (control connection, ACKs of other flows) may sit on any queue
  const hosts = new Set([...used].map((k) => wire.flows.get(k)![direction === 'tx' ? 'src' : 'dst']));
  let slack = wire.otherBytes;
  for (const [k, f] of wire.flows) if (!used.has(k) && hosts.has(direction === 'tx' ? f.src : f.dst)) slack += f.bytes;
  const logTotal = streams.reduce((a, s) => a + s.bytes, 0);
  const capTotal = out.reduce((a, s) => a + s.bytes, 0);
  if (capTotal < 0.9 * logTotal) warnings.push(`${file}: the capture holds ${formatPercent(capTotal / logTotal)} of the log's bytes (dropped packets?)`);
  return { streams: out, slack: slack + 1514, warnings };
}

/** Streams from a capture alone: every flow the busiest sender sent with at least 1 % of the counted bytes. */
function captureStreams(wire: WireBytes, countedBytes: number): { streams: TupleStream[]; slack: number } {
  const flows = [...wire.flows.values()].sort((a, b) => b.bytes - a.bytes);
  if (flows.length === 0) return { streams: [], slack: 0 };
  const host = flows[0].src;
  const streams: TupleStream[] = [];
  let slack = wire.otherBytes;
  for (const f of flows) {
    if (f.src !== host) continue;
    if (f.bytes >= 0.01 * countedBytes) streams.push({ localPort: f.srcPort, key: flowKey(wireTuple(f)), bytes: f.bytes, flow: wireTuple(f) });
    else slack += f.bytes;
  }
  return { streams, slack: slack + 1514 };
}

/** Which device, when a counter file holds several; the run's tx queue count when the caller knows it; a cancel signal for the search. */
export type ObserveOptions = ReadRunOptions & {
  /** Cancels the search for assignments (checked between slices of it). */
  signal?: AbortSignal;
};

/** Reads and matches one run (see readRun for what a folder may hold). Throws with the file named when a part cannot be read. */
export async function observeRun(files: RunFiles, dir: string | undefined, opts: ObserveOptions = {}): Promise<ObservedRunJson> {
  return observeRunInputs(readRun(dir, files, opts), opts);
}

/** Matches a run already read by readRun: its streams against its per-queue counter deltas. */
export async function observeRunInputs(run: RunInputs, opts: ObserveOptions = {}): Promise<ObservedRunJson> {
  const warnings: string[] = [...run.warnings];
  const counters = run.counters;
  const where = run.dir ?? run.log?.file ?? '';
  if (!counters) throw new NoQueueCountersError(where, `no per-queue counter snapshots found${warnings.length ? ` (${warnings.join('; ')})` : ''}`);
  if (counters.delta.unit !== 'traffic') {
    throw new NoQueueCountersError(counters.files.after, 'interrupt counts tell which queues were busy, not how many bytes each carried: streams cannot be matched to them');
  }
  if (!run.log && !run.capture) throw new Error(`${where ? `${where}: ` : ''}a run needs an iperf log or a capture (or both)`);
  const fromLog = logSide(run, counters, warnings);
  run = fromLog.run;
  const { direction, streams, totals } = fromLog;
  const qb = countedBytes(run, counters, direction);
  const counted = qb.reduce((a, b) => a + b, 0);
  let bytesSource: 'capture' | 'log' = 'log';
  let slackBytes: number | undefined;
  let final: TupleStream[] = streams;
  if (run.capture) {
    const wire = await captureWireBytes(run.capture);
    warnings.push(...wire.warnings);
    const c = run.log ? withCaptureBytes(streams, wire, direction, run.capture) : { ...captureStreams(wire, counted), warnings: [] };
    warnings.push(...c.warnings);
    final = c.streams;
    slackBytes = c.slack;
    bytesSource = 'capture';
  }
  const spread = await observedSpreadAsync(final, qb, { bytesSource, slackBytes, logTotals: totals, signal: opts.signal });
  return {
    log: run.log?.file ?? null,
    capture: run.capture ?? null,
    counters: { source: counters.delta.source, device: counters.delta.device, after: counters.files.after, before: counters.files.before ?? null, direction },
    ...spread,
    streams: spread.streams.map((s, i) => ({ ...s, bytes: final[i].bytes, ...(final[i].flow ? { flow: final[i].flow } : {}) })),
    warnings: [...warnings, ...counters.delta.warnings, ...spread.warnings],
  };
}

/**
 * The streams, their direction and which totals to use, from the log. The counters are this host's: with both ends'
 * logs (an iperf3 -R run, counters on the server's tx), the log whose host moved the streams the way the counters saw
 * them is taken (the returned run has it as its log).
 */
function logSide(run: RunInputs, counters: NonNullable<RunInputs['counters']>, warnings: string[]):
  { run: RunInputs; direction: 'tx' | 'rx'; streams: Array<TupleStream & { remotePort?: number }>; totals: LogTotals } {
  if (!run.log) return { run, direction: 'tx', streams: [], totals: 'receiver' };
  if (run.peer && counters.delta[logStreams(run.log.log, run.log.file, run.peer).direction].length === 0 &&
    counters.delta[logStreams(run.peer.log, run.peer.file, run.log).direction].length > 0) {
    run = { ...run, log: run.peer, peer: run.log };
  }
  const ls = logStreams(run.log!.log, run.log!.file, run.peer);
  if (ls.streams.length > MAX_OBSERVED_STREAMS) {
    throw new Error(`${run.log!.file}: ${ls.streams.length} streams in one test; streams are matched to queues for at most ${MAX_OBSERVED_STREAMS}`);
  }
  warnings.push(...ls.warnings);
  return { run, direction: ls.direction, streams: ls.streams, totals: ls.totals };
}

/** The direction's per-queue byte deltas; an error naming the counters when there are none, or no byte counters. */
function countedBytes(run: RunInputs, counters: NonNullable<RunInputs['counters']>, direction: 'tx' | 'rx'): number[] {
  const side = counters.delta[direction];
  if (side.length === 0) {
    const whose = run.log?.side === 'server' ? 'the server\'s log says its host' : run.log?.side === 'client' ? 'the client\'s log says its host' : 'the log says its host';
    throw new NoQueueCountersError(counters.files.after, `no ${direction} queue counters (${counters.delta.source}), and ${whose} ${direction === 'tx' ? 'sent' : 'received'} the streams`);
  }
  const queueBytes = side.map((q) => q.bytes);
  if (queueBytes.some((b) => b === null)) throw new NoQueueCountersError(counters.files.after, `${counters.delta.source} has no per-queue byte counters for ${direction}`);
  return queueBytes as number[];
}
