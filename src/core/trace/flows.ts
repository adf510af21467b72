/**
 * A trace's rows joined into flows: per direction and 5-tuple (and VLAN), the queues the flow used with their
 * bytes, the CPUs and the hashes. The receive queue is interpreted here, once: queue_mapping is the rx queue + 1
 * where the driver recorded it (0 = not recorded); veth records none, and its netif_rx carries the sender's tx
 * queue unchanged (docs/record.md).
 */
import { TraceDirection, TraceFile, TraceRow } from './model';

/** What a flow's queue number means. */
export type QueueMeaning = 'tx' | 'rx' | 'sender-tx' | 'not-recorded';

export function rowQueue(row: TraceRow, driver: string | undefined): { queue: number | null; meaning: QueueMeaning } {
  if (row.direction === 'tx') return { queue: row.rawQueue, meaning: 'tx' };
  if (driver === 'veth' && row.probe === 'tracepoint:net:netif_rx_entry') return { queue: row.rawQueue, meaning: 'sender-tx' };
  return row.rawQueue === 0 ? { queue: null, meaning: 'not-recorded' } : { queue: row.rawQueue - 1, meaning: 'rx' };
}

interface TraceQueueShare {
  queue: number | null;
  meaning: QueueMeaning;
  packets: number;
  segments: number;
  bytes: number;
  wireBytes: number;
  /** CPUs that handled the flow's skbs on this queue, ascending. */
  cpus: number[];
  /** Distinct last hashes seen on this queue (one per CPU row). */
  hashes: number[];
  firstNs: number;
  lastNs: number;
}

/** One flow of the trace: its rows' key fields (direction, 5-tuple, VLAN) and their packet, wire-byte and hash totals. */
export interface TraceFlow extends Pick<TraceRow, 'direction' | 'proto' | 'src' | 'sport' | 'dst' | 'dport' | 'vlan' | 'packets' | 'wireBytes'> {
  /** Queues by wire bytes, largest first: a flow that moved (txrehash after a timeout) has several. */
  queues: TraceQueueShare[];
  /** The hash of the flow's latest skb, and whether it was an L4 hash. */
  hash: TraceRow['hash'];
  l4Hash: TraceRow['l4Hash'];
  rows: TraceRow[];
}

export function traceFlows(trace: TraceFile, driver?: string): TraceFlow[] {
  const byFlow = new Map<string, TraceRow[]>();
  for (const r of trace.rows) {
    const k = `${r.direction}|${r.proto}|${r.src}|${r.sport}|${r.dst}|${r.dport}|${r.vlan}`;
    const a = byFlow.get(k) ?? [];
    a.push(r);
    byFlow.set(k, a);
  }
  const flows: TraceFlow[] = [];
  for (const rows of byFlow.values()) {
    const r0 = rows[0];
    const shares = new Map<string, TraceQueueShare>();
    for (const r of rows) {
      const q = rowQueue(r, driver);
      const k = `${q.queue}|${q.meaning}`;
      const s = shares.get(k) ?? { queue: q.queue, meaning: q.meaning, packets: 0, segments: 0, bytes: 0, wireBytes: 0, cpus: [], hashes: [], firstNs: r.firstNs, lastNs: r.lastNs };
      s.packets += r.packets;
      s.segments += r.segments;
      s.bytes += r.bytes;
      s.wireBytes += r.wireBytes;
      if (!s.cpus.includes(r.cpu)) s.cpus.push(r.cpu);
      if (!s.hashes.includes(r.hash)) s.hashes.push(r.hash);
      s.firstNs = Math.min(s.firstNs, r.firstNs);
      s.lastNs = Math.max(s.lastNs, r.lastNs);
      shares.set(k, s);
    }
    const queues = [...shares.values()].sort((a, b) => b.wireBytes - a.wireBytes);
    for (const s of queues) s.cpus.sort((a, b) => a - b);
    const latest = rows.reduce((a, b) => (b.lastNs > a.lastNs ? b : a));
    flows.push({
      direction: r0.direction, proto: r0.proto, src: r0.src, sport: r0.sport, dst: r0.dst, dport: r0.dport, vlan: r0.vlan,
      packets: rows.reduce((a, r) => a + r.packets, 0), wireBytes: rows.reduce((a, r) => a + r.wireBytes, 0),
      queues, hash: latest.hash, l4Hash: latest.l4Hash, rows,
    });
  }
  return flows.sort((a, b) => b.wireBytes - a.wireBytes);
}

/** Wire bytes per queue of one direction (all traffic of the device, streams or not); index = queue. */
export function queueWireBytes(flows: TraceFlow[], direction: TraceDirection, n: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (const f of flows) {
    if (f.direction !== direction) continue;
    for (const s of f.queues) if (s.queue !== null && s.queue < n) out[s.queue] += s.wireBytes;
  }
  return out;
}
