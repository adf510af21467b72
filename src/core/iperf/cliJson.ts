// The exact `queue-lens iperf FILE --json` shape from issue 4.
import { IperfEndpoint, IperfInterval, IperfLog, IperfStream, IperfTest } from './model';

export type IperfCliInterval = Pick<IperfInterval, 'start' | 'end' | 'bytes' | 'bitsPerSecond' | 'retransmits' | 'cwnd' | 'rtt' | 'jitter' | 'lost' | 'packets'>;

export interface IperfCliStream {
  id: number;
  /** null only when the log never printed the stream's connect line. */
  local: IperfEndpoint | null;
  remote: IperfEndpoint | null;
  bytes: number;
  seconds: number;
  bitsPerSecond: number;
  intervals: IperfCliInterval[];
}

export interface IperfCliTest {
  protocol: 'tcp' | 'udp';
  streams: IperfCliStream[];
  sum: { bytes: number; bitsPerSecond: number };
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
  const streams = t.streams.map((s): IperfCliStream => ({
    id: s.id,
    local: s.local ? { ip: s.local.ip, port: s.local.port } : null,
    remote: s.remote ? { ip: s.remote.ip, port: s.remote.port } : null,
    ...streamTotals(s),
    intervals: s.intervals.map(cliInterval),
  }));
  // the log's own [SUM] when it has one; -P 1 prints none, so add the streams up
  const sum = t.sum?.totals
    ? { bytes: t.sum.totals.bytes, bitsPerSecond: t.sum.totals.bitsPerSecond }
    : {
      bytes: streams.reduce((a, s) => a + s.bytes, 0),
      bitsPerSecond: streams.reduce((a, s) => a + s.bitsPerSecond, 0),
    };
  return { protocol: t.protocol, streams, sum };
}

export function toIperfCliJson(log: IperfLog): IperfCliJson {
  return { tool: log.tool, format: log.format, tests: log.tests.map(cliTest) };
}
