// Line shapes shared by the iperf 2 and iperf3 text parsers.
import { IperfParseError } from './errors';
import { IperfEndpoint, IperfInterval, IperfProtocol, IperfRole, IperfTool } from './model';
import { int, num, rateBitsPerSecond, transferBytes } from './units';

/** One "[ id] start-end sec transfer rate ..." row, before it is filed under a stream or the sum. */
export interface ReportRow {
  /** Stream id, or null for [SUM] / [SUM-n]. */
  id: number | null;
  /** iperf3 --bidir tag: TX-C, RX-C, TX-S, RX-S. */
  tag?: string;
  iv: IperfInterval;
  /** iperf3's sender/receiver label on final summaries. */
  label?: IperfRole;
  tail: string;
}

// Loose on purpose: a line with this shape is a report row, so a bad number in it is an error, not an unknown line.
const REPORT =
  /^\[\s*([^\]]*?)\s*\](?:\[([A-Z]{2}-[CS])\])?\s*(\S+?)\s*-\s*(\S+)\s+sec\s+(\S+)\s+([A-Za-z]*(?:Bytes|bits))\s+(\S+)\s+([A-Za-z]*\/sec)(.*)$/;

export function parseReportRow(text: string, line: number, tool: IperfTool, protocol: IperfProtocol): ReportRow | undefined {
  const m = REPORT.exec(text);
  if (!m) return undefined;
  const [, idText, tag, start, end, xfer, xferUnit, rate, rateUnit, tail] = m;
  let id: number | null;
  if (/^SUM(?:-\d+)?$/.test(idText)) id = null;
  else if (/^\*?\d+$/.test(idText)) id = Number(idText.replace('*', ''));
  else throw new IperfParseError(line + 1, `malformed stream id '${idText}'`);
  const iv: IperfInterval = {
    start: num(start, line, 'interval start'),
    end: num(end, line, 'interval end'),
    bytes: transferBytes(xfer, xferUnit, line),
    bitsPerSecond: rateBitsPerSecond(rate, rateUnit, line),
    line,
  };
  const row: ReportRow = { id, iv, tail };
  if (tag) row.tag = tag;
  let rest = tail;
  const label = /\s(sender|receiver)\s*$/.exec(rest);
  if (label) {
    row.label = label[1] as IperfRole;
    rest = rest.slice(0, label.index);
  }
  if (/\(omitted\)/.test(rest)) {
    iv.omitted = true;
    rest = rest.replace(/\(omitted\)/, '');
  }
  if (tool === 'iperf3') parseIperf3Tail(rest, iv, protocol, line);
  else parseIperf2Tail(rest, iv, protocol, line);
  return row;
}

const JITTER = /^\s*(\S+)\s+ms\s+(\S+)\/\s*(\S+)\s+\(([^)]*)%\)/;

function parseJitter(rest: string, iv: IperfInterval, line: number): boolean {
  const j = JITTER.exec(rest);
  if (!j) return false;
  iv.jitter = num(j[1], line, 'jitter');
  iv.lost = int(j[2], line, 'lost datagrams');
  iv.packets = int(j[3], line, 'total datagrams');
  return true;
}

function parseIperf3Tail(rest: string, iv: IperfInterval, protocol: IperfProtocol, line: number): void {
  if (protocol === 'udp' || JITTER.test(rest)) {
    if (parseJitter(rest, iv, line)) return;
    const p = /^\s*(\S+)\s*$/.exec(rest);
    if (p) iv.packets = int(p[1], line, 'datagrams');
    return;
  }
  // TCP: "Retr" then, on the sender's interval rows, "Cwnd"
  const t = /^\s*(\S+)(?:\s+(\S+)\s+([A-Za-z]*Bytes))?\s*$/.exec(rest);
  if (!t) return;
  iv.retransmits = int(t[1], line, 'retransmits');
  if (t[2] !== undefined) iv.cwnd = transferBytes(t[2], t[3], line);
}

function parseIperf2Tail(rest: string, iv: IperfInterval, protocol: IperfProtocol, line: number): void {
  if (parseJitter(rest, iv, line)) return;
  if (protocol !== 'tcp') return;
  // -e client: "Write/Err  Rtry  Cwnd/RTT(var)  NetPwr", e.g. "50/0  0  272K/52(13) us  125948"
  const w = /^\s*(\d+)\/(\d+)\s+(\S+)(?!\s*pps)/.exec(rest);
  if (w && /^\d+$/.test(w[3])) iv.retransmits = Number(w[3]);
  const c = /(-?\d+)K(?:\(\d+\))?\/(\d+)(?:\(\d+\))?\s*us/.exec(rest);
  if (c) {
    iv.cwnd = Number(c[1]) * 1024;
    iv.rtt = Number(c[2]);
  }
}

export interface ConnectLine {
  id: number;
  local: IperfEndpoint;
  remote: IperfEndpoint;
  tail: string;
}

const CONNECT = /^\[\s*(\S+?)\s*\]\s+local\s+(\S+)\s+port\s+(\S+)\s+connected (?:with|to)\s+(\S+)\s+port\s+(\S+?)(\s.*)?$/;

/** "[  3] local A port P connected with B port Q" (iperf 2) or "... connected to ..." (iperf3). */
export function parseConnectLine(text: string, line: number): ConnectLine | undefined {
  const m = CONNECT.exec(text);
  if (!m) return undefined;
  return {
    id: int(m[1], line, 'stream id'),
    local: { ip: cleanIp(m[2]), port: int(m[3], line, 'port') },
    remote: { ip: cleanIp(m[4]), port: int(m[5], line, 'port') },
    tail: m[6] ?? '',
  };
}

/** Drop an interface suffix (fe80::1%eth0, iperf 2.1 -e), brackets and the IPv4-mapped prefix. */
export function cleanIp(ip: string): string {
  let s = ip.replace(/%.*$/, '').replace(/^\[|\]$/g, '').replace(/,$/, '');
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(s)) s = s.slice(7);
  return s;
}

// What an iperf line can start with; used to find where a --timestamps prefix ends.
const LINE_START =
  /^(?:\[|Connecting to host|Server listening|Accepted connection|Reverse mode|iperf|- - -|-{10}|warning|Test Complete|Starting Test|Client connecting|TCP window|UDP buffer|Cookie|TCP MSS|Time:|CPU Utilization|snd_tcp|rcv_tcp|Sending|Receiving|Linux|Target)/;

const STAMP_ONLY = /^(?=[^[]*\d:\d\d)[A-Za-z0-9 ,:./+-]{8,64}$/;

/**
 * iperf3 --timestamps prefixes every line with a strftime stamp ("%c " by default). Strip a prefix that
 * holds a clock time or an epoch number and is followed by a known line start.
 */
export function stripTimestamp(text: string): string {
  if (LINE_START.test(text)) return text;
  // a stamped empty line leaves the stamp alone on its line
  if (STAMP_ONLY.test(text)) return '';
  // try each space in the first 64 characters as the end of the stamp
  for (let i = text.indexOf(' '); i > 0 && i <= 64; i = text.indexOf(' ', i + 1)) {
    const prefix = text.slice(0, i);
    const rest = text.slice(i).replace(/^\s+/, '');
    if (!LINE_START.test(rest)) continue;
    if (/\d:\d\d/.test(prefix) || /^\d+(?:\.\d+)?$/.test(prefix.trim())) return rest;
  }
  return text;
}
