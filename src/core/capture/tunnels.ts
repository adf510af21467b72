import { u16 } from './bytes';
import type { Decoded } from './decode';
import { ET, R_GTP } from './layers';
import { LT_ETHERNET, LT_RAW } from './linkTypes';
import { gre } from './gre';

export const VXLAN_PORT = 4789;
export const VXLAN_GPE_PORT = 4790;
export const GENEVE_PORT = 6081;
export const GTPU_PORT = 2152;
export const MPLS_UDP_PORT = 6635;
export const GRE_UDP_PORT = 4754;
export const AYIYA_PORT = 5072;

// Tunnel kinds. 1..5 ride in UDP (the carrier is a UDP flow); 6.. ride directly in IP (the carrier is an address pair).
export const TUNNEL_VXLAN = 1;
export const TUNNEL_GENEVE = 2;
export const TUNNEL_GTPU = 3;
export const TUNNEL_VXLAN_GPE = 4;
export const TUNNEL_MPLS_UDP = 5;
export const TUNNEL_GRE = 6;
export const TUNNEL_ERSPAN = 7;
export const TUNNEL_NVGRE = 8;
export const TUNNEL_IPIP = 9;
export const TUNNEL_GRE_UDP = 10;
export const TUNNEL_AYIYA = 11;
export const TUNNEL_NAMES = ['', 'vxlan', 'geneve', 'gtp-u', 'vxlan-gpe', 'mpls-udp', 'gre', 'erspan', 'nvgre', 'ip-in-ip', 'gre-udp', 'ayiya'] as const;
/** Kinds whose carrier is an address pair rather than a UDP flow. */
export function isIpCarrier(kind: number): boolean {
  return kind >= TUNNEL_GRE && kind <= TUNNEL_IPIP;
}
export type TunnelName = Exclude<(typeof TUNNEL_NAMES)[number], ''>;

function isTunnelPort(p: number): boolean {
  return p === VXLAN_PORT || p === GENEVE_PORT || p === GTPU_PORT || p === VXLAN_GPE_PORT || p === MPLS_UDP_PORT || p === GRE_UDP_PORT ||
    p === AYIYA_PORT;
}

/** VXLAN-GPE's and NSH's next-protocol numbers as layers. */
export function nextProtocol(np: number): number {
  switch (np) {
    case 1: return ET | 0x0800;
    case 2: return ET | 0x86dd;
    case 3: return LT_ETHERNET;
    case 4: return ET | 0x894f;
    case 5: return ET | 0x8847;
    default: return 0;
  }
}

/**
 * For a UDP packet to a tunnel port (VXLAN, Geneve, VXLAN-GPE, GTP-U, MPLS-in-UDP), finds the encapsulated packet:
 * sets innerOff, innerLink and vni and returns the tunnel kind, or 0 when this is not a tunnel we can open.
 */
export function openTunnel(d: Decoded, b: Buffer): number {
  const p = d.payOff;
  const end = d.payEnd;
  if (p + 8 > end) return 0;
  // Wireshark tries the lower port first; either side being the tunnel port selects it.
  const lo = d.sport < d.dport ? d.sport : d.dport;
  const hi = d.sport < d.dport ? d.dport : d.sport;
  const port = isTunnelPort(lo) ? lo : hi;
  switch (port) {
    case VXLAN_PORT:
      d.vni = (b[p + 4] << 16) | (b[p + 5] << 8) | b[p + 6];
      d.innerOff = p + 8;
      d.innerLink = LT_ETHERNET;
      return TUNNEL_VXLAN;
    case GENEVE_PORT: {
      if (b[p] >> 6 !== 0) return 0; // unknown Geneve version
      const pt = u16(b, p + 2);
      if (pt !== 0x6558 && pt !== 0x0800 && pt !== 0x86dd) return 0;
      d.innerLink = pt === 0x6558 ? LT_ETHERNET : ET | pt;
      d.vni = (b[p + 4] << 16) | (b[p + 5] << 8) | b[p + 6];
      d.innerOff = p + 8 + (b[p] & 0x3f) * 4;
      return TUNNEL_GENEVE;
    }
    case VXLAN_GPE_PORT: {
      const layer = nextProtocol(b[p + 3]);
      if (layer === 0) return 0;
      d.innerLink = layer;
      d.vni = (b[p + 4] << 16) | (b[p + 5] << 8) | b[p + 6];
      d.innerOff = p + 8;
      return TUNNEL_VXLAN_GPE;
    }
    case GTPU_PORT:
      return gtpu(d, b, p, end);
    case MPLS_UDP_PORT:
      d.innerLink = ET | 0x8847;
      d.vni = -1;
      d.innerOff = p;
      return TUNNEL_MPLS_UDP;
    case GRE_UDP_PORT: { // GRE-in-UDP (RFC 8086): a GRE header right after UDP's
      const layer = gre(d, b, p, end);
      if (layer === 0) return 0;
      d.innerLink = layer;
      return TUNNEL_GRE_UDP;
    }
    case AYIYA_PORT: {
      // AYIYA: 8 bytes, identity (2^idlen bytes), signature (siglen × 4); forward (opcode 1) of IPv4 or IPv6.
      const hl = 8 + (1 << (b[p] >> 4)) + (b[p + 1] >> 4) * 4;
      const nh = b[p + 3];
      if ((b[p + 2] & 0x0f) !== 1 || (nh !== 4 && nh !== 41) || p + hl >= end) return 0;
      d.innerLink = ET | (nh === 4 ? 0x0800 : 0x86dd);
      d.innerOff = p + hl;
      d.vni = -1;
      return TUNNEL_AYIYA;
    }
    default:
      return 0;
  }
}

/** GTPv1-U T-PDU (message type 255): 8-byte header, the optional 4 bytes, extension headers, then IPv4 or IPv6. */
function gtpu(d: Decoded, b: Buffer, p: number, end: number): number {
  const flags = b[p];
  if (flags >> 5 !== 1 || (flags & 0x10) === 0 || b[p + 1] !== 0xff) return 0; // not GTPv1 user data (echo, error indication…)
  let q = p + 8;
  if (flags & 7) {
    if (q + 4 > end) return 0;
    let next = b[q + 3];
    q += 4;
    while (next !== 0) {
      if (q >= end) return 0;
      const n = b[q] * 4;
      if (n === 0 || q + n > end) return 0;
      next = b[q + n - 1];
      q += n;
    }
  }
  if (q >= end) return 0;
  const v = b[q] >> 4;
  if (v !== 4 && v !== 6) {
    d.reason = R_GTP;
    return 0;
  }
  d.vni = (b[p + 4] * 16777216 + (b[p + 5] << 16) + (b[p + 6] << 8) + b[p + 7]) | 0; // TEID
  d.innerOff = q;
  d.innerLink = LT_RAW;
  return TUNNEL_GTPU;
}
