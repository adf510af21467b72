/**
 * The trace `queue-lens record` writes (trace.txt, format queue-lens-trace/1): the shipped bpftrace program's maps,
 * printed once at its end. One row per (probe, ifindex, protocol, source, destination, VLAN, raw queue, CPU).
 */

export type TraceDirection = 'tx' | 'rx';

/** The probes of queue-lens.bt and their direction. */
export const TRACE_PROBES: Readonly<Record<string, TraceDirection>> = {
  'tracepoint:net:net_dev_start_xmit': 'tx',
  'tracepoint:net:netif_receive_skb_entry': 'rx',
  'tracepoint:net:napi_gro_receive_entry': 'rx',
  'tracepoint:net:netif_rx_entry': 'rx',
  'tracepoint:net:netif_receive_skb_list_entry': 'rx',
};

export interface TraceRow {
  /** The tracepoint, e.g. 'tracepoint:net:net_dev_start_xmit'. */
  probe: string;
  direction: TraceDirection;
  ifindex: number;
  /** IP protocol number (6 TCP, 17 UDP, 58 ICMPv6, ...). */
  proto: number;
  src: string;
  /** 0 for protocols without ports. */
  sport: number;
  dst: string;
  dport: number;
  /** VLAN id, or null when untagged. */
  vlan: number | null;
  /** queue_mapping as the tracepoint gave it: the tx queue; on receive the rx queue + 1 (0 = not recorded). */
  rawQueue: number;
  cpu: number;
  /** skbs seen. */
  packets: number;
  /** Frames on the wire they stand for (GSO/GRO segments). */
  segments: number;
  /** Sum of skb->len at the probe (tx: from the MAC header, once per GSO skb; rx: from the network header). */
  bytes: number;
  /** Wire bytes as a qdisc counts them (qdisc_pkt_len: every segment's headers, Ethernet header included). */
  wireBytes: number;
  /** The last skb's hash (tx: skb->hash; rx: the hash the driver set, e.g. the NIC's RSS hash). */
  hash: number;
  l4Hash: boolean;
  /** Kernel monotonic nanoseconds of the first and last skb. */
  firstNs: number;
  lastNs: number;
  /** Line of the row's @pkts entry in the file. */
  line: number;
}

/** Non-IP packets (ARP, LLDP) per probe, raw queue and CPU: counted, not attributed to a flow. */
export interface TraceOther {
  probe: string;
  direction: TraceDirection;
  rawQueue: number;
  cpu: number;
  packets: number;
  /** Their wire bytes (null in traces from before @otherwire was added). */
  wireBytes: number | null;
}

export interface TraceFile {
  file: string;
  format: 'queue-lens-trace/1';
  /** The device's ifindex and namespace inode the tracer filtered on (from its first line). */
  ifindex: number;
  netnsInode: number;
  startNs: number;
  /** null when the tracer's END line is missing (killed before it printed everything). */
  endNs: number | null;
  rows: TraceRow[];
  other: TraceOther[];
  warnings: string[];
}

/** A trace that is not one, naming the file and line. */
export class TraceFormatError extends Error {
  override readonly name = 'TraceFormatError';
  constructor(readonly file: string, readonly line: number, readonly reason: string) {
    super(`${file}:${line}: ${reason}`);
  }
}
