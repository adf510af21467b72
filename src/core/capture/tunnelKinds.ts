// The tunnel kinds the decoders open, named once. Node-free: the report's types, the webview protocol and prose all
// derive from this list. `id` is the number a decoded packet and the flow table carry (0: no tunnel), `name` the
// report's and the CLI's spelling, `title` how prose writes it; `udpPort` the UDP port a UDP-carried kind is found on
// (the carrier is then a UDP flow); a kind without one rides directly in IP (the carrier is an address pair).

export interface TunnelKind {
  id: number;
  name: string;
  title: string;
  udpPort?: number;
}

export const TUNNEL_KINDS = [
  { id: 1, name: 'vxlan', title: 'VXLAN', udpPort: 4789 },
  { id: 2, name: 'geneve', title: 'Geneve', udpPort: 6081 },
  { id: 3, name: 'gtp-u', title: 'GTP-U', udpPort: 2152 },
  { id: 4, name: 'vxlan-gpe', title: 'VXLAN-GPE', udpPort: 4790 },
  { id: 5, name: 'mpls-udp', title: 'MPLS over UDP', udpPort: 6635 },
  { id: 6, name: 'gre', title: 'GRE' },
  { id: 7, name: 'erspan', title: 'ERSPAN' },
  { id: 8, name: 'nvgre', title: 'NVGRE' },
  { id: 9, name: 'ip-in-ip', title: 'IP-in-IP' },
  { id: 10, name: 'gre-udp', title: 'GRE over UDP', udpPort: 4754 },
  { id: 11, name: 'ayiya', title: 'AYIYA', udpPort: 5072 },
] as const satisfies readonly TunnelKind[];

type Kind = (typeof TUNNEL_KINDS)[number];
/** Every kind's number (what `Decoded.tunKind` and the flow table hold). */
export type TunnelKindId = Kind['id'];
/** Every kind's name, as the report and the CLI write it. */
export type TunnelKindName = Kind['name'];
/** Kinds carried in UDP: the carrier is a UDP flow (a report's `tunnel`). */
export type UdpTunnelName = Extract<Kind, { udpPort: number }>['name'];
/** Kinds carried directly in IP: the carrier is an address pair (a report's `carrier`). */
export type IpTunnelName = Exclude<TunnelKindName, UdpTunnelName>;

/** The kind of a number, or undefined for 0 and unknown numbers. */
export function tunnelKind(id: number): TunnelKind | undefined {
  const k: TunnelKind | undefined = TUNNEL_KINDS[id - 1];
  return k?.id === id ? k : undefined;
}

/** The number of a kind named in the list (typed: a misspelt name does not compile). */
export function tunnelId(name: TunnelKindName): TunnelKindId {
  return TUNNEL_KINDS.find((k) => k.name === name)!.id;
}

/** How prose writes a kind: "VXLAN", "MPLS over UDP". */
export function tunnelTitle(name: TunnelKindName): string {
  return TUNNEL_KINDS.find((k) => k.name === name)!.title;
}
