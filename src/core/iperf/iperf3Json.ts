// iperf3 -J (one object per test, possibly several) and --json-stream (one {"event","data"} per line).
import { pickTotals } from './builder';
import { LogCollector } from './collector';
import { IperfParseError } from './errors';
import { Json, parseJsonValues } from './jsonValues';
import {
  IperfDirection, IperfInterval, IperfProtocol, IperfRole, IperfSide, IperfStream, IperfSum, IperfTest, IperfTotals,
} from './model';
import { countOf } from '../text';

type Obj = { [key: string]: Json };

function isObj(v: Json | undefined): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function objs(v: Json | undefined): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

interface RawJsonTest {
  start?: Obj;
  intervals: Obj[];
  end?: Obj;
  line: number;
  /** --get-server-output -J: the server's own -J of this test. */
  server?: Obj;
}

export function parseIperf3Json(text: string, log: LogCollector): IperfTest[] {
  const { values, lineOf, partial, truncated } = parseJsonValues(text);
  if (truncated) log.truncated = true;
  // a record the text ended inside of is dropped; the complete ones before it are kept
  const complete = (v: Json | undefined): v is Obj => isObj(v) && !partial.has(v);
  const lineAt = (o: object | undefined, fallback: number): number => (o && lineOf.get(o)) ?? fallback;
  const raws: RawJsonTest[] = [];
  let streaming: RawJsonTest | undefined;

  for (const v of values) {
    const line = lineAt(v as object, 0);
    if (!isObj(v)) throw new IperfParseError(line + 1, 'expected an iperf3 JSON object');
    if (typeof v.event === 'string') {
      // --json-stream
      const data = v.data;
      if (v.event === 'start' && isObj(data)) {
        streaming = { start: data, intervals: [], line };
        raws.push(streaming);
      } else if (v.event === 'interval' && isObj(data)) {
        if (!streaming) raws.push((streaming = { intervals: [], line }));
        if (!partial.has(data)) streaming.intervals.push(data);
      } else if (v.event === 'end' && isObj(data)) {
        if (!streaming) raws.push((streaming = { intervals: [], line }));
        streaming.end = data;
        streaming = undefined;
      } else if (v.event === 'error') {
        log.message('error', line, typeof data === 'string' ? data : JSON.stringify(data));
      }
      continue;
    }
    if (typeof v.error === 'string') log.message('error', line, v.error);
    if (isObj(v.start) || Array.isArray(v.intervals) || isObj(v.end)) {
      const raw: RawJsonTest = { start: isObj(v.start) ? v.start : undefined, intervals: objs(v.intervals), end: isObj(v.end) ? v.end : undefined, line };
      if (complete(v.server_output_json)) raw.server = v.server_output_json;
      raws.push(raw);
    }
  }
  for (const r of raws) {
    const version = r.start?.version;
    if (typeof version === 'string') log.version = version;
  }
  return raws.map((r) => withServerOutput(r, lineAt, complete, log));
}

/** The server's report of the same test rides inside the client's object: attached, never a test of its own. */
function withServerOutput(r: RawJsonTest, lineAt: LineAt, complete: Complete, log: LogCollector): IperfTest {
  const test = toTest(r, (o, f) => lineAt(o, f), complete, log);
  const so = r.server;
  if (so && (isObj(so.start) || Array.isArray(so.intervals) || isObj(so.end))) {
    const sub = { start: isObj(so.start) ? so.start : undefined, intervals: objs(so.intervals), end: isObj(so.end) ? so.end : undefined, line: lineAt(so, r.line) };
    test.serverOutput = toTest(sub, (o, f) => lineAt(o, f), complete, log);
  }
  return test;
}

type LineAt = (o: object | undefined, fallback: number) => number;
type Complete = (v: Json | undefined) => v is Obj;

/** A numeric field: absent is fine, anything but a number is an error on the object's line. */
function field(o: Obj, key: string, line: number): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number') throw new IperfParseError(line + 1, `malformed number in "${key}": ${JSON.stringify(v)}`);
  return v;
}

function required(o: Obj, key: string, line: number): number {
  const v = field(o, key, line);
  if (v === undefined) throw new IperfParseError(line + 1, `missing "${key}"`);
  return v;
}

function toInterval(o: Obj, line: number): IperfInterval {
  const iv: IperfInterval = {
    start: required(o, 'start', line),
    end: required(o, 'end', line),
    bytes: required(o, 'bytes', line),
    bitsPerSecond: required(o, 'bits_per_second', line),
    line,
  };
  const opt: [keyof IperfInterval, string][] = [
    ['retransmits', 'retransmits'], ['cwnd', 'snd_cwnd'], ['rtt', 'rtt'], ['jitter', 'jitter_ms'],
    ['lost', 'lost_packets'], ['packets', 'packets'], ['outOfOrder', 'out_of_order'],
  ];
  for (const [k, key] of opt) {
    const v = field(o, key, line);
    if (v !== undefined) (iv as unknown as Record<string, number>)[k] = v;
  }
  if (o.omitted === true) iv.omitted = true;
  return iv;
}

/**
 * iperf3 3.7's UDP server (and a server's side it did not measure, esnet/iperf#754, #1410) writes 0 bytes in its
 * end block although its intervals carry the data. A zero own-side summary over intervals with bytes is replaced
 * by the intervals added up, marked fromIntervals, with a warning.
 */
function crossCheck(owner: { intervals: IperfInterval[]; summaries: IperfTotals[] }, own: IperfRole): number {
  const ivs = owner.intervals.filter((iv) => !iv.omitted);
  const bytes = ivs.reduce((a, iv) => a + iv.bytes, 0);
  if (bytes <= 0) return 0;
  let fixed = 0;
  for (const t of owner.summaries) {
    if (t.bytes !== 0 || t.side !== own) continue;
    const seconds = t.end > t.start ? t.end - t.start : ivs[ivs.length - 1].end - ivs[0].start;
    if (t.end <= t.start) {
      t.start = ivs[0].start;
      t.end = ivs[ivs.length - 1].end;
    }
    t.bytes = bytes;
    t.bitsPerSecond = seconds > 0 ? (bytes * 8) / seconds : 0;
    t.fromIntervals = true;
    fixed++;
  }
  return fixed;
}

function toTest(r: RawJsonTest, lineAt: LineAt, complete: Complete, log: LogCollector): IperfTest {
  const shape = testShape(r);
  const { side, direction, ownRole } = shape;
  const streams = new JsonStreams(shape);
  const at = (o: object): number => lineAt(o, r.line);

  for (const c of objs(r.start?.connected).filter(complete)) {
    const line = at(c);
    const s = streams.stream(required(c, 'socket', line));
    s.local = { ip: String(c.local_host ?? ''), port: required(c, 'local_port', line) };
    s.remote = { ip: String(c.remote_host ?? ''), port: required(c, 'remote_port', line) };
    s.connectLine = line;
  }
  const sum: IperfSum = { intervals: [], summaries: [] };
  const reverseSum: IperfSum = { intervals: [], summaries: [] };
  readIntervals(r, at, complete, streams, sum, reverseSum);
  const end = r.end ?? {};
  readEndBlock(end, at, complete, streams, sum, reverseSum);

  const list = [...streams.all.values()].sort((a, b) => a.id - b.id);
  let zeroed = 0;
  for (const s of list) {
    zeroed += crossCheck(s, s.role);
    if (direction === 'bidir') {
      s.bidirRole = s.role === 'sender' ? 'TX' : 'RX';
      if (side !== 'unknown') s.tag ??= `${s.bidirRole}-${side === 'server' ? 'S' : 'C'}`;
    }
    const t = pickTotals(s.summaries, side, s.role);
    if (t) s.totals = t;
  }
  zeroed += crossCheck(sum, ownRole);
  if (zeroed > 0) {
    const endLine = r.end ? lineAt(r.end, r.line) : r.line;
    log.readerWarning(endLine, `the end block reports 0 bytes where its intervals carry data (iperf3 3.7-3.9 UDP server -J): ${countOf(zeroed, 'total')} added up from the intervals instead`);
  }
  const test: IperfTest = { protocol: shape.protocol, side, direction, startLine: r.line, streams: list };
  if (direction === 'bidir') tagBidirSums(r, end, shape, sum, reverseSum);
  const s1 = finishSum(sum, side, ownRole);
  if (s1) test.sum = s1;
  const s2 = finishSum(reverseSum, side, ownRole === 'sender' ? 'receiver' : 'sender');
  if (s2) test.reverseSum = s2;
  return test;
}

interface TestShape {
  protocol: IperfProtocol;
  side: IperfSide;
  direction: IperfDirection;
  /** The role of this host's streams unless a row's `sender` flag says otherwise. */
  ownRole: IperfRole;
}

/** Protocol, side and direction from the start block; --json-stream without its start event: from the rows. */
function testShape(r: RawJsonTest): TestShape {
  const start = r.start ?? {};
  const ts = isObj(start.test_start) ? start.test_start : {};
  const endObj = r.end ?? {};
  // --json-stream without its start event: the rows themselves say UDP (jitter, datagrams) and --bidir (a reverse sum)
  const firstStream = objs(r.intervals[0]?.streams)[0];
  const udpRows = firstStream !== undefined && firstStream.retransmits === undefined && (firstStream.packets !== undefined || firstStream.jitter_ms !== undefined);
  const protocol: IperfProtocol = typeof ts.protocol === 'string' ? (ts.protocol.toLowerCase() === 'udp' ? 'udp' : 'tcp') : udpRows ? 'udp' : 'tcp';
  const side: IperfSide = isObj(start.connecting_to) ? 'client' : isObj(start.accepted_connection) ? 'server' : 'unknown';
  const reverseSums = r.intervals.some((iv) => isObj(iv.sum_bidir_reverse)) || isObj(endObj.sum_sent_bidir_reverse) || isObj(endObj.sum_received_bidir_reverse);
  const direction: IperfDirection = ts.bidir === 1 || ts.bidir === true || (ts.bidir === undefined && reverseSums) ? 'bidir'
    : ts.reverse === 1 || ts.reverse === true ? 'reverse' : 'forward';
  const ownRole: IperfRole = (side === 'server') !== (direction === 'reverse') ? 'receiver' : 'sender';
  return { protocol, side, direction, ownRole };
}

/** The test's streams by socket, made on first sight; a stream's role is its first `sender` flag. */
class JsonStreams {
  readonly all = new Map<number, IperfStream>();
  private readonly roleSeen = new Set<number>();

  constructor(private readonly shape: TestShape) {}

  stream(id: number): IperfStream {
    let s = this.all.get(id);
    if (!s) {
      const { protocol, ownRole, direction } = this.shape;
      s = { id, protocol, role: ownRole, direction, intervals: [], summaries: [] };
      this.all.set(id, s);
    }
    return s;
  }

  setRole(s: IperfStream, flag: Json | undefined): void {
    if (typeof flag === 'boolean' && !this.roleSeen.has(s.id)) {
      s.role = flag ? 'sender' : 'receiver';
      this.roleSeen.add(s.id);
    }
  }
}

function readIntervals(r: RawJsonTest, at: (o: object) => number, complete: Complete, streams: JsonStreams, sum: IperfSum, reverseSum: IperfSum): void {
  for (const iv of r.intervals) {
    for (const so of objs(iv.streams).filter(complete)) {
      const line = at(so);
      const s = streams.stream(required(so, 'socket', line));
      streams.setRole(s, so.sender);
      s.intervals.push(toInterval(so, line));
    }
    if (complete(iv.sum)) sum.intervals.push(toInterval(iv.sum, at(iv.sum)));
    if (complete(iv.sum_bidir_reverse)) reverseSum.intervals.push(toInterval(iv.sum_bidir_reverse, at(iv.sum_bidir_reverse)));
  }
}

/** The end block's per-stream totals (sender, receiver, udp) and the sums, each with the side it counts. */
function readEndBlock(end: Obj, at: (o: object) => number, complete: Complete, streams: JsonStreams, sum: IperfSum, reverseSum: IperfSum): void {
  const totalsOf = (o: Obj, side: IperfRole): IperfTotals => ({ ...toInterval(o, at(o)), side });
  for (const eo of objs(end.streams)) {
    for (const key of ['sender', 'receiver', 'udp'] as const) {
      const part = eo[key];
      if (!complete(part)) continue;
      const line = at(part);
      const s = streams.stream(required(part, 'socket', line));
      streams.setRole(s, part.sender);
      const side: IperfRole = key === 'udp' ? (part.sender === false ? 'receiver' : 'sender') : key;
      s.summaries.push(totalsOf(part, side));
    }
  }
  const addSum = (target: IperfSum, o: Json | undefined, side: IperfRole | 'flag') => {
    if (!complete(o)) return;
    target.summaries.push(totalsOf(o, side === 'flag' ? (o.sender === false ? 'receiver' : 'sender') : side));
  };
  addSum(sum, end.sum_sent, 'sender');
  addSum(sum, end.sum_received, 'receiver');
  if (!isObj(end.sum_sent) && !isObj(end.sum_received)) addSum(sum, end.sum, 'flag');
  addSum(reverseSum, end.sum_sent_bidir_reverse, 'sender');
  addSum(reverseSum, end.sum_received_bidir_reverse, 'receiver');
}

/** Each --bidir sum says whether this host sent it (its `sender` flag): tagged as the text's [SUM][TX-C] is. */
function tagBidirSums(r: RawJsonTest, end: Obj, shape: TestShape, sum: IperfSum, reverseSum: IperfSum): void {
  const { side, ownRole } = shape;
  const first = objs(r.intervals.map((iv) => iv.sum as Json))[0] ?? (isObj(end.sum_sent) ? end.sum_sent : undefined);
  const sent = typeof first?.sender === 'boolean' ? first.sender : ownRole === 'sender';
  const suffix = side === 'unknown' ? '' : `-${side === 'server' ? 'S' : 'C'}`;
  sum.tag = `${sent ? 'TX' : 'RX'}${suffix}`;
  reverseSum.tag = `${sent ? 'RX' : 'TX'}${suffix}`;
}

function finishSum(x: IperfSum, side: IperfSide, role: IperfRole): IperfSum | undefined {
  if (x.intervals.length === 0 && x.summaries.length === 0) return undefined;
  const t = pickTotals(x.summaries, side, role);
  if (t) x.totals = t;
  return x;
}
