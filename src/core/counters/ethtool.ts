// `ethtool -S DEV` output: every driver names its per-queue counters its own way (see docs/counters.md).
import { addTo, CounterFormatError, counterValue, CounterSnapshot, denseQueues, NoQueueCountersError, QueueCounter } from './model';
import { eachLine } from './lines';
import { countOf } from '../text';

type Dir = 'tx' | 'rx';
type Kind = 'bytes' | 'packets';

/** One recognised per-queue counter: `part` counters (ucast/mcast/bcast) are summed when no total exists. */
interface Hit { dir: Dir; queue: number; kind: Kind; part: boolean; naming: string }

const kindOf = (s: string): Kind | undefined =>
  /^(bytes|byte)$/.test(s) ? 'bytes' : /^(packets|pkts|cnt)$/.test(s) ? 'packets' : undefined;

/** Flat `name: value` forms, tried in order; each returns a hit or undefined. */
const FLAT: Array<(k: string) => Hit | undefined> = [
  (k) => { // virtio_net, ice, ixgbe, igb, hv_netvsc: tx_queue_0_bytes
    const m = /^(tx|rx)_queue_(\d+)_(bytes|packets)$/.exec(k);
    return m ? { dir: m[1] as Dir, queue: +m[2], kind: kindOf(m[3])!, part: false, naming: 'tx_queue_N_bytes' } : undefined;
  },
  (k) => { // ena: queue_0_tx_bytes, queue_0_tx_cnt
    const m = /^queue_(\d+)_(tx|rx)_(bytes|cnt|packets)$/.exec(k);
    return m ? { dir: m[2] as Dir, queue: +m[1], kind: kindOf(m[3])!, part: false, naming: 'queue_N_tx_bytes / queue_N_tx_cnt' } : undefined;
  },
  (k) => { // mlx5: tx0_bytes, rx0_packets
    const m = /^(tx|rx)(\d+)_(bytes|packets)$/.exec(k);
    return m ? { dir: m[1] as Dir, queue: +m[2], kind: kindOf(m[3])!, part: false, naming: 'txN_bytes' } : undefined;
  },
  (k) => { // i40e, iavf, sfc: tx-0.tx_bytes, tx-0.bytes
    const m = /^(tx|rx)-(\d+)\.(?:(?:tx|rx)_)?(bytes|packets)$/.exec(k);
    return m ? { dir: m[1] as Dir, queue: +m[2], kind: kindOf(m[3])!, part: false, naming: 'tx-N.tx_bytes / tx-N.bytes' } : undefined;
  },
  (k) => { // bnxt_en, bnx2x: [0]: tx_bytes, [0]: tx_ucast_packets (summed over ucast/mcast/bcast)
    const m = /^\[(\d+)\]:\s*(tx|rx)_(?:(ucast|mcast|bcast)_)?(bytes|packets|pkts)$/.exec(k);
    return m ? { dir: m[2] as Dir, queue: +m[1], kind: kindOf(m[4])!, part: m[3] !== undefined, naming: '[N]: tx_bytes / [N]: tx_ucast_bytes' } : undefined;
  },
  (k) => { // be2net: txq0: tx_bytes, txq0: tx_pkts, rxq0: rx_bytes
    const m = /^(tx|rx)q(\d+):\s*(?:tx|rx)_(bytes|pkts|packets)$/.exec(k);
    return m ? { dir: m[1] as Dir, queue: +m[2], kind: kindOf(m[3])!, part: false, naming: 'txqN: tx_bytes' } : undefined;
  },
  (k) => { // gve and others: tx_bytes[0]
    const m = /^(tx|rx)_(bytes|packets)\[(\d+)\]$/.exec(k);
    return m ? { dir: m[1] as Dir, queue: +m[3], kind: kindOf(m[2])!, part: false, naming: 'tx_bytes[N]' } : undefined;
  },
  (k) => { // nfp-style and others: txq_0_pkts, rxq_0_bytes
    const m = /^(tx|rx)q_(\d+)_(bytes|pkts|packets)$/.exec(k);
    return m ? { dir: m[1] as Dir, queue: +m[2], kind: kindOf(m[3])!, part: false, naming: 'txq_N_pkts' } : undefined;
  },
];

/** vmxnet3: `Tx Queue#: 0` opens a section whose `ucast bytes tx` etc. belong to queue 0. */
function vmxnetHit(section: { dir: Dir; queue: number } | undefined, k: string): Hit | undefined {
  if (!section) return undefined;
  const m = /^(ucast|mcast|bcast) (bytes|pkts) (tx|rx)$/.exec(k);
  if (!m || m[3] !== section.dir) return undefined;
  return { dir: section.dir, queue: section.queue, kind: kindOf(m[2])!, part: true, naming: 'Tx Queue#: N sections (vmxnet3)' };
}

/** `name: value` of one line, found without backtracking (a 512 KiB line must cost linear time). */
function nameValue(raw: string): { key: string; value: string } | undefined {
  const colon = raw.lastIndexOf(':');
  if (colon < 0) return undefined;
  const key = raw.slice(0, colon).trim();
  const rest = raw.slice(colon + 1);
  if (key === '' || !/^\s/.test(rest)) return undefined;
  const value = rest.trim();
  return /^-?\d+$/.test(value) ? { key, value } : undefined;
}

/** Per direction and queue: totals and parts, kept apart so that a driver printing both is not counted twice. */
interface Tally {
  totals: Map<string, number>;
  parts: Map<string, number>;
  firstLine: Map<string, number>;
  /** Where each counter name was read: a second line of the same name is a second dump in the file. */
  seen: Map<string, number>;
  namings: Map<string, number>;
}

/** Reads `ethtool -S` text; throws NoQueueCountersError when no per-queue packet/byte counter is there. */
export function readEthtool(text: string, file: string): CounterSnapshot {
  const t: Tally = { totals: new Map(), parts: new Map(), firstLine: new Map(), seen: new Map(), namings: new Map() };
  const warnings: string[] = [];
  let section: { dir: Dir; queue: number } | undefined;
  let counters = 0;
  let xdpOnly = 0;
  let unknown = 0;
  let header = 0;
  for (const { text: raw, line } of eachLine(text)) {
    if (raw.trim() === '') continue;
    if (/^\s*NIC statistics:\s*$/i.test(raw)) {
      if (header > 0) throw new CounterFormatError(file, line, `a second "NIC statistics:" header (the first is on line ${header}): two dumps in one file; save one snapshot per file`);
      header = line;
      continue;
    }
    const nv = nameValue(raw);
    if (!nv) { unknown++; continue; }
    counters++;
    const key = nv.key;
    const value = counterValue(nv.value, file, line, `"${key.slice(0, 60)}"`);
    const sec = /^(tx|rx) queue#$/i.exec(key);
    if (sec) { section = { dir: sec[1].toLowerCase() as Dir, queue: value }; continue; }
    if (/^\s{0,5}\S/.test(raw) && section && !/^\s{6,}/.test(raw)) section = undefined; // back at the top level
    const k = key.toLowerCase();
    let hit: Hit | undefined;
    for (const f of FLAT) if ((hit = f(k))) break;
    hit ??= vmxnetHit(section, k);
    if (!hit) {
      if (/^(tx|rx)_queue_\d+_xdp/.test(k)) xdpOnly++;
      continue;
    }
    tally(t, hit, k, key, value, line, file);
  }
  const { namings } = t;
  if (namings.size > 1) {
    const [[a, la], [b, lb]] = [...namings.entries()];
    throw new CounterFormatError(file, lb, `per-queue counters named two ways (${a} from line ${la}, ${b} here): output of two drivers in one file`);
  }
  if (unknown > 0) warnings.push(`${countOf(unknown, 'line')} not of the form "name: value"; skipped`);
  const tx = queuesOf(t, 'tx', file);
  const rx = queuesOf(t, 'rx', file);
  if (tx.length === 0 && rx.length === 0) {
    const why = xdpOnly > 0
      ? `only XDP per-queue counters (${xdpOnly}, as veth prints): they do not count the queue's ordinary traffic`
      : counters === 0 ? 'no "name: value" counters at all' : `the driver reports device totals only (${counters} counters read)`;
    throw new NoQueueCountersError(file, `no per-queue packet or byte counters in this ethtool -S output: ${why}`);
  }
  return { source: 'ethtool', unit: 'traffic', device: null, naming: [...namings.keys()].join('; '), tx, rx, warnings };
}

/** Adds one per-queue counter line; a repeated name or a second naming of one counter is an error on its line. */
function tally(t: Tally, hit: Hit, k: string, key: string, value: number, line: number, file: string): void {
  // vmxnet3 repeats its counter names in every queue's section; elsewhere a repeated name is a duplicate line
  const nameKey = hit.naming.includes('vmxnet3') ? `${hit.dir}:${hit.queue}:${k}` : k;
  const before = t.seen.get(nameKey);
  if (before !== undefined) {
    throw new CounterFormatError(file, line, `${key} again (first on line ${before}): duplicate queue lines, or two dumps in one file; save one snapshot per file`);
  }
  t.seen.set(nameKey, line);
  if (!t.namings.has(hit.naming)) t.namings.set(hit.naming, line);
  const id = `${hit.dir}:${hit.queue}:${hit.kind}`;
  const into = hit.part ? t.parts : t.totals;
  if (!hit.part && into.has(id)) {
    throw new CounterFormatError(file, line, `${hit.dir} queue ${hit.queue} ${hit.kind} a second time, named ${key}: two namings of one counter`);
  }
  into.set(id, (into.get(id) ?? 0) + value);
  if (!t.firstLine.has(`${hit.dir}:${hit.queue}`)) t.firstLine.set(`${hit.dir}:${hit.queue}`, line);
}

/** One direction's queues; where a driver prints a total and its parts, the driver's own total wins. */
function queuesOf(t: Tally, dir: Dir, file: string): QueueCounter[] {
  const { totals, parts, firstLine } = t;
  const m = new Map<number, QueueCounter>();
  for (const src of [totals, parts]) {
    for (const [id, v] of src) {
      const [d, q, kind] = id.split(':');
      if (d !== dir) continue;
      const queue = Number(q);
      const c = m.get(queue) ?? { queue, packets: null, bytes: null, line: firstLine.get(`${dir}:${queue}`) };
      m.set(queue, c);
      const k = kind as Kind;
      if (src === parts && totals.has(id)) continue; // the driver's own total wins
      c[k] = addTo(c[k], v);
    }
  }
  return denseQueues(m, file);
}
