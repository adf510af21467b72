// iperf 2 -y C: the old form (YYYYMMDDhhmmss,..,id,0.0-10.0,bytes,bps[,jitter,lost,total,%,ooo]) and the newer one
// (a "time,srcaddress,..." header, separate istart/iend columns, a "+0000:" time-zone prefix on the stamp).
import { finishTest, TestBuilder } from './builder';
import { classifyMessage, LogCollector } from './collector';
import { IperfInterval, IperfTest } from './model';
import { LineSource } from './lines';
import { cleanIp, ReportRow } from './textLines';
import { IperfParseError } from './errors';
import { int, num } from './units';

/** A CSV record starts with iperf's stamp: 14 digits, optional .fraction, optional "+hhmm:" zone prefix. */
export const CSV_RECORD = /^(?:[+-]\d{4}:)?\d{14}(?:\.\d+)?,/;
export const CSV_HEADER = /^time,srcaddress,/;

// Values iperf writes when a counter is not available.
const NOT_AVAILABLE = new Set(['-1', '4294967295', '']);

export function parseIperf2Csv(src: LineSource, log: LogCollector): IperfTest[] {
  const tests: IperfTest[] = [];
  let header: string[] | undefined;
  let b: TestBuilder | undefined;
  const close = () => {
    if (b && !b.isEmpty) tests.push(finish(b));
    b = undefined;
  };

  for (const { line, text } of src) {
    if (text.trim() === '') continue;
    if (CSV_HEADER.test(text)) {
      header = text.split(',').map((h) => h.trim());
      continue;
    }
    if (!CSV_RECORD.test(text)) {
      const level = classifyMessage(text);
      if (level) log.message(level, line, text);
      else log.unknownLine(line, text);
      continue;
    }
    const rec = parseRecord(text.split(','), header, line);
    const existing = rec.id === null ? undefined : b?.streams.get(rec.id);
    // a UDP client's server report: the same stream seen from the server, its two ends swapped (2.0.5 -y C -u)
    const mirrored = existing?.local !== undefined && existing.remote !== undefined &&
      sameEnd(existing.local, rec.remote) && sameEnd(existing.remote, rec.local);
    const serverReport = rec.row.iv.jitter !== undefined && (mirrored || (existing?.rows.at(-1)?.iv.jitter === undefined &&
      existing?.local?.port === rec.local.port && existing?.remote?.port === rec.remote.port));
    // the same id on other ports is the next run
    if (!serverReport && existing?.local && (existing.local.port !== rec.local.port || existing.remote?.port !== rec.remote.port)) close();
    if (!b) b = new TestBuilder(line);
    if (rec.row.iv.jitter !== undefined) b.protocol = 'udp';
    const prev = rec.id === null ? b.sums.get('')?.at(-1) : b.streams.get(rec.id)?.rows.at(-1);
    if (serverReport || (rec.id === null && rec.row.iv.jitter !== undefined && prev && prev.iv.jitter === undefined)) rec.row.label = 'receiver';
    if (rec.id !== null && !serverReport) {
      const s = b.stream(rec.id);
      if (s.local === undefined) {
        s.local = rec.local;
        s.remote = rec.remote;
        s.connectLine = line;
        b.anyConnect = true;
      }
    }
    b.addRow(rec.row);
  }
  close();
  return tests;
}

function sameEnd(a: { ip: string; port: number }, b: { ip: string; port: number }): boolean {
  return a.port === b.port && a.ip === b.ip;
}

interface CsvRecord {
  id: number | null;
  local: { ip: string; port: number };
  remote: { ip: string; port: number };
  row: ReportRow;
}

function parseRecord(f: string[], header: string[] | undefined, line: number): CsvRecord {
  if (f.length < 9) throw new IperfParseError(line + 1, `CSV record has ${f.length} fields, expected at least 9`);
  const idValue = int(f[5], line, 'transfer id');
  let start: number;
  let end: number;
  let next: number;
  const combined = /^(.*?)-(.*)$/.exec(f[6]);
  if (combined && !header?.includes('istart')) {
    start = num(combined[1], line, 'interval start');
    end = num(combined[2], line, 'interval end');
    next = 7;
  } else {
    start = num(f[6], line, 'interval start');
    end = num(f[7], line, 'interval end');
    next = 8;
  }
  if (f.length < next + 2) throw new IperfParseError(line + 1, `CSV record has ${f.length} fields, expected at least ${next + 2}`);
  const iv: IperfInterval = {
    start,
    end,
    bytes: num(f[next], line, 'byte count'),
    bitsPerSecond: num(f[next + 1], line, 'bits per second'),
    line,
  };
  const extra = f.slice(next + 2);
  if (header) {
    const names = header.slice(header.length - extra.length);
    extra.forEach((v, i) => applyNamed(iv, names[i], v.trim(), line));
  } else if (extra.length === 5) {
    // old UDP form: jitter(ms),lost,total,lost%,out-of-order
    iv.jitter = num(extra[0], line, 'jitter');
    iv.lost = int(extra[1], line, 'lost datagrams');
    iv.packets = int(extra[2], line, 'total datagrams');
    iv.outOfOrder = int(extra[4], line, 'out-of-order count');
  }
  return {
    id: idValue < 0 ? null : idValue,
    local: { ip: cleanIp(f[1]), port: int(f[2], line, 'port') },
    remote: { ip: cleanIp(f[3]), port: int(f[4], line, 'port') },
    row: { id: idValue < 0 ? null : idValue, iv, tail: extra.join(',') },
  };
}

function applyNamed(iv: IperfInterval, name: string | undefined, value: string, line: number): void {
  if (!name || NOT_AVAILABLE.has(value)) return;
  switch (name) {
    case 'jitter': iv.jitter = num(value, line, 'jitter'); break;
    case 'errors': iv.lost = int(value, line, 'lost datagrams'); break;
    case 'datagrams': iv.packets = int(value, line, 'datagram count'); break;
    case 'outoforder': iv.outOfOrder = int(value, line, 'out-of-order count'); break;
    case 'tcpretry': iv.retransmits = int(value, line, 'retransmits'); break;
    case 'tcpcwnd': iv.cwnd = int(value, line, 'cwnd'); break;
    case 'tcprtt': iv.rtt = num(value, line, 'rtt'); break;
    default: break;
  }
}

/**
 * CSV names the two ends but not which one wrote the log. When every stream shares the first
 * end's port, that end is a server's listening port (2.0.5 server form); otherwise the first end is the sender.
 */
function finish(b: TestBuilder): IperfTest {
  const raws = [...b.streams.values()].filter((s) => s.local);
  const sharedLocal = raws.length > 1
    ? raws.every((s) => s.local?.port === raws[0].local?.port)
    : raws.length === 1 && (raws[0].local?.port ?? 0) < (raws[0].remote?.port ?? 0);
  b.side = sharedLocal ? 'server' : 'client';
  b.role = sharedLocal ? 'receiver' : 'sender';
  return finishTest(b, { singleRowIsSummary: true });
}
