// iperf3 text output: client and server, -R, --bidir, UDP, -P, --logfile with --timestamps, several tests.
import { finishTest, TestBuilder } from './builder';
import { classifyMessage, LogCollector } from './collector';
import { IperfProtocol, IperfRole, IperfTest } from './model';
import { LineSource } from './lines';
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
      const s = current(line).stream(conn.id);
      s.local = conn.local;
      s.remote = conn.remote;
      s.connectLine = line;
      continue;
    }

    const protocol: IperfProtocol = b?.protocol ?? 'tcp';
    const row = parseReportRow(text, line, 'iperf3', protocol);
    if (row) {
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
    const version = /^(iperf 3\S*)/.exec(text);
    if (version) log.version = version[1];
    if (INFO.some((re) => re.test(text))) continue;
    log.unknownLine(line, text);
  }
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
