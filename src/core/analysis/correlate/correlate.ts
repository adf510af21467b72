/**
 * A capture and an iperf log of the same run, side by side: each stream matched to the capture's flow with the
 * same 4-tuple (in either direction), iperf's bytes and rate next to what the capture saw in the stream's data
 * direction, and what is left over on either side. Pure: FlowReport and IperfLog in.
 */
import { parseIp } from '../../hashing';
import type { Endpoint, FlowWithSeries } from '../../flows/report';
import { IperfEndpoint, IperfLog, IperfRole, IperfStream } from '../../iperf/model';
import { explainNoMatch } from './explain';

/** The parts of a FlowReport the match needs (so callers may pass the CLI's flows JSON as well). */
export interface CorrelateCapture {
  file?: string;
  /** The capture's first packet (epoch seconds) and span, for the explanation when nothing matches. */
  start?: number;
  duration?: number;
  flows: ReadonlyArray<Pick<FlowWithSeries, 'proto' | 'a' | 'b' | 'aToB' | 'bToA' | 'start' | 'duration'> & Partial<Pick<FlowWithSeries, 'tunnel'>>>;
}

interface StreamFlowMatch {
  /** 0-based index of the test in the log, and the stream's id there. */
  test: number;
  streamId: number;
  proto: 'tcp' | 'udp';
  /** Which end sent the data: from → to. */
  from: IperfEndpoint;
  to: IperfEndpoint;
  /** Index of the matched flow in the capture's flow list. */
  flowIndex: number;
  /** The flow was inside a VXLAN/Geneve tunnel. */
  tunnelled: boolean;
  iperf: {
    bytes: number;
    seconds: number;
    bitsPerSecond: number;
    /** Which end measured iperf's figure. */
    side: IperfRole;
    /** The receiving end's figure when the log has it (iperf3 client logs). */
    receivedBytes?: number;
  };
  capture: {
    /** Wire bytes (headers included) and packets in the data direction. */
    bytes: number;
    packets: number;
    /** The other direction (ACKs). */
    reverseBytes: number;
    reversePackets: number;
    /** First to last packet of the flow. */
    seconds: number;
    bitsPerSecond: number;
  };
  /** capture.bytes / iperf.bytes: a little above 1 when the capture holds the whole run (headers). */
  byteRatio: number;
}

interface UnmatchedStream {
  test: number;
  streamId: number;
  local?: IperfEndpoint;
  remote?: IperfEndpoint;
  reason: string;
}

interface UnmatchedFlow {
  flowIndex: number;
  proto: 'tcp' | 'udp';
  a: Endpoint;
  b: Endpoint;
  bytes: number;
  packets: number;
  /** The outer UDP flow of a tunnel whose inner flows were matched: their flow indexes. */
  carries?: number[];
}

export interface Correlation {
  captureFile?: string;
  logFile?: string;
  matched: StreamFlowMatch[];
  unmatchedStreams: UnmatchedStream[];
  unmatchedFlows: UnmatchedFlow[];
  /** Only when the log has streams and none matched: why (different addresses, ports, protocols), in words. */
  noMatch?: string;
}

/** One spelling per address: bytes in hex, IPv4-mapped IPv6 folded to IPv4. Unparseable text is kept as is. */
function addressKey(ip: string): string {
  let b: Uint8Array;
  try {
    b = parseIp(ip);
  } catch {
    return ip.trim().toLowerCase();
  }
  const mapped = b.length === 16 && b.slice(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff;
  if (mapped) b = b.slice(12);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

const endpointKey = (e: { ip: string; port: number }): string => `${addressKey(e.ip)}/${e.port}`;
const pairKey = (proto: string, x: string, y: string): string => `${proto} ${x < y ? `${x} ${y}` : `${y} ${x}`}`;

function iperfFigures(s: IperfStream): StreamFlowMatch['iperf'] | undefined {
  const t = s.totals;
  let out: StreamFlowMatch['iperf'] | undefined;
  if (t) {
    const seconds = t.end - t.start;
    out = { bytes: t.bytes, seconds, bitsPerSecond: t.bitsPerSecond, side: t.side };
  } else if (s.intervals.length) {
    // a log cut short: what its intervals add up to
    const bytes = s.intervals.reduce((a, iv) => a + iv.bytes, 0);
    const seconds = s.intervals[s.intervals.length - 1].end - s.intervals[0].start;
    out = { bytes, seconds, bitsPerSecond: seconds > 0 ? (bytes * 8) / seconds : 0, side: s.role };
  }
  const recv = s.summaries.find((x) => x.side === 'receiver');
  if (out && recv && out.side !== 'receiver') out.receivedBytes = recv.bytes;
  return out;
}

export function correlate(capture: CorrelateCapture, log: IperfLog): Correlation {
  // flows by unordered 4-tuple; a tuple seen twice (port reuse) keeps every candidate
  const byPair = new Map<string, number[]>();
  capture.flows.forEach((f, i) => {
    const key = pairKey(f.proto, endpointKey(f.a), endpointKey(f.b));
    const list = byPair.get(key);
    if (list) list.push(i);
    else byPair.set(key, [i]);
  });
  const used = new Set<number>();
  const matched: StreamFlowMatch[] = [];
  const unmatchedStreams: UnmatchedStream[] = [];
  log.tests.forEach((test, ti) => {
    for (const s of test.streams) {
      const m = matchStream(capture, byPair, used, s, ti);
      if (typeof m !== 'string') { matched.push(m); continue; }
      const u: UnmatchedStream = { test: ti, streamId: s.id, reason: m };
      if (s.local) u.local = s.local;
      if (s.remote) u.remote = s.remote;
      unmatchedStreams.push(u);
    }
  });
  const unmatchedFlows = leftOverFlows(capture, used);
  const out: Correlation = { matched, unmatchedStreams, unmatchedFlows };
  if (capture.file !== undefined) out.captureFile = capture.file;
  if (log.fileName !== undefined) out.logFile = log.fileName;
  if (matched.length === 0) out.noMatch = explainNoMatch(capture, log);
  return out;
}

/** The stream's flow (marked used), or why it has none. */
function matchStream(capture: CorrelateCapture, byPair: ReadonlyMap<string, number[]>, used: Set<number>, s: IperfStream, ti: number): StreamFlowMatch | string {
  if (!s.local || !s.remote) return 'the log has no endpoints for this stream';
  const candidates = (byPair.get(pairKey(s.protocol, endpointKey(s.local), endpointKey(s.remote))) ?? []).filter((i) => !used.has(i));
  if (candidates.length === 0) return 'no flow with this 4-tuple in the capture';
  const from = s.role === 'sender' ? s.local : s.remote;
  const to = s.role === 'sender' ? s.remote : s.local;
  const fromKey = endpointKey(from);
  // the busiest candidate in the data direction: the run itself rather than an earlier one on the same ports
  const dataDir = (i: number) => (endpointKey(capture.flows[i].a) === fromKey ? capture.flows[i].aToB : capture.flows[i].bToA);
  const flowIndex = candidates.reduce((best, i) => (dataDir(i).bytes > dataDir(best).bytes ? i : best));
  const figures = iperfFigures(s);
  if (!figures) return 'the log has no bytes for this stream';
  used.add(flowIndex);
  const f = capture.flows[flowIndex];
  const forward = endpointKey(f.a) === fromKey;
  const data = forward ? f.aToB : f.bToA;
  const back = forward ? f.bToA : f.aToB;
  return {
    test: ti,
    streamId: s.id,
    proto: s.protocol,
    from,
    to,
    flowIndex,
    tunnelled: f.tunnel !== undefined,
    iperf: figures,
    capture: {
      bytes: data.bytes,
      packets: data.packets,
      reverseBytes: back.bytes,
      reversePackets: back.packets,
      seconds: f.duration,
      bitsPerSecond: f.duration > 0 ? (data.bytes * 8) / f.duration : 0,
    },
    byteRatio: figures.bytes > 0 ? data.bytes / figures.bytes : 0,
  };
}

/** The flows no stream took; outer tunnel flows are left over by nature, so each says which matched flows it carried. */
function leftOverFlows(capture: CorrelateCapture, used: ReadonlySet<number>): UnmatchedFlow[] {
  const carried = new Map<string, number[]>();
  for (const i of used) {
    const t = capture.flows[i].tunnel;
    if (!t) continue;
    const key = pairKey(t.proto, endpointKey(t.a), endpointKey(t.b));
    carried.set(key, [...(carried.get(key) ?? []), i].sort((x, y) => x - y));
  }
  const unmatchedFlows: UnmatchedFlow[] = [];
  capture.flows.forEach((f, i) => {
    if (used.has(i)) return;
    const u: UnmatchedFlow = {
      flowIndex: i, proto: f.proto, a: f.a, b: f.b,
      bytes: f.aToB.bytes + f.bToA.bytes, packets: f.aToB.packets + f.bToA.packets,
    };
    const carries = carried.get(pairKey(f.proto, endpointKey(f.a), endpointKey(f.b)));
    if (carries) u.carries = carries;
    unmatchedFlows.push(u);
  });
  return unmatchedFlows;
}
