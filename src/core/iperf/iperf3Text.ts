// iperf3 text output: client and server, -R, --bidir, UDP, -P, --logfile with --timestamps, several tests.
import { finishTest, TestBuilder } from './builder';
import { classifyMessage, LogCollector } from './collector';
import { IperfProtocol, IperfRole, IperfTest } from './model';
import { LineSource, SourceLine } from './lines';
import { parseConnectLine, parseReportRow, stripTimestamp } from './textLines';

// Lines iperf3 prints that carry nothing the model keeps.
const INFO = [
  /^-{20,}$/,
  /^(?:- )+-?$/,
  /^\[\s*ID\]/,
  /^iperf Done\.?$/,
  /^Test Complete/,
  /^(?:Time|Cookie|TCP MSS|Target Bitrate|Connecting to host|Accepted connection|Server listening|Reverse mode|Starting Test|CPU Utilization|snd_tcp_congestion|rcv_tcp_congestion|Linux|Darwin|FreeBSD|send_buffer|receive_buffer|Sent|Receiving)\b/,
  /^iperf 3\S*/,
];

export function parseIperf3Text(src: LineSource, log: LogCollector): IperfTest[] {
  const r = new Iperf3TextReader(log);
  for (const src0 of src) {
    const { line } = src0;
    const text = stripTimestamp(src0.text);
    if (text.trim() === '') continue;
    if (r.serverOutput) {
      if (!/^(?:iperf Done|Connecting to host )/.test(text)) {
        r.serverOutput.lines.push(text === src0.text ? src0 : { line, text });
        continue;
      }
      r.endServerOutput();
    }
    if (!r.sessionLine(text, line)) r.dataLine(text, line);
  }
  r.endServerOutput();
  r.close();
  return r.tests;
}

/** The reader's state between lines: the tests so far, the one being built, and what the headers said of it. */
class Iperf3TextReader {
  readonly tests: IperfTest[] = [];
  private b: TestBuilder | undefined;
  // --get-server-output: the server's own report of the test just printed, read on its own and attached to it
  serverOutput: { target: IperfTest | undefined; lines: SourceLine[]; line: number } | undefined;
  private pendingSide: 'client' | 'server' | undefined;
  private headerRole: IperfRole | undefined;
  private reverse = false;

  constructor(private readonly log: LogCollector) {}

  endServerOutput(): void {
    if (!this.serverOutput) return;
    const { target, lines, line } = this.serverOutput;
    this.serverOutput = undefined;
    const sub = new LogCollector();
    const [report] = parseIperf3Text(lines, sub);
    for (const m of sub.messages) this.log.messages.push(m);
    for (const u of sub.unknown) this.log.unknownLine(u.line, u.text);
    if (report && target) target.serverOutput = report;
    else if (report) this.tests.push(report);
    else if (lines.length > 0) this.log.readerWarning(line, 'a "Server output:" block with no test in it');
  }

  close(): void {
    if (this.b && !this.b.isEmpty) this.tests.push(finish(this.b, this.headerRole, this.reverse));
    this.b = undefined;
    this.headerRole = undefined;
    this.reverse = false;
  }

  private current(line: number): TestBuilder {
    if (!this.b) {
      this.b = new TestBuilder(line);
      if (this.pendingSide) this.b.side = this.pendingSide;
    }
    return this.b;
  }

  /** The lines that start a test or a side, or say its protocol, direction or column roles; false for any other. */
  sessionLine(text: string, line: number): boolean {
    if (/^Server output:$/.test(text)) {
      this.close();
      this.serverOutput = { target: this.tests.at(-1), lines: [], line };
      return true;
    }
    if (/^Connecting to host /.test(text)) {
      this.close();
      this.pendingSide = 'client';
      this.current(line);
      return true;
    }
    if (/^Server listening on /.test(text)) {
      this.close();
      this.pendingSide = 'server';
      return true;
    }
    if (/^Accepted connection from /.test(text)) {
      if (this.b && !this.b.isEmpty) this.close();
      this.pendingSide = 'server';
      this.current(line);
      return true;
    }
    if (/^Reverse mode, /.test(text)) {
      this.current(line);
      this.reverse = true;
      return true;
    }
    const starting = /^Starting Test: protocol: (\w+)/.exec(text);
    if (starting) {
      this.current(line).protocol = starting[1].toLowerCase() === 'udp' ? 'udp' : 'tcp';
      return true;
    }
    if (/^\[\s*ID\]/.test(text)) {
      const t = this.current(line);
      if (/Datagrams|Jitter/.test(text)) t.protocol = 'udp';
      // the first column header tells a server which way the data went
      if (this.headerRole === undefined && !/\[Role\]/.test(text)) {
        this.headerRole = /Retr|Cwnd|Total Datagrams/.test(text) && !/Jitter/.test(text) ? 'sender' : 'receiver';
      }
      return true;
    }
    return false;
  }

  /** Connect lines, report rows, the end of a test, messages; what is none of these is counted as unknown. */
  dataLine(text: string, line: number): void {
    const conn = parseConnectLine(text, line);
    if (conn) {
      if (this.b?.streams.get(conn.id)?.connectLine !== undefined) this.close();
      this.current(line).connect(conn.id, conn.local, conn.remote, line);
      return;
    }
    const protocol: IperfProtocol = this.b?.protocol ?? 'tcp';
    const row = parseReportRow(text, line, 'iperf3', protocol);
    if (row) {
      // grepped summary rows of several runs: a stream's "sender" row again is the next run
      if (this.b?.startsNewRun(row)) this.close();
      const t = this.current(line);
      if (row.iv.jitter !== undefined) t.protocol = 'udp';
      t.addRow(row);
      return;
    }
    if (/^iperf Done/.test(text)) {
      this.close();
      this.pendingSide = undefined;
      return;
    }
    const level = classifyMessage(text);
    if (level) {
      this.log.message(level, line, text);
      return;
    }
    const version = /^(iperf 3\S{0,32})/.exec(text);
    if (version) this.log.version = version[1];
    if (INFO.some((re) => re.test(text))) return;
    this.log.unknownLine(line, text);
  }
}

function finish(b: TestBuilder, headerRole: IperfRole | undefined, reverse: boolean): IperfTest {
  const raws = [...b.streams.values()];
  if (raws.some((s) => s.tag) || [...b.sums.keys()].some((k) => k !== '')) {
    b.direction = 'bidir';
  } else if (b.side === 'client') {
    b.direction = reverse ? 'reverse' : 'forward';
    b.role = reverse ? 'receiver' : 'sender';
  } else {
    b.role = headerRole ?? (b.side === 'server' ? 'receiver' : 'sender');
    if (b.side === 'server') b.direction = b.role === 'sender' ? 'reverse' : 'forward';
  }
  if (b.side === 'unknown' && headerRole) b.role = headerRole;
  return finishTest(b, { singleRowIsSummary: false });
}
