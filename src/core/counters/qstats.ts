// The kernel's per-queue netdev stats as the ynl tooling prints them: `ynl --family netdev --dump qstats-get
// --json '{"scope": "queue"}'` (Python repr by default, JSON with --output-json), one flat object per queue.
import { CounterFormatError, counterValue, CounterSnapshot, denseQueues, NoQueueCountersError, QueueCounter } from './model';
import { TcReadOptions } from './tcQdisc';
import { countOf, errorMessage } from '../text';

/** Python's repr of a flat dict of str/int → JSON (ynl prints repr unless --output-json). */
function reprToJson(s: string): string {
  return s.replace(/'/g, '"').replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'null');
}


export function readQstats(text: string, file: string, opts: TcReadOptions = {}): CounterSnapshot {
  const warnings: string[] = [];
  const { entries, rest } = scanEntries(text, file);
  const leftover = rest.split('\n').map((l, i) => ({ l: l.replace(/[[\],\s]/g, ''), i })).filter((x) => x.l !== '');
  if (entries.length === 0) throw new CounterFormatError(file, 1, 'no {"ifindex": ..., "queue-type": ...} entries: not ynl qstats-get output');
  if (leftover.length > 0) warnings.push(`${countOf(leftover.length, 'line')} outside the entries not read (first: "${leftover[0].l.slice(0, 40)}")`);
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const count = (v: unknown, line: number, what: string): number | null => (typeof v === 'number' ? counterValue(String(v), file, line, what) : null);
  const withQueue = entries.filter((e) => e.obj['queue-id'] !== undefined);
  if (withQueue.length === 0) {
    throw new NoQueueCountersError(file, `${entries.length} device-scope entr${entries.length === 1 ? 'y' : 'ies'} without "queue-id": dump with --json '{"scope": "queue"}'`);
  }
  const name = (o: Record<string, unknown>): string => (typeof o.ifname === 'string' ? o.ifname : `ifindex ${String(o.ifindex)}`);
  const dev = chooseDevice([...new Set(withQueue.map((e) => name(e.obj)))], opts.device, file);
  const tx = new Map<number, QueueCounter>();
  const rx = new Map<number, QueueCounter>();
  for (const { obj, line } of withQueue) {
    if (name(obj) !== dev) continue;
    const type = obj['queue-type'];
    const queue = num(obj['queue-id']);
    if ((type !== 'tx' && type !== 'rx') || queue === null) { warnings.push(`line ${line}: entry without queue-type tx/rx or a numeric queue-id; skipped`); continue; }
    const into = type === 'tx' ? tx : rx;
    if (into.has(queue)) throw new CounterFormatError(file, line, `a second ${type} entry for queue ${queue}`);
    into.set(queue, { queue, packets: count(obj[`${type}-packets`], line, `${type}-packets`), bytes: count(obj[`${type}-bytes`], line, `${type}-bytes`), line });
  }
  return { source: 'qstats', unit: 'traffic', device: dev, naming: 'netdev qstats-get, scope queue', tx: denseQueues(tx, file), rx: denseQueues(rx, file), warnings };
}

/** Every {...} entry with its line, and the text outside them (to warn about what was not read). */
function scanEntries(text: string, file: string): { entries: Array<{ obj: Record<string, unknown>; line: number }>; rest: string } {
  const entries: Array<{ obj: Record<string, unknown>; line: number }> = [];
  const re = /\{[^{}]*\}/g;
  let rest = '';
  let last = 0;
  // the line of each entry, counted on from the previous one (linear in the file, not per entry)
  let line = 1;
  let nextNewline = text.indexOf('\n');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    rest += text.slice(last, m.index);
    last = m.index + m[0].length;
    while (nextNewline >= 0 && nextNewline < m.index) { line++; nextNewline = text.indexOf('\n', nextNewline + 1); }
    let obj: unknown;
    try {
      obj = JSON.parse(m[0].includes("'") ? reprToJson(m[0]) : m[0]);
    } catch (e) {
      throw new CounterFormatError(file, line, `not a qstats entry (${errorMessage(e)})`);
    }
    if (typeof obj === 'object' && obj !== null) entries.push({ obj: obj as Record<string, unknown>, line });
  }
  rest += text.slice(last);
  return { entries, rest };
}

/** The device asked for (by name or ifindex), else the only one; several without a choice is an error. */
function chooseDevice(devices: readonly string[], want: string | undefined, file: string): string {
  if (want !== undefined) {
    const found = devices.find((d) => d === want || d === `ifindex ${want}`);
    if (!found) throw new CounterFormatError(file, 0, `no device ${want} in these qstats (they have ${devices.join(', ')})`);
    return found;
  }
  if (devices.length > 1) throw new CounterFormatError(file, 0, `qstats of several devices (${devices.join(', ')}): choose one (--dev)`);
  return devices[0];
}
