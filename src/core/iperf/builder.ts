// Collects one test's rows while a parser walks the log, then files them into intervals and summaries.
import {
  IperfDirection, IperfEndpoint, IperfInterval, IperfProtocol, IperfRole, IperfSide, IperfStream, IperfSum, IperfTest, IperfTotals,
} from './model';
import { ReportRow } from './textLines';

export interface RawStream {
  id: number;
  tag?: string;
  local?: IperfEndpoint;
  remote?: IperfEndpoint;
  connectLine?: number;
  role?: IperfRole;
  direction?: IperfDirection;
  /** iperf 2: the connection was accepted on this host's listening port. */
  accepted?: boolean;
  rows: ReportRow[];
}

export class TestBuilder {
  protocol: IperfProtocol = 'tcp';
  side: IperfSide = 'unknown';
  direction: IperfDirection = 'forward';
  /** This host's role when a stream says nothing itself. */
  role?: IperfRole;
  readonly streams = new Map<number, RawStream>();
  /** [SUM] rows by bidir tag ('' without one). */
  readonly sums = new Map<string, ReportRow[]>();
  /** Report rows filed so far (kept as a count: hasRows must not walk every stream on every connect line). */
  private rowCount = 0;

  constructor(readonly startLine: number) {}

  /** Set the stream's ends from its connect line (iperf 2 "connected with", iperf3 "connected to"). */
  connect(id: number, local: IperfEndpoint, remote: IperfEndpoint, line: number): RawStream {
    const s = this.stream(id);
    s.local = local;
    s.remote = remote;
    s.connectLine = line;
    this.anyConnect = true;
    return s;
  }

  /** Some stream of this test has a connect line (so its rows are not grepped fragments). */
  anyConnect = false;

  stream(id: number): RawStream {
    let s = this.streams.get(id);
    if (!s) {
      s = { id, rows: [] };
      this.streams.set(id, s);
    }
    return s;
  }

  addRow(row: ReportRow): void {
    this.rowCount++;
    if (row.id === null) {
      const key = row.tag ?? '';
      const rows = this.sums.get(key) ?? [];
      rows.push(row);
      this.sums.set(key, rows);
    } else {
      const s = this.stream(row.id);
      if (row.tag && !s.tag) s.tag = row.tag;
      s.rows.push(row);
    }
  }

  /** Any report row yet (connect lines alone may precede the header: iperf 2.1 threads race). */
  get hasRows(): boolean {
    return this.rowCount > 0;
  }

  /**
   * Whether this row can only belong to the next run: its stream (or [SUM]) already has a final summary with the
   * same label (iperf3 sender/receiver), or, in a test without connect lines (grepped summary rows), it starts
   * again from the beginning after a row that ran from the beginning. Within one run iperf prints each final
   * summary once.
   */
  startsNewRun(row: ReportRow): boolean {
    const rows = row.id === null ? this.sums.get(row.tag ?? '') : this.streams.get(row.id)?.rows;
    if (!rows || rows.length === 0) return false;
    if (row.label) return rows.some((r) => r.label === row.label);
    if (this.anyConnect) return false;
    // grepped rows: a row from the start again after a row that itself ran from the start (a summary)
    const last = rows[rows.length - 1];
    return !last.label && row.iv.start <= last.iv.start && last.iv.start === rows[0].iv.start;
  }

  get isEmpty(): boolean {
    return this.streams.size === 0 && this.sums.size === 0;
  }
}

export interface FinishOptions {
  /** iperf 2 without -i prints one row per stream: its final summary. */
  singleRowIsSummary: boolean;
}

/**
 * Split rows into intervals and final summaries. Labelled rows (iperf3 sender/receiver, iperf 2 Server Report)
 * are summaries; of the unlabelled ones, the last is the summary when it spans from the first row's start
 * to at least the previous row's end (0.0-2.0 after 0.0-1.0, 1.0-2.0). A log cut short keeps its intervals.
 */
function fileRows(rows: ReportRow[], ownSide: IperfRole, opts: FinishOptions): { intervals: IperfInterval[]; summaries: IperfTotals[] } {
  const summaries: IperfTotals[] = [];
  const plain: IperfInterval[] = [];
  for (const r of rows) {
    if (r.label) summaries.push({ ...r.iv, side: r.label });
    else plain.push(r.iv);
  }
  let ownSummary: IperfInterval | undefined;
  if (plain.length === 1 && opts.singleRowIsSummary) ownSummary = plain.pop();
  else if (plain.length >= 2) {
    const first = plain[0];
    const prev = plain[plain.length - 2];
    const last = plain[plain.length - 1];
    if (last.start === first.start && last.start <= prev.start && last.end >= prev.end - 1e-9) ownSummary = plain.pop();
  }
  if (ownSummary) summaries.unshift({ ...ownSummary, side: ownSide });
  return { intervals: plain, summaries };
}

/** The summary a reader means by "the stream's total": the sender's in a client log, this host's own in a server log. */
export function pickTotals(summaries: IperfTotals[], side: IperfSide, role: IperfRole): IperfTotals | undefined {
  const want: IperfRole = side === 'server' ? role : 'sender';
  return summaries.find((s) => s.side === want) ?? summaries[0];
}

function roleOfTag(tag: string | undefined): IperfRole | undefined {
  if (!tag) return undefined;
  return tag.startsWith('TX') ? 'sender' : 'receiver';
}

export function finishTest(b: TestBuilder, opts: FinishOptions): IperfTest {
  const defaultRole: IperfRole = b.role ?? (b.side === 'server' ? 'receiver' : 'sender');
  const streams: IperfStream[] = [...b.streams.values()]
    .sort((x, y) => x.id - y.id)
    .map((raw) => {
      const role = raw.role ?? roleOfTag(raw.tag) ?? defaultRole;
      const { intervals, summaries } = fileRows(raw.rows, role, opts);
      const s: IperfStream = {
        id: raw.id,
        protocol: b.protocol,
        role,
        direction: raw.direction ?? b.direction,
        intervals,
        summaries,
      };
      if (raw.tag) {
        s.tag = raw.tag;
        s.bidirRole = raw.tag.startsWith('TX') ? 'TX' : 'RX';
      }
      if (raw.local) s.local = raw.local;
      if (raw.remote) s.remote = raw.remote;
      if (raw.connectLine !== undefined) s.connectLine = raw.connectLine;
      const totals = pickTotals(summaries, b.side, role);
      if (totals) s.totals = totals;
      return s;
    });
  const test: IperfTest = { protocol: b.protocol, side: b.side, direction: b.direction, startLine: b.startLine, streams };
  const sums: IperfSum[] = [...b.sums.entries()].map(([tag, rows]) => {
    const role = roleOfTag(tag) ?? mostCommonRole(streams) ?? defaultRole;
    const { intervals, summaries } = fileRows(rows, role, opts);
    const sum: IperfSum = { intervals, summaries };
    if (tag) sum.tag = tag;
    const totals = pickTotals(summaries, b.side, role);
    if (totals) sum.totals = totals;
    return sum;
  });
  if (sums[0]) test.sum = sums[0];
  if (sums[1]) test.reverseSum = sums[1];
  return test;
}

function mostCommonRole(streams: IperfStream[]): IperfRole | undefined {
  if (streams.length === 0) return undefined;
  const senders = streams.filter((s) => s.role === 'sender').length;
  return senders * 2 >= streams.length ? 'sender' : 'receiver';
}
