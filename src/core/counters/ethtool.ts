// `ethtool -S DEV` output: every driver names its per-queue counters its own way (see docs/counters.md).
import { addTo, CounterSnapshot, denseQueues, NoQueueCountersError, QueueCounter } from './model';

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

/** Reads `ethtool -S` text; throws NoQueueCountersError when no per-queue packet/byte counter is there. */
export function readEthtool(text: string, file: string): CounterSnapshot {
  const lines = text.split(/\r?\n/);
  // per direction and queue: totals and parts, kept apart so that a driver printing both is not counted twice
  const totals = new Map<string, number>();
  const parts = new Map<string, number>();
  const firstLine = new Map<string, number>();
  const namings = new Set<string>();
  const warnings: string[] = [];
  let section: { dir: Dir; queue: number } | undefined;
  let counters = 0;
  let xdpOnly = 0;
  let unknown = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.trim() === '' || /^\s*NIC statistics:\s*$/i.test(raw)) continue;
    const m = /^\s*(.+?):\s+(-?\d+)\s*$/.exec(raw);
    if (!m) { unknown++; continue; }
    counters++;
    const key = m[1].trim();
    const value = Number(m[2]);
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
    namings.add(hit.naming);
    const id = `${hit.dir}:${hit.queue}:${hit.kind}`;
    const into = hit.part ? parts : totals;
    into.set(id, (into.get(id) ?? 0) + value);
    if (!firstLine.has(`${hit.dir}:${hit.queue}`)) firstLine.set(`${hit.dir}:${hit.queue}`, i + 1);
  }
  if (unknown > 0) warnings.push(`${unknown} line${unknown === 1 ? '' : 's'} not of the form "name: value"; skipped`);
  const build = (dir: Dir): QueueCounter[] => {
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
    return denseQueues(m);
  };
  const tx = build('tx');
  const rx = build('rx');
  if (tx.length === 0 && rx.length === 0) {
    const why = xdpOnly > 0
      ? `only XDP per-queue counters (${xdpOnly}, as veth prints): they do not count the queue's ordinary traffic`
      : counters === 0 ? 'no "name: value" counters at all' : `the driver reports device totals only (${counters} counters read)`;
    throw new NoQueueCountersError(file, `no per-queue packet or byte counters in this ethtool -S output: ${why}`);
  }
  return { source: 'ethtool', unit: 'traffic', device: null, naming: [...namings].join('; '), tx, rx, warnings };
}
