/** The carrier of a flow inside an IP-level tunnel (GRE, ERSPAN, NVGRE, IP-in-IP): not itself a TCP/UDP flow. */
export interface CarrierAddrs {
  kind: number;
  v6: number;
  /** Source then destination, four words each, of the carrier's first packet. */
  words: Uint32Array;
  /** Key, VSID or session (-1: none). */
  id: number;
}

/**
 * What few flows have, kept beside the flow table so the table's per-flow arrays stay as they are: the IP-level
 * carrier of a tunnelled flow, and how many of a flow's packets were IP fragments (a NIC hashes those by addresses only).
 */
export class FlowExtras {
  readonly carriers = new Map<number, CarrierAddrs>();
  /** Per flow: fragments and their wire bytes. */
  readonly fragments = new Map<number, { count: number; bytes: number }>();

  addFragment(flow: number, wire: number): void {
    const f = this.fragments.get(flow);
    if (f) { f.count++; f.bytes += wire; } else this.fragments.set(flow, { count: 1, bytes: wire });
  }
}
