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
// Every repeat is bounded ({m,n}) and anchored at the start, so a hostile line costs time linear in its length.
const REPORT =
  /^\[\s{0,8}([^\]\s]{1,16})\s{0,8}\](?:\[([A-Z]{2}-[CS])\])?\s{0,16}(\S{1,32}?)\s{0,4}-\s{0,4}(\S{1,32})\s{1,16}sec\s{1,16}(\S{1,32})\s{1,16}([A-Za-z]{0,4}(?:Bytes|bits))\s{1,16}(\S{1,32})\s{1,16}([A-Za-z]{0,8}\/sec)(.*)$/;

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
  // -e client: "Write/Err  Rtry  Cwnd/RTT(var)  NetPwr", e.g. "50/0  0  272K/52(13) us  125948";
  // a UDP client's "426/0  17 pps" has no Rtry column (whole number, not followed by pps)
  const w = /^\s*(\d{1,20})\/(\d{1,20})\s{1,32}(\d{1,20})(?![\d.])(?!\s*pps)/.exec(rest);
  if (w) iv.retransmits = Number(w[3]);
  // the lookbehind stops a run of digits from being retried at every offset
  const c = /(?<![\d-])(-?\d{1,15})K(?:\(\d{1,15}\))?\/(\d{1,15})(?:\(\d{1,15}\))?\s{0,4}us/.exec(rest);
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

const CONNECT =
  /^\[\s{0,8}([^\]\s]{1,16})\s{0,8}\]\s{1,16}local\s{1,16}(\S{1,80})\s{1,16}port\s{1,16}(\S{1,16})\s{1,16}connected (?:with|to)\s{1,16}(\S{1,80})\s{1,16}port\s{1,16}([^\s]{1,16})(\s.*)?$/;

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

// What an iperf line can start with; used to find where a --timestamps / ts prefix or a -T title ends.
const LINE_START =
  /^(?:\[|Connecting to host|Server listening|Accepted connection|Reverse mode|iperf|- - -|-{10}|warning|WARNING|Test Complete|Starting Test|Client connecting|TCP window|UDP buffer|Read buffer|Write buffer|Cookie|TCP MSS|Time:|CPU Utilization|snd_tcp|rcv_tcp|Sending|Receiving|Linux|Target|Server output|Server Report|Warning|Waiting)/;

const STAMP_ONLY = /^(?=[^[]{0,64}\d:\d\d)[A-Za-z0-9 ,:./+-]{8,64}$/;
const CLOCK = /\d:\d\d/;
const EPOCH = /^\d{1,12}(?:\.\d{1,9})?$/;

/**
 * iperf3 --timestamps prefixes every line with a strftime stamp ("%c " by default); moreutils `ts` does the same
 * to any program's lines ("Nov 30 08:39:33 "). Strip a prefix of at most 64 characters that holds a clock time or
 * an epoch number and is followed by a known line start. Only the first 64 characters are ever looked at.
 */
export function stripTimestamp(text: string): string {
  if (LINE_START.test(text)) return text;
  // a stamped empty line leaves the stamp alone on its line
  if (text.length <= 64 && STAMP_ONLY.test(text)) return '';
  for (let i = text.indexOf(' '); i > 0 && i <= 64; i = text.indexOf(' ', i + 1)) {
    let j = i;
    while (j < text.length && j < i + 16 && (text[j] === ' ' || text[j] === '\t')) j++;
    if (!LINE_START.test(text.slice(j, j + 24))) continue;
    const prefix = text.slice(0, i);
    if (CLOCK.test(prefix) || EPOCH.test(prefix.trim())) return text.slice(j);
  }
  return text;
}

/** iperf3 -T/--title puts "TITLE:  " before each line it prints (a title line alone when the line is empty). */
export interface Titled {
  title: string;
  rest: string;
  /** "TITLE:" alone (an empty line iperf3 titled): a title only if the log's other lines carry it too. */
  bare?: true;
}

/**
 * The title prefix of a line, if it has one: text up to the first ":  " within 128 characters, followed by a
 * known iperf line start or nothing. "TCP window size:  85.0 KByte" is not titled: "85.0" starts no iperf line.
 */
export function splitTitle(text: string): Titled | undefined {
  const at = text.indexOf(':  ');
  if (at <= 0 || at > 128) {
    // "Stream1:" alone: the title printed before an empty line (trailing spaces were trimmed)
    if (text.length > 1 && text.length <= 129 && text.endsWith(':') && !text.startsWith('[') && !/\s:$/.test(text)) {
      const title = text.slice(0, -1);
      if (!/^\s|[[\]]/.test(title)) return { title, rest: '', bare: true };
    }
    return undefined;
  }
  const title = text.slice(0, at);
  if (/^\s|[[\]]/.test(title)) return undefined;
  let j = at + 3;
  while (j < text.length && j < at + 16 && text[j] === ' ') j++;
  const rest = text.slice(j);
  if (rest === '' || LINE_START.test(rest.slice(0, 24))) return { title, rest };
  return undefined;
}
