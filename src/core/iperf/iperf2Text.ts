// iperf 2 (2.0.5 .. 2.2) text output: client and server, -P/[SUM], -i, -e, UDP, -r/-d, several runs.
import { finishTest, TestBuilder } from './builder';
import { classifyMessage, LogCollector } from './collector';
import { IperfProtocol, IperfTest } from './model';
import { int } from './units';
import { parseConnectLine, parseReportRow, ReportRow } from './textLines';
import { LineSource } from './lines';

// Lines iperf 2 prints that carry nothing the model keeps.
const INFO = [
  /^-{20,}\s*$/,
  /^\[\s*ID\]/,
  /^(?:TCP window size|UDP buffer size|Sending \d+ byte datagrams|Receiving \d+ byte datagrams|Write buffer size|Read buffer size)/,
  /^(?:TOS set to|MSS (?:size|req)|TCP congestion|UDP rate|IPG target|Binding to|Joining multicast|Multicast|Server set to|Enabled|Setting|Using|Burst size|Isochronous|Time to live|Source bind|TCP_NODELAY|Waiting for server threads|Listening for|Client connecting|Server listening)/,
  /^\[\s*\S+\]\s+(?:MSS size|Read buffer|Write buffer|TCP window|Client Settings|Server Settings|Server Report:|Sent \d+ datagrams|.*datagrams received out-of-order)/,
  /^iperf version/,
  /^(?:\[\s*\S+\]\s*)?Start(?:ing)? (?:time|Test)/,
];

interface Header {
  clientPort?: number;
  listenPort?: number;
  protocol?: IperfProtocol;
}

export function parseIperf2Text(src: LineSource, log: LogCollector): IperfTest[] {
  const tests: IperfTest[] = [];
  let b: TestBuilder | undefined;
  let header: Header = {};
  let headerOpen = false;
  // "[ id] Server Report:" makes the id's next row the receiver's summary
  const serverReportFor = new Set<number | null>();
  const lastRow = new Map<number | null, ReportRow>();

  const close = () => {
    if (b && !b.isEmpty) tests.push(finish(b, header.clientPort !== undefined));
    b = undefined;
    lastRow.clear();
    serverReportFor.clear();
  };
  const current = (line: number): TestBuilder => {
    if (!b) {
      b = new TestBuilder(line);
      if (header.protocol) b.protocol = header.protocol;
    }
    return b;
  };

  for (const { line, text } of src) {
    if (text.trim() === '') continue;

    const client = /^Client connecting to (\S+?),? (TCP|UDP) port (\S+)/.exec(text);
    const server = /^Server listening on (TCP|UDP) port (\S+)/.exec(text);
    if (client || server) {
      // a header after a run's reports starts the next run; -d/-r print both headers before any report
      if (!headerOpen && b?.hasRows) {
        close();
        header = {};
      }
      headerOpen = true;
      if (client) {
        header.protocol = client[2].toLowerCase() as IperfProtocol;
        header.clientPort = int(client[3], line, 'port');
      } else if (server) {
        header.protocol = server[1].toLowerCase() as IperfProtocol;
        header.listenPort = int(server[2], line, 'port');
      }
      if (b && header.protocol) b.protocol = header.protocol;
      continue;
    }

    const conn = parseConnectLine(text, line);
    if (conn) {
      headerOpen = false;
      // a connection after reports (a server's next client, the -r back-connection) or a reused id starts a new test
      if (b?.hasRows || b?.streams.get(conn.id)?.connectLine !== undefined) close();
      const t = current(line);
      const s = t.stream(conn.id);
      s.local = conn.local;
      s.remote = conn.remote;
      s.connectLine = line;
      const reverse = /\(reverse\)/.test(conn.tail);
      if (header.listenPort !== undefined || header.clientPort !== undefined) {
        s.accepted = header.listenPort !== undefined && conn.local.port === header.listenPort &&
          !(header.clientPort !== undefined && conn.remote.port === header.clientPort && header.listenPort !== header.clientPort);
      }
      if (/\(full-duplex\)/.test(conn.tail)) s.direction = 'bidir';
      else if (reverse) s.direction = 'reverse';
      continue;
    }

    const protocol = b?.protocol ?? header.protocol ?? 'tcp';
    const row = parseReportRow(text, line, 'iperf2', protocol);
    if (row) {
      headerOpen = false;
      const t = current(line);
      if (serverReportFor.delete(row.id)) row.label = 'receiver';
      if (row.iv.jitter !== undefined) t.protocol = 'udp';
      t.addRow(row);
      lastRow.set(row.id, row);
      continue;
    }

    const ref = /^\[\s*(\S+?)\]/.exec(text);
    const refId = ref ? (ref[1].startsWith('SUM') ? null : Number(ref[1])) : undefined;
    if (refId !== undefined && /Server Report:/.test(text)) {
      serverReportFor.add(refId);
      continue;
    }
    const sent = /^\[\s*\S+?\]\s+Sent (\S+) datagrams/.exec(text);
    if (sent && refId !== undefined) {
      const r = lastRow.get(refId);
      if (r) r.iv.packets = int(sent[1], line, 'datagram count');
      continue;
    }
    const ooo = /^\[\s*\S+?\]\s+\S+\s*-\s*\S+\s+sec\s+(\S+) datagrams received out-of-order/.exec(text);
    if (ooo && refId !== undefined) {
      const r = lastRow.get(refId);
      if (r) r.iv.outOfOrder = int(ooo[1], line, 'out-of-order count');
      continue;
    }

    const level = classifyMessage(text);
    if (level) {
      log.message(level, line, text);
      continue;
    }
    const version = /^iperf version (\S+)/.exec(text);
    if (version) log.version = `iperf ${version[1]}`;
    if (INFO.some((re) => re.test(text))) continue;
    log.unknownLine(line, text);
  }
  close();
  return tests;
}

/** clientLog: the log has a "Client connecting to" header, so accepted connections are -d/-r back-connections. */
function finish(b: TestBuilder, clientLog: boolean): IperfTest {
  const raws = [...b.streams.values()];
  const withEnds = raws.filter((s) => s.local && s.remote);
  // no header: the side whose port every stream shares is the server's
  const guessAccepted = withEnds.length > 0 && (withEnds.length > 1
    ? withEnds.every((s) => s.local?.port === withEnds[0].local?.port)
    : (withEnds[0].local?.port ?? 0) < (withEnds[0].remote?.port ?? 0));
  for (const s of withEnds) s.accepted ??= guessAccepted;
  const accepted = raws.filter((s) => s.accepted === true).length;
  const initiated = raws.filter((s) => s.accepted === false).length;
  b.side = initiated > 0 ? 'client' : accepted > 0 ? 'server' : 'unknown';
  for (const s of raws) {
    if (s.accepted === undefined) continue;
    // the connecting side sends unless reversed (iperf 2.1 -R); -d/-r back-connections are accepted
    s.role = s.accepted !== (s.direction === 'reverse') ? 'receiver' : 'sender';
  }
  if (initiated > 0 && accepted > 0) b.direction = 'bidir';
  else if (initiated === 0 && accepted > 0 && clientLog) {
    // -r: the server connects back after the client's run, a test of its own
    b.side = 'client';
    b.direction = 'reverse';
    for (const s of raws) s.direction ??= 'reverse';
  }
  else if (raws.length > 0 && raws.every((s) => s.direction === 'reverse')) b.direction = 'reverse';
  else if (raws.length > 0 && raws.every((s) => s.direction === 'bidir')) b.direction = 'bidir';
  if (b.direction === 'bidir') for (const s of raws) s.direction ??= 'bidir';
  b.role = b.side === 'server' ? 'receiver' : 'sender';
  return finishTest(b, { singleRowIsSummary: true });
}
