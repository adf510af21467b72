// iperf 2 (2.0.5 .. 2.2) text output: client and server, -P/[SUM], -i, -e, UDP, -r/-d, several runs,
// ts/--timestamps prefixes, and a server's and a client's output interleaved in one shell.
import { finishTest, TestBuilder } from './builder';
import { classifyMessage, LogCollector } from './collector';
import { IperfEndpoint, IperfProtocol, IperfTest } from './model';
import { int } from './units';
import { ConnectLine, parseConnectLine, parseReportRow, ReportRow, stripTimestamp } from './textLines';
import { LineSource, SourceLine } from './lines';

// Lines iperf 2 prints that carry nothing the model keeps.
const INFO = [
  /^-{20,}\s*$/,
  /^\[\s{0,8}ID\]/,
  /^(?:TCP window size|UDP buffer size|Sending \d+ byte datagrams|Receiving \d+ byte datagrams|Write buffer size|Read buffer size)/,
  /^(?:TOS set to|MSS (?:size|req)|TCP congestion|UDP rate|UDP isochronous|IPG target|Binding to|Joining multicast|Multicast|Server set to|Enabled|Setting|Using|Burst size|Isochronous|Time to live|Source bind|TCP_NODELAY|Waiting for server threads|Listening for|Client connecting|Server listening|Running Iperf Server)/,
  /^\[\s{0,8}\S{1,16}\]\s{1,16}(?:MSS size|Read buffer|Write buffer|TCP window|Client Settings|Server Settings|Server Report:|Sent \d+ datagrams|\S{1,32}\s{0,4}-\s{0,4}\S{1,32}\s{1,16}sec\s{1,16}\d+ datagrams received out-of-order)/,
  /^iperf version/,
  /^(?:\[\s{0,8}\S{1,16}\]\s*)?Start(?:ing)? (?:time|Test)/,
];

interface Header {
  clientPort?: number;
  listenPort?: number;
  protocol?: IperfProtocol;
  /** "Client connecting to" came before this test's first connection: the log's host is the client. */
  clientFirst?: boolean;
}

const CLIENT_HEADER = /^Client connecting to (\S{1,256}?),? (TCP|UDP) port (\S{1,16})/;
const SERVER_HEADER = /^Server listening on (TCP|UDP) port (\S{1,16})/;

/** One end's reading of the log: the whole log normally, or one role's lines when a server and a client share it. */
class Iperf2Reader {
  readonly tests: IperfTest[] = [];
  private b: TestBuilder | undefined;
  private header: Header = {};
  private headerOpen = false;
  private sawClientHeader = false;
  // "[ id] Server Report:" makes the id's next row the receiver's summary
  private readonly serverReportFor = new Set<number | null>();
  private readonly lastRow = new Map<number | null, ReportRow>();

  constructor(private readonly log: LogCollector) {}

  /** The id belongs to a stream of the test being read. */
  has(id: number | null): boolean {
    return id === null ? (this.b?.sums.size ?? 0) > 0 || (this.b?.streams.size ?? 0) > 0 : this.b?.streams.has(id) === true;
  }

  expectsServerReport(id: number | null): boolean {
    return this.serverReportFor.has(id);
  }

  private close(): void {
    if (this.b && !this.b.isEmpty) this.tests.push(finish(this.b, this.sawClientHeader, this.header));
    this.b = undefined;
    this.lastRow.clear();
    this.serverReportFor.clear();
  }

  private current(line: number): TestBuilder {
    if (!this.b) {
      this.b = new TestBuilder(line);
      if (this.header.protocol) this.b.protocol = this.header.protocol;
    }
    return this.b;
  }

  feed({ line, text }: SourceLine): void {
    // report and connect lines start with '['; headers never do
    const bracket = text.charCodeAt(0) === 91;
    const client = bracket ? null : CLIENT_HEADER.exec(text);
    const server = bracket ? null : SERVER_HEADER.exec(text);
    if (client || server) return this.headerLine(client, server, line);
    const conn = bracket ? parseConnectLine(text, line) : undefined;
    if (conn) return this.connectLine(conn, line);
    const protocol = this.b?.protocol ?? this.header.protocol ?? 'tcp';
    const row = bracket ? parseReportRow(text, line, 'iperf2', protocol) : undefined;
    if (row) return this.reportRow(row, line);
    if (this.rowNote(text, line)) return;
    const level = classifyMessage(text);
    if (level) {
      this.log.message(level, line, text);
      return;
    }
    const version = /^iperf version (\S{1,64})/.exec(text);
    if (version) this.log.version = `iperf ${version[1]}`;
    if (INFO.some((re) => re.test(text))) return;
    this.log.unknownLine(line, text);
  }

  /** "Client connecting to" / "Server listening on": the protocol and ports of the test that follows. */
  private headerLine(client: RegExpExecArray | null, server: RegExpExecArray | null, line: number): void {
    // a header after a run's reports starts the next run; -d/-r print both headers before any report
    if (!this.headerOpen && this.b?.hasRows) {
      this.close();
      this.header = {};
    }
    this.headerOpen = true;
    if (client) {
      this.sawClientHeader = true;
      this.header.protocol = client[2].toLowerCase() as IperfProtocol;
      this.header.clientPort = int(client[3], line, 'port');
      // printed before any connection of this test: this host is the client (-d client), not a -d server
      if (!this.b || this.b.streams.size === 0) this.header.clientFirst = true;
    } else if (server) {
      this.header.protocol = server[1].toLowerCase() as IperfProtocol;
      this.header.listenPort = int(server[2], line, 'port');
    }
    if (this.b && this.header.protocol) this.b.protocol = this.header.protocol;
  }

  private connectLine(conn: ConnectLine, line: number): void {
    this.headerOpen = false;
    // a connection after reports (a server's next client, the -r back-connection) or a reused id starts a new test
    if (this.b?.hasRows || this.b?.streams.get(conn.id)?.connectLine !== undefined) {
      const keep = this.header;
      this.close();
      this.header = { ...keep, clientFirst: undefined };
    }
    const s = this.current(line).connect(conn.id, conn.local, conn.remote, line);
    const reverse = /\(reverse\)/.test(conn.tail);
    const { listenPort, clientPort } = this.header;
    if (listenPort !== undefined || clientPort !== undefined) {
      s.accepted = listenPort !== undefined && conn.local.port === listenPort &&
        !(clientPort !== undefined && conn.remote.port === clientPort && listenPort !== clientPort);
    }
    if (/\(full-duplex\)/.test(conn.tail)) s.direction = 'bidir';
    else if (reverse) s.direction = 'reverse';
  }

  private reportRow(row: ReportRow, line: number): void {
    this.headerOpen = false;
    if (this.serverReportFor.delete(row.id)) row.label = 'receiver';
    // grepped summary rows of several runs: the same stream's summary again is the next run
    if (this.b?.startsNewRun(row)) this.close();
    const t = this.current(line);
    if (row.iv.jitter !== undefined) t.protocol = 'udp';
    t.addRow(row);
    this.lastRow.set(row.id, row);
  }

  /** "Server Report:", "Sent N datagrams", "N datagrams received out-of-order": notes on an id's next or last row. */
  private rowNote(text: string, line: number): boolean {
    const ref = /^\[\s{0,8}([^\]\s]{1,16})\s{0,8}\]/.exec(text);
    const refId = ref ? (ref[1].startsWith('SUM') ? null : Number(ref[1])) : undefined;
    if (refId !== undefined && /Server Report:/.test(text)) {
      this.serverReportFor.add(refId);
      return true;
    }
    const sent = /^\[\s{0,8}\S{1,16}?\]\s{1,16}Sent (\S{1,20}) datagrams/.exec(text);
    if (sent && refId !== undefined) {
      const r = this.lastRow.get(refId);
      if (r) r.iv.packets = int(sent[1], line, 'datagram count');
      return true;
    }
    const ooo = /^\[\s{0,8}\S{1,16}?\]\s{1,16}\S{1,32}\s{0,4}-\s{0,4}\S{1,32}\s{1,16}sec\s{1,16}(\S{1,20}) datagrams received out-of-order/.exec(text);
    if (ooo && refId !== undefined) {
      const r = this.lastRow.get(refId);
      if (r) r.iv.outOfOrder = int(ooo[1], line, 'out-of-order count');
      return true;
    }
    return false;
  }

  end(): IperfTest[] {
    this.close();
    return this.tests;
  }
}

const key = (e: IperfEndpoint): string => `${e.ip}|${e.port}`;

/**
 * A server's and a client's output in one shell (iperf -s & iperf -c localhost): the same connection shows
 * up from both ends, its endpoints swapped. Returns the accepting end of each such pair, by line.
 */
function mirroredConnections(lines: SourceLine[]): Map<number, 'server' | 'client'> | undefined {
  // only a log with both a server's and a client's header can hold both ends of a connection
  if (!lines.some((l) => SERVER_HEADER.test(l.text)) || !lines.some((l) => CLIENT_HEADER.test(l.text))) return undefined;
  const conns: { line: number; c: ConnectLine }[] = [];
  let listenPort: number | undefined;
  for (const l of lines) {
    const text = l.text;
    if (listenPort === undefined) {
      const h = SERVER_HEADER.exec(text);
      if (h && /^\d+$/.test(h[2])) listenPort = Number(h[2]);
    }
    if (!/\bconnected with\b/.test(text)) continue;
    const c = parseConnectLine(text, l.line);
    if (c) conns.push({ line: l.line, c });
  }
  const byEnds = new Map<string, number>();
  for (const { line, c } of conns) byEnds.set(`${key(c.local)}>${key(c.remote)}`, line);
  const roles = new Map<number, 'server' | 'client'>();
  for (const { line, c } of conns) {
    const mirror = byEnds.get(`${key(c.remote)}>${key(c.local)}`);
    if (mirror === undefined) continue;
    const accepted = listenPort !== undefined ? c.local.port === listenPort : c.local.port < c.remote.port;
    roles.set(line, accepted ? 'server' : 'client');
  }
  return roles.size > 0 ? roles : undefined;
}

/** Which end printed a row: the id known to one end only, else the shape of the row or of its column header. */
function rowRole(row: ReportRow, readers: Record<'server' | 'client', Iperf2Reader>, headerRole: 'server' | 'client' | undefined): 'server' | 'client' {
  if (readers.client.expectsServerReport(row.id)) return 'client';
  const inServer = readers.server.has(row.id);
  const inClient = readers.client.has(row.id);
  if (inServer !== inClient) return inServer ? 'server' : 'client';
  // -e rows: a server's "Reads=Dist" / UDP jitter and latency, a client's "Write/Err"
  if (/=\d/.test(row.tail) || row.iv.jitter !== undefined) return 'server';
  if (/^\s*\d+\/\d+\s/.test(row.tail)) return 'client';
  return headerRole ?? 'client';
}

export function parseIperf2Text(src: LineSource, log: LogCollector): IperfTest[] {
  const lines: SourceLine[] = [];
  for (const l of src) {
    const text = stripTimestamp(l.text);
    if (text.trim() !== '') lines.push(text === l.text ? l : { line: l.line, text });
  }
  const roles = mirroredConnections(lines);
  if (!roles) {
    const reader = new Iperf2Reader(log);
    for (const l of lines) reader.feed(l);
    return dropRepeats(reader.end(), log);
  }
  // both ends in one log: read each end's lines on their own, then merge the tests in log order
  const readers = { server: new Iperf2Reader(log), client: new Iperf2Reader(log) };
  let headerRole: 'server' | 'client' | undefined;
  let blockRole: 'server' | 'client' = 'client';
  for (const l of lines) {
    const text = l.text;
    let role: 'server' | 'client' = blockRole;
    if (SERVER_HEADER.test(text)) role = blockRole = 'server';
    else if (CLIENT_HEADER.test(text)) role = blockRole = 'client';
    else if (roles.has(l.line)) role = roles.get(l.line) ?? blockRole;
    else if (/^\[\s{0,8}ID\]/.test(text)) {
      headerRole = /Reads=|Jitter|Latency/.test(text) ? 'server' : 'client';
      role = headerRole;
    } else if (/Server Report:|Sent \d+ datagrams/.test(text)) role = 'client';
    else if (text.startsWith('[')) {
      const row = parseReportRow(text, l.line, 'iperf2', 'tcp');
      if (row) role = rowRole(row, readers, headerRole);
    }
    readers[role].feed(l);
  }
  const tests = [...readers.server.end(), ...readers.client.end()].sort((a, b) => a.startLine - b.startLine);
  log.readerWarning(tests[0]?.startLine ?? 0, 'a server\'s and a client\'s output are interleaved in this log (the same connections seen from both ends): each end\'s tests are read separately');
  return dropRepeats(tests, log);
}

/** A test printed twice (a script that echoes a client's log after running it): same end, same connections, same totals. */
function dropRepeats(tests: IperfTest[], log: LogCollector): IperfTest[] {
  if (tests.length < 2) return tests;
  const seen = new Map<string, number>();
  const out: IperfTest[] = [];
  for (const t of tests) {
    const connected = t.streams.length > 0 && t.streams.every((s) => s.local && s.remote);
    if (!connected) {
      out.push(t);
      continue;
    }
    const k = [t.side, t.protocol, ...t.streams.map((s) => `${s.id}:${key(s.local as IperfEndpoint)}>${key(s.remote as IperfEndpoint)}=${s.totals?.bytes ?? ''}`)].join(';');
    const first = seen.get(k);
    if (first !== undefined) {
      log.readerWarning(t.startLine, `the test at line ${t.startLine + 1} repeats the one at line ${first + 1} (same connections, same totals): counted once`);
      continue;
    }
    seen.set(k, t.startLine);
    out.push(t);
  }
  return out;
}

/** clientLog: the log has a "Client connecting to" header, so accepted connections are -d/-r back-connections. */
function finish(b: TestBuilder, clientLog: boolean, header: Header): IperfTest {
  const raws = [...b.streams.values()];
  const withEnds = raws.filter((s) => s.local && s.remote);
  // no header: the side whose port every stream shares is the server's
  const guessAccepted = withEnds.length > 0 && (withEnds.length > 1
    ? withEnds.every((s) => s.local?.port === withEnds[0].local?.port)
    : (withEnds[0].local?.port ?? 0) < (withEnds[0].remote?.port ?? 0));
  for (const s of withEnds) s.accepted ??= guessAccepted;
  const accepted = raws.filter((s) => s.accepted === true).length;
  const initiated = raws.filter((s) => s.accepted === false).length;
  // a -d server connects back to the client too, but only after accepting: its "Client connecting to" comes later
  const dualServer = initiated > 0 && accepted > 0 && header.listenPort !== undefined && !header.clientFirst;
  b.side = dualServer ? 'server' : initiated > 0 ? 'client' : accepted > 0 ? 'server' : 'unknown';
  for (const s of raws) {
    if (s.accepted === undefined) continue;
    // the connecting side sends unless reversed (iperf 2.1 -R); -d/-r back-connections are accepted
    s.role = s.accepted !== (s.direction === 'reverse') ? 'receiver' : 'sender';
  }
  if (initiated > 0 && accepted > 0) b.direction = 'bidir';
  else if (initiated === 0 && accepted > 0 && clientLog && header.clientPort !== undefined) {
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
