/**
 * One model for every iperf output form (iperf 2 text/CSV, iperf3 text/JSON/json-stream).
 * Line numbers inside the model are 0-based (editor positions); IperfParseError.line is 1-based.
 */

export type IperfTool = 'iperf2' | 'iperf3';
export type IperfFormat = 'text' | 'csv' | 'json';
export type IperfProtocol = 'tcp' | 'udp';
/** Whether this host sent or received the stream's data. */
export type IperfRole = 'sender' | 'receiver';
/** forward: client sends; reverse: server sends (-R); bidir: both at once (--bidir, iperf 2 -d/-r). */
export type IperfDirection = 'forward' | 'reverse' | 'bidir';
/** Which end of the test wrote the log. */
export type IperfSide = 'client' | 'server' | 'unknown';

export interface IperfEndpoint {
  ip: string;
  port: number;
}

/** One report row. bytes are exact bytes (K/M/G/T of the Transfer column are 1024-based). */
export interface IperfInterval {
  start: number;
  end: number;
  bytes: number;
  bitsPerSecond: number;
  retransmits?: number;
  /** Congestion window in bytes. */
  cwnd?: number;
  /** Round-trip time in microseconds. */
  rtt?: number;
  /** UDP jitter in milliseconds. */
  jitter?: number;
  /** UDP datagrams lost. */
  lost?: number;
  /** UDP datagrams (total sent or expected). */
  packets?: number;
  outOfOrder?: number;
  /** iperf3 -O warm-up interval. */
  omitted?: boolean;
  /** 0-based line of the row in the log. */
  line?: number;
}

/** A final summary row, tagged with the side that measured it. */
export interface IperfTotals extends IperfInterval {
  side: IperfRole;
  /**
   * The log's own final summary said 0 bytes while its intervals carry data (iperf3 3.7 UDP server -J):
   * these totals are the intervals added up instead, and a warning says so.
   */
  fromIntervals?: true;
}

export interface IperfStream {
  id: number;
  /** iperf3 --bidir tag such as TX-C / RX-S (text, and derived from `sender` in -J). */
  tag?: string;
  /** --bidir: whether this host transmitted (TX) or received (RX) the stream's data. */
  bidirRole?: 'TX' | 'RX';
  protocol: IperfProtocol;
  role: IperfRole;
  direction: IperfDirection;
  local?: IperfEndpoint;
  remote?: IperfEndpoint;
  /** 0-based line of the "connected with" / "local ... connected to" line (or the JSON `connected` entry). */
  connectLine?: number;
  intervals: IperfInterval[];
  /** The stream's final summary: the sender's side in a client log, this host's side in a server log. */
  totals?: IperfTotals;
  /** Every final summary row of the stream (iperf3 prints sender and receiver). */
  summaries: IperfTotals[];
}

/** The [SUM] rows of a test (or iperf3's JSON `sum`). */
export interface IperfSum {
  tag?: string;
  intervals: IperfInterval[];
  totals?: IperfTotals;
  summaries: IperfTotals[];
}

export interface IperfTest {
  protocol: IperfProtocol;
  side: IperfSide;
  direction: IperfDirection;
  /** 0-based line where the test starts. */
  startLine: number;
  streams: IperfStream[];
  /** The [SUM] of the test (for --bidir: the first direction seen). */
  sum?: IperfSum;
  /** --bidir: the [SUM] of the other direction. */
  reverseSum?: IperfSum;
  /** iperf3 -T/--title: the prefix the log's lines of this test carried. */
  title?: string;
  /** iperf3 --get-server-output: the server's report of this same test (not a test of its own). */
  serverOutput?: IperfTest;
}

export interface IperfMessage {
  level: 'warning' | 'error';
  /** 0-based line. */
  line: number;
  text: string;
  /** 'reader': Queue Lens's own warning about how it read the log (absent: a line iperf printed). */
  source?: 'reader';
}

export interface IperfUnknownLine {
  /** 0-based line. */
  line: number;
  text: string;
}

export interface IperfLog {
  tool: IperfTool;
  format: IperfFormat;
  fileName?: string;
  /** e.g. "iperf 3.12" when the log says so. */
  version?: string;
  tests: IperfTest[];
  /** Warnings and errors iperf printed. */
  messages: IperfMessage[];
  /** Lines not understood: kept, and counted in unknownLines. */
  unknown: IperfUnknownLine[];
  unknownLines: number;
  /** The log ends mid-record (cut short); complete rows before it are kept. */
  truncated: boolean;
  /** Lines longer than any iperf line, skipped without being read (a reader warning names the first). */
  longLines?: number;
}
