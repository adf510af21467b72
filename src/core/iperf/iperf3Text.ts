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
  const tests: IperfTest[] = [];
  let b: TestBuilder | undefined;
  // --get-server-output: the server's own report of the test just printed, read on its own and attached to it
  let serverOutput: { target: IperfTest | undefined; lines: SourceLine[]; line: number } | undefined;
  const endServerOutput = () => {
    if (!serverOutput) return;
    const { target, lines, line } = serverOutput;
    serverOutput = undefined;
    const sub = new LogCollector();
    const [report] = parseIperf3Text(lines, sub);
    for (const m of sub.messages) log.messages.push(m);
    for (const u of sub.unknown) log.unknownLine(u.line, u.text);
    if (report && target) target.serverOutput = report;
    else if (report) tests.push(report);
    else if (lines.length > 0) log.readerWarning(line, 'a "Server output:" block with no test in it');
  };
  let pendingSide: 'client' | 'server' | undefined;
  let headerRole: IperfRole | undefined;
  let reverse = false;

  const close = () => {
    if (b && !b.isEmpty) tests.push(finish(b, headerRole, reverse));
    b = undefined;
    headerRole = undefined;
    reverse = false;
  };
  const current = (line: number): TestBuilder => {
    if (!b) {
      b = new TestBuilder(line);
      if (pendingSide) b.side = pendingSide;
    }
    return b;
  };

  for (const src0 of src) {
    const { line } = src0;
    const text = stripTimestamp(src0.text);
    if (text.trim() === '') continue;

    if (serverOutput) {
      if (!/^(?:iperf Done|Connecting to host )/.test(text)) {
        serverOutput.lines.push(text === src0.text ? src0 : { line, text });
        continue;
      }
      endServerOutput();
    }
    if (/^Server output:$/.test(text)) {
      close();
      serverOutput = { target: tests.at(-1), lines: [], line };
      continue;
    }

    if (/^Connecting to host /.test(text)) {
      close();
      pendingSide = 'client';
      current(line);
      continue;
    }
    if (/^Server listening on /.test(text)) {
      close();
      pendingSide = 'server';
      continue;
    }
    if (/^Accepted connection from /.test(text)) {
      if (b && !b.isEmpty) close();
      pendingSide = 'server';
      current(line);
      continue;
    }
    if (/^Reverse mode, /.test(text)) {
      current(line);
      reverse = true;
      continue;
    }
    const starting = /^Starting Test: protocol: (\w+)/.exec(text);
    if (starting) {
      current(line).protocol = starting[1].toLowerCase() === 'udp' ? 'udp' : 'tcp';
      continue;
    }
    if (/^\[\s*ID\]/.test(text)) {
      const t = current(line);
      if (/Datagrams|Jitter/.test(text)) t.protocol = 'udp';
      // the first column header tells a server which way the data went
      if (headerRole === undefined && !/\[Role\]/.test(text)) {
        headerRole = /Retr|Cwnd|Total Datagrams/.test(text) && !/Jitter/.test(text) ? 'sender' : 'receiver';
      }
      continue;
    }

    const conn = parseConnectLine(text, line);
    if (conn) {
      if (b?.streams.get(conn.id)?.connectLine !== undefined) close();
      current(line).connect(conn.id, conn.local, conn.remote, line);
      continue;
    }

    const protocol: IperfProtocol = b?.protocol ?? 'tcp';
    const row = parseReportRow(text, line, 'iperf3', protocol);
    if (row) {
      // grepped summary rows of several runs: a stream's "sender" row again is the next run
      if (b?.startsNewRun(row)) close();
      const t = current(line);
      if (row.iv.jitter !== undefined) t.protocol = 'udp';
      t.addRow(row);
      continue;
    }

    if (/^iperf Done/.test(text)) {
      close();
      pendingSide = undefined;
      continue;
    }
    const level = classifyMessage(text);
    if (level) {
      log.message(level, line, text);
      continue;
    }
    const version = /^(iperf 3\S{0,32})/.exec(text);
    if (version) log.version = version[1];
    if (INFO.some((re) => re.test(text))) continue;
    log.unknownLine(line, text);
  }
  endServerOutput();
  close();
  return tests;
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
