import type { InterfaceInfo } from '../capture/interfaceInfo';
import type { IpTunnelName, UdpTunnelName } from '../capture/tunnelKinds';

export interface Endpoint { ip: string; port: number }
interface Direction { packets: number; bytes: number }

/** The outer UDP flow that carried a tunnelled flow's first packet. */
export interface TunnelRef {
  proto: 'udp';
  a: Endpoint;
  b: Endpoint;
  /** Extra to the CLI shape: which encapsulation, and its network identifier (VNI, GTP-U TEID; absent when none). */
  kind?: UdpTunnelName;
  vni?: number;
}

/**
 * The IP-level tunnel that carried a flow's first packet (GRE, ERSPAN, NVGRE, IP-in-IP): an address pair, not a
 * TCP/UDP flow. A NIC hashes such packets by the outer addresses (2-tuple) unless it parses the tunnel.
 */
export interface CarrierRef {
  kind: IpTunnelName;
  /** Outer source and destination of the first packet. */
  a: string;
  b: string;
  /** GRE key, NVGRE VSID or ERSPAN session id, when the header has one. */
  id?: number;
}

/** A flow's packets that were IP fragments: a NIC hashes fragments by addresses only (no ports), so they may use another queue. */
interface FragmentCount { count: number; bytes: number }

/** One flow as `queue-lens flows --json` prints it. */
export interface FlowJson {
  proto: 'tcp' | 'udp';
  a: Endpoint;
  b: Endpoint;
  aToB: Direction;
  bToA: Direction;
  /** Seconds from the capture's first packet to the flow's first. */
  start: number;
  duration: number;
  tunnel?: TunnelRef;
  carrier?: CarrierRef;
  fragments?: FragmentCount;
}

/** Flows beyond the cap (ReadOptions.maxFlows), added up: no addresses, so no queue. */
interface OtherFlows {
  /** Flow entries added up (a flow evicted while reading and seen again counts twice). */
  flows: number;
  packets: number;
  bytes: number;
}

/** Exactly the CLI's --json object (issue 3); `otherFlows` only when the flow cap was reached. */
export interface FlowsJson {
  file: string;
  format: 'pcap' | 'pcapng';
  linkTypes: number[];
  packets: number;
  bytes: number;
  /** Epoch seconds of the first packet (0 when there is none). */
  start: number;
  duration: number;
  flows: FlowJson[];
  otherFlows?: OtherFlows;
  warnings: string[];
}

export interface FlowWithSeries extends FlowJson {
  /** Wire bytes per bin in each direction; bin 0 starts at the capture's first packet; missing tail bins are 0. */
  series: { aToB: number[]; bToA: number[] };
}

/** What analyseCaptures returns: the CLI shape plus what the UI draws. */
export interface FlowReport extends Omit<FlowsJson, 'flows'> {
  flows: FlowWithSeries[];
  interfaces: InterfaceInfo[];
  /** pcapng comments verbatim: untrusted text, escape before showing. */
  comments: string[];
  /** 'gzip' when a file was gzip-compressed (found by its magic bytes, not its name); the CLI's --json leaves it out. */
  compression?: 'gzip';
  binMs: number;
  /** Whole capture per bin. */
  timeline: { packets: number[]; bytes: number[] };
}

/** Strips a report down to the CLI's exact --json shape. */
export function toFlowsJson(r: FlowReport): FlowsJson {
  const out: FlowsJson = {
    file: r.file,
    format: r.format,
    linkTypes: r.linkTypes,
    packets: r.packets,
    bytes: r.bytes,
    start: r.start,
    duration: r.duration,
    flows: r.flows.map((f) => {
      const out: FlowJson = { proto: f.proto, a: f.a, b: f.b, aToB: f.aToB, bToA: f.bToA, start: f.start, duration: f.duration };
      if (f.tunnel) out.tunnel = { proto: f.tunnel.proto, a: f.tunnel.a, b: f.tunnel.b };
      if (f.carrier) out.carrier = f.carrier;
      if (f.fragments) out.fragments = f.fragments;
      return out;
    }),
    warnings: r.warnings,
  };
  if (r.otherFlows) {
    // Before warnings, after flows: the key order the CLI prints.
    const { warnings, ...rest } = out;
    return { ...rest, otherFlows: r.otherFlows, warnings };
  }
  return out;
}
