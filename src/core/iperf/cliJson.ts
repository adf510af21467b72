// The exact `queue-lens iperf FILE --json` shape from issue 4.
import { IperfEndpoint, IperfInterval, IperfLog, IperfStream, IperfSum, IperfTest } from './model';

type IperfCliInterval = Pick<IperfInterval, 'start' | 'end' | 'bytes' | 'bitsPerSecond' | 'retransmits' | 'cwnd' | 'rtt' | 'jitter' | 'lost' | 'packets'>;

interface IperfCliStream {
  id: number;
  /** null only when the log never printed the stream's connect line. */
  local: IperfEndpoint | null;
  remote: IperfEndpoint | null;
  bytes: number;
  seconds: number;
  bitsPerSecond: number;
  intervals: IperfCliInterval[];
  /** --bidir only: this host transmitted (TX) or received (RX) the stream. */
  direction?: 'TX' | 'RX';
  /** Only when the log's own summary said 0 and the intervals were added up instead (iperf3 3.7 UDP server -J). */
  totalsFrom?: 'intervals';
}

interface IperfCliSum {
  bytes: number;
  bitsPerSecond: number;
  /** As on a stream. */
  totalsFrom?: 'intervals';
}

interface IperfCliTest {
  protocol: 'tcp' | 'udp';
  streams: IperfCliStream[];
  /** The test's [SUM]; for --bidir, both directions added up (iperf3 prints one [SUM] per direction). */
  sum: IperfCliSum;
  /** --bidir only: the [SUM] of the streams this host sent (TX) and of those it received (RX), as iperf3 prints them. */
  sumSent?: IperfCliSum;
  sumReceived?: IperfCliSum;
  /** iperf3 -T/--title. */
  title?: string;
  /** iperf3 --get-server-output: the server's report of this same test. */
  serverOutput?: IperfCliTest;
}

export interface IperfCliJson {
  tool: 'iperf2' | 'iperf3';
  format: 'text' | 'csv' | 'json';
  tests: IperfCliTest[];
}

const OPTIONAL: (keyof IperfCliInterval)[] = ['retransmits', 'cwnd', 'rtt', 'jitter', 'lost', 'packets'];

function cliInterval(iv: IperfInterval): IperfCliInterval {
  const out: IperfCliInterval = { start: iv.start, end: iv.end, bytes: iv.bytes, bitsPerSecond: iv.bitsPerSecond };
  for (const k of OPTIONAL) {
    const v = iv[k];
    if (typeof v === 'number') out[k] = v;
  }
  return out;
}

/** A stream's bytes/seconds/rate: its final summary, or for a log cut short, what its intervals add up to. */
function streamTotals(s: IperfStream): { bytes: number; seconds: number; bitsPerSecond: number } {
  if (s.totals) return { bytes: s.totals.bytes, seconds: s.totals.end - s.totals.start, bitsPerSecond: s.totals.bitsPerSecond };
  const ivs = s.intervals;
  if (ivs.length === 0) return { bytes: 0, seconds: 0, bitsPerSecond: 0 };
  const bytes = ivs.reduce((a, iv) => a + iv.bytes, 0);
  const seconds = ivs[ivs.length - 1].end - ivs[0].start;
  return { bytes, seconds, bitsPerSecond: seconds > 0 ? (bytes * 8) / seconds : 0 };
}

function cliTest(t: IperfTest): IperfCliTest {
  const streams = t.streams.map((s): IperfCliStream => {
    const out: IperfCliStream = {
      id: s.id,
      local: s.local ? { ip: s.local.ip, port: s.local.port } : null,
      remote: s.remote ? { ip: s.remote.ip, port: s.remote.port } : null,
      ...streamTotals(s),
      intervals: s.intervals.map(cliInterval),
    };
    if (s.bidirRole) out.direction = s.bidirRole;
    if (s.totals?.fromIntervals) out.totalsFrom = 'intervals';
    return out;
  });
  const sumOf = (x: IperfSum | undefined, own: IperfCliStream[]): IperfCliSum => {
    if (x?.totals) {
      const out: IperfCliSum = { bytes: x.totals.bytes, bitsPerSecond: x.totals.bitsPerSecond };
      if (x.totals.fromIntervals) out.totalsFrom = 'intervals';
      return out;
    }
    // a log cut short (or --json-stream intervals only): what the [SUM] intervals add up to
    const ivs = x?.intervals ?? [];
    if (ivs.length > 0) {
      const bytes = ivs.reduce((a, iv) => a + iv.bytes, 0);
      const seconds = ivs[ivs.length - 1].end - ivs[0].start;
      return { bytes, bitsPerSecond: seconds > 0 ? (bytes * 8) / seconds : 0 };
    }
    // -P 1 prints no [SUM]: add the streams up
    return { bytes: own.reduce((a, s) => a + s.bytes, 0), bitsPerSecond: own.reduce((a, s) => a + s.bitsPerSecond, 0) };
  };
  // --bidir: each [SUM] covers its own direction's streams; the test's sum is both added up
  if (t.direction === 'bidir' && streams.some((s) => s.direction !== undefined)) {
    const fwd = forwardDirection(t);
    const of = (dir: 'TX' | 'RX'): IperfCliSum => sumOf(dir === fwd ? t.sum : t.reverseSum, streams.filter((s) => s.direction === dir));
    const sent = of('TX');
    const received = of('RX');
    const both: IperfCliSum = { bytes: sent.bytes + received.bytes, bitsPerSecond: sent.bitsPerSecond + received.bitsPerSecond };
    if (sent.totalsFrom || received.totalsFrom) both.totalsFrom = 'intervals';
    return withExtras({ protocol: t.protocol, streams, sum: both, sumSent: sent, sumReceived: received }, t);
  }
  return withExtras({ protocol: t.protocol, streams, sum: sumOf(t.sum, streams) }, t);
}

function withExtras(out: IperfCliTest, t: IperfTest): IperfCliTest {
  if (t.title !== undefined) out.title = t.title;
  if (t.serverOutput) out.serverOutput = cliTest(t.serverOutput);
  return out;
}

/** Which way the test's first [SUM] runs: its tag (TX-C) or, in -J, this host's own direction. */
function forwardDirection(t: IperfTest): 'TX' | 'RX' {
  const tag = t.sum?.tag;
  if (tag) return tag.startsWith('TX') ? 'TX' : 'RX';
  return t.sum?.totals?.side === 'receiver' && t.side === 'server' ? 'RX' : 'TX';
}

export function toIperfCliJson(log: IperfLog): IperfCliJson {
  return { tool: log.tool, format: log.format, tests: log.tests.map(cliTest) };
}
