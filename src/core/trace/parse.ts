/**
 * Reads trace.txt (queue-lens-trace/1): bpftrace's printed maps of queue-lens.bt, joined into one row per key.
 * A malformed map line is an error naming the file and line; lines of no known kind are counted and warned about.
 */
import { TRACE_PROBES, TraceFile, TraceFormatError, TraceOther, TraceRow } from './model';
import { countOf } from '../text';

const MAPS = ['pkts', 'segs', 'bytes', 'wire', 'hash', 'l4hash', 'first', 'last'] as const;
type MapName = (typeof MAPS)[number];
const KEY_FIELDS = 10;

const HEADER = /^queue-lens-trace\/1 ifindex=(\d+) netns=(\d+) start_ns=(\d+)$/;
const FOOTER = /^queue-lens-trace\/1 end_ns=(\d+)$/;
const MAP_LINE = /^@(\w+)\[(.*)\]: (-?\d+)$/;
/** bpftrace's own lines that carry nothing for us. */
const KNOWN_NOISE = /^(Attaching \d+ probes?\.\.\.|Lost \d+ events)$/;

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f:.]+$/i;

function int(text: string, file: string, line: number, what: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^\d+$/.test(text)) throw new TraceFormatError(file, line, `${what} "${text}" is not a non-negative integer`);
  const v = Number(text);
  if (v > max) throw new TraceFormatError(file, line, `${what} ${text} is out of range`);
  return v;
}

type RowKey = Omit<TraceRow, MapName | 'packets' | 'segments' | 'bytes' | 'wireBytes' | 'l4Hash' | 'firstNs' | 'lastNs' | 'line'>;
type PartialRow = Partial<Record<MapName, number>> & { key?: RowKey; line?: number };

export function parseTrace(text: string, file: string): TraceFile {
  const lines = text.split('\n');
  let header: { ifindex: number; netns: number; start: number } | undefined;
  let endNs: number | null = null;
  const rows = new Map<string, PartialRow>();
  const otherRows = new Map<string, TraceOther>();
  let unknown = 0;
  let firstUnknown = 0;
  let lostLines = 0;
  for (let i = 0; i < lines.length; i++) {
    const ln = i + 1;
    const l = lines[i].replace(/\r$/, '');
    if (l.trim() === '') continue;
    let m = HEADER.exec(l);
    if (m) {
      if (header) throw new TraceFormatError(file, ln, 'a second queue-lens-trace header (two traces in one file?)');
      header = { ifindex: int(m[1], file, ln, 'ifindex'), netns: int(m[2], file, ln, 'netns'), start: int(m[3], file, ln, 'start_ns') };
      continue;
    }
    m = FOOTER.exec(l);
    if (m) { endNs = int(m[1], file, ln, 'end_ns'); continue; }
    if (KNOWN_NOISE.test(l)) { if (/^Lost/.test(l)) lostLines++; continue; }
    m = MAP_LINE.exec(l);
    if (!m) {
      if (l.startsWith('@')) throw new TraceFormatError(file, ln, `malformed map line (not @map[key, ...]: count): "${l.slice(0, 80)}"`);
      if (unknown++ === 0) firstUnknown = ln;
      continue;
    }
    const [, name, keyText, valueText] = m;
    const key = keyText.split(', ');
    const value = Number(valueText);
    if (!Number.isSafeInteger(value) || value < 0) throw new TraceFormatError(file, ln, `@${name} value ${valueText} is not a count`);
    if (name === 'other' || name === 'otherwire') { addOther(otherRows, name, key, keyText, value, file, ln); continue; }
    if (!(MAPS as readonly string[]).includes(name)) {
      if (unknown++ === 0) firstUnknown = ln;
      continue;
    }
    addMapValue(rows, name as MapName, key, keyText, value, file, ln);
  }
  if (!header) throw new TraceFormatError(file, 1, 'no "queue-lens-trace/1 ifindex=… netns=… start_ns=…" line: not a trace written by queue-lens record');
  const warnings: string[] = [];
  if (unknown > 0) warnings.push(`${file}: ${countOf(unknown, 'line')} of no known kind not read (first: line ${firstUnknown})`);
  if (lostLines > 0) warnings.push(`${file}: bpftrace reported lost events ${countOf(lostLines, 'time')}`);
  if (endNs === null) warnings.push(`${file}: no end line: the tracer was stopped before it printed everything; counts may be missing`);
  const out = joinRows(rows, file, warnings);
  return { file, format: 'queue-lens-trace/1', ifindex: header.ifindex, netnsInode: header.netns, startNs: header.start, endNs, rows: out, other: [...otherRows.values()], warnings };
}

/** @other / @otherwire[probe, ifindex, queue, cpu]: non-IP packets (ARP) per queue. */
function addOther(otherRows: Map<string, TraceOther>, name: string, key: string[], keyText: string, value: number, file: string, ln: number): void {
  const probe = key[0];
  const direction = TRACE_PROBES[probe];
  if (key.length !== 4 || !direction) throw new TraceFormatError(file, ln, `@${name} needs [probe, ifindex, queue, cpu], got [${keyText}]`);
  const o = otherRows.get(keyText) ?? { probe, direction, rawQueue: int(key[2], file, ln, 'queue', 0xffff), cpu: int(key[3], file, ln, 'cpu', 65535), packets: 0, wireBytes: null };
  if (name === 'other') o.packets = value;
  else o.wireBytes = value;
  otherRows.set(keyText, o);
}

/** One map's count for a flow key; the key is checked and read on its first map line. */
function addMapValue(rows: Map<string, PartialRow>, name: MapName, key: string[], keyText: string, value: number, file: string, ln: number): void {
  const probe = key[0];
  const direction = TRACE_PROBES[probe];
  if (key.length !== KEY_FIELDS) throw new TraceFormatError(file, ln, `@${name} has ${key.length} key fields, not ${KEY_FIELDS} (probe, ifindex, proto, src, sport, dst, dport, vlan, queue, cpu)`);
  if (!direction) throw new TraceFormatError(file, ln, `unknown probe "${probe}"`);
  const [, ifx, proto, src, sport, dst, dport, vlan, queue, cpu] = key;
  for (const [a, what] of [[src, 'source'], [dst, 'destination']] as const) {
    if (!IPV4.test(a) && !(a.includes(':') && IPV6.test(a))) throw new TraceFormatError(file, ln, `${what} address "${a}" is not an IP address`);
  }
  const vlanId = int(vlan, file, ln, 'vlan', 0xffff);
  const row = rows.get(keyText) ?? {};
  if (!row.key) {
    row.key = {
      probe, direction, ifindex: int(ifx, file, ln, 'ifindex'), proto: int(proto, file, ln, 'protocol', 255),
      src, sport: int(sport, file, ln, 'source port', 65535), dst, dport: int(dport, file, ln, 'destination port', 65535),
      vlan: vlanId === 0xffff ? null : vlanId, rawQueue: int(queue, file, ln, 'queue', 0xffff), cpu: int(cpu, file, ln, 'cpu', 65535),
    };
  }
  if (row[name] !== undefined) throw new TraceFormatError(file, ln, `@${name}[${keyText}] printed twice`);
  row[name] = value;
  if (name === 'pkts') row.line = ln;
  rows.set(keyText, row);
}

/** The rows every map has a count for, in file order; a key missing from some map is counted and warned about. */
function joinRows(rows: ReadonlyMap<string, PartialRow>, file: string, warnings: string[]): TraceRow[] {
  const out: TraceRow[] = [];
  let incomplete = 0;
  for (const r of rows.values()) {
    // hash and l4hash are written only when they change from 0: absent means 0
    if (MAPS.some((n) => r[n] === undefined && n !== 'hash' && n !== 'l4hash') || !r.key) { incomplete++; continue; }
    out.push({
      ...r.key, packets: r.pkts!, segments: r.segs!, bytes: r.bytes!, wireBytes: r.wire!, hash: (r.hash ?? 0) >>> 0,
      l4Hash: (r.l4hash ?? 0) !== 0, firstNs: r.first!, lastNs: r.last!, line: r.line ?? 0,
    });
  }
  if (incomplete > 0) warnings.push(`${file}: ${countOf(incomplete, 'key')} missing from some of the maps (${MAPS.join(', ')}); left out`);
  out.sort((a, b) => a.line - b.line);
  return out;
}
