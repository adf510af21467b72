import { u16 } from './bytes';
import type { Decoded } from './decode';
import { ET, R_GTP } from './layers';
import { LT_ETHERNET, LT_RAW } from './linkTypes';
import { gre } from './gre';
import { TUNNEL_KINDS, tunnelId } from './tunnelKinds';

// The kinds' numbers, from the one list (tunnelKinds.ts).
const TUNNEL_VXLAN = tunnelId('vxlan');
const TUNNEL_GENEVE = tunnelId('geneve');
export const TUNNEL_GTPU = tunnelId('gtp-u');
const TUNNEL_VXLAN_GPE = tunnelId('vxlan-gpe');
const TUNNEL_MPLS_UDP = tunnelId('mpls-udp');
export const TUNNEL_GRE = tunnelId('gre');
export const TUNNEL_ERSPAN = tunnelId('erspan');
export const TUNNEL_NVGRE = tunnelId('nvgre');
export const TUNNEL_IPIP = tunnelId('ip-in-ip');
const TUNNEL_GRE_UDP = tunnelId('gre-udp');
const TUNNEL_AYIYA = tunnelId('ayiya');

/** UDP port → the kind found on it (0: none): one load per UDP packet instead of a chain of compares. */
const KIND_BY_PORT = new Uint8Array(65536);
for (const k of TUNNEL_KINDS) if ('udpPort' in k) KIND_BY_PORT[k.udpPort] = k.id;

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
  switch (KIND_BY_PORT[lo] || KIND_BY_PORT[hi]) {
    case TUNNEL_VXLAN:
      d.vni = (b[p + 4] << 16) | (b[p + 5] << 8) | b[p + 6];
      d.innerOff = p + 8;
      d.innerLink = LT_ETHERNET;
      return TUNNEL_VXLAN;
    case TUNNEL_GENEVE:
      return geneve(d, b, p);
    case TUNNEL_VXLAN_GPE: {
      const layer = nextProtocol(b[p + 3]);
      if (layer === 0) return 0;
      d.innerLink = layer;
      d.vni = (b[p + 4] << 16) | (b[p + 5] << 8) | b[p + 6];
      d.innerOff = p + 8;
      return TUNNEL_VXLAN_GPE;
    }
    case TUNNEL_GTPU:
      return gtpu(d, b, p, end);
    case TUNNEL_MPLS_UDP:
      d.innerLink = ET | 0x8847;
      d.vni = -1;
      d.innerOff = p;
      return TUNNEL_MPLS_UDP;
    case TUNNEL_GRE_UDP: { // GRE-in-UDP (RFC 8086): a GRE header right after UDP's
      const layer = gre(d, b, p, end);
      if (layer === 0) return 0;
      d.innerLink = layer;
      return TUNNEL_GRE_UDP;
    }
    case TUNNEL_AYIYA:
      return ayiya(d, b, p, end);
    default:
      return 0;
  }
}

/** Geneve version 0 carrying Ethernet, IPv4 or IPv6; its options are skipped. */
function geneve(d: Decoded, b: Buffer, p: number): number {
  if (b[p] >> 6 !== 0) return 0; // unknown Geneve version
  const pt = u16(b, p + 2);
  if (pt !== 0x6558 && pt !== 0x0800 && pt !== 0x86dd) return 0;
  d.innerLink = pt === 0x6558 ? LT_ETHERNET : ET | pt;
  d.vni = (b[p + 4] << 16) | (b[p + 5] << 8) | b[p + 6];
  d.innerOff = p + 8 + (b[p] & 0x3f) * 4;
  return TUNNEL_GENEVE;
}

/** AYIYA: 8 bytes, identity (2^idlen bytes), signature (siglen × 4); forward (opcode 1) of IPv4 or IPv6. */
function ayiya(d: Decoded, b: Buffer, p: number, end: number): number {
  const hl = 8 + (1 << (b[p] >> 4)) + (b[p + 1] >> 4) * 4;
  const nh = b[p + 3];
  if ((b[p + 2] & 0x0f) !== 1 || (nh !== 4 && nh !== 41) || p + hl >= end) return 0;
  d.innerLink = ET | (nh === 4 ? 0x0800 : 0x86dd);
  d.innerOff = p + hl;
  d.vni = -1;
  return TUNNEL_AYIYA;
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
