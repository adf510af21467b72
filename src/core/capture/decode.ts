import { LT_ETHERNET, LT_IPV4, LT_IPV6, LT_LINUX_SLL, LT_LINUX_SLL2, LT_LOOP, LT_NULL, LT_RAW } from './linkTypes';

export const TCP = 6;
export const UDP = 17;
export const VXLAN_PORT = 4789;
export const GENEVE_PORT = 6081;
export const TUNNEL_VXLAN = 1;
export const TUNNEL_GENEVE = 2;

/**
 * The 5-tuple of one packet, reused for every packet so decoding allocates nothing.
 * Addresses are four 32-bit words (IPv4 uses the last word only).
 */
export class Decoded {
  v6 = 0;
  proto = 0;
  s0 = 0; s1 = 0; s2 = 0; s3 = 0;
  d0 = 0; d1 = 0; d2 = 0; d3 = 0;
  sport = 0;
  dport = 0;
  /** Transport payload, used to open tunnels. */
  payOff = 0;
  payEnd = 0;
  // Set by openTunnel():
  innerOff = 0;
  innerLink = 0;
  vni = 0;
}

function u16(b: Buffer, p: number): number {
  return (b[p] << 8) | b[p + 1];
}

function u32(b: Buffer, p: number): number {
  return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
}

/** Decodes link, network and transport headers; true when the packet is TCP or UDP with ports. */
export function decodePacket(d: Decoded, b: Buffer, off: number, end: number, linkType: number): boolean {
  switch (linkType) {
    case LT_ETHERNET:
      if (off + 14 > end) return false;
      return etherType(d, b, off + 14, end, u16(b, off + 12));
    case LT_LINUX_SLL:
      if (off + 16 > end) return false;
      return etherType(d, b, off + 16, end, u16(b, off + 14));
    case LT_LINUX_SLL2:
      if (off + 20 > end) return false;
      return etherType(d, b, off + 20, end, u16(b, off));
    case LT_RAW:
      if (off >= end) return false;
      return ip(d, b, off, end, b[off] >> 4);
    case LT_IPV4:
      return ip(d, b, off, end, 4);
    case LT_IPV6:
      return ip(d, b, off, end, 6);
    case LT_NULL:
    case LT_LOOP: {
      if (off + 4 > end) return false;
      // DLT_NULL's family is in the writer's byte order; a small value in the first byte means little-endian.
      const fam = linkType === LT_LOOP || b[off] === 0 ? u32(b, off) : b.readUInt32LE(off);
      if (fam === 2) return ip(d, b, off + 4, end, 4);
      if (fam === 24 || fam === 28 || fam === 30) return ip(d, b, off + 4, end, 6);
      return false;
    }
    default:
      return false;
  }
}

/** Follows any stack of 802.1Q / 802.1ad / old QinQ tags to IPv4 or IPv6. */
function etherType(d: Decoded, b: Buffer, p: number, end: number, et: number): boolean {
  while (et === 0x8100 || et === 0x88a8 || et === 0x9100 || et === 0x9200) {
    if (p + 4 > end) return false;
    et = u16(b, p + 2);
    p += 4;
  }
  if (et === 0x0800) return ip(d, b, p, end, 4);
  if (et === 0x86dd) return ip(d, b, p, end, 6);
  return false;
}

function ip(d: Decoded, b: Buffer, p: number, end: number, version: number): boolean {
  if (version === 4) {
    if (p + 20 > end || b[p] >> 4 !== 4) return false;
    const ihl = (b[p] & 0x0f) * 4;
    if (ihl < 20) return false;
    // Only the first fragment carries the transport header.
    if ((u16(b, p + 6) & 0x1fff) !== 0) return false;
    d.v6 = 0;
    d.s0 = d.s1 = d.s2 = 0;
    d.d0 = d.d1 = d.d2 = 0;
    d.s3 = u32(b, p + 12);
    d.d3 = u32(b, p + 16);
    return transport(d, b, p + ihl, end, b[p + 9]);
  }
  if (version !== 6 || p + 40 > end || b[p] >> 4 !== 6) return false;
  d.v6 = 1;
  d.s0 = u32(b, p + 8); d.s1 = u32(b, p + 12); d.s2 = u32(b, p + 16); d.s3 = u32(b, p + 20);
  d.d0 = u32(b, p + 24); d.d1 = u32(b, p + 28); d.d2 = u32(b, p + 32); d.d3 = u32(b, p + 36);
  let nh = b[p + 6];
  let q = p + 40;
  // Extension headers: hop-by-hop, routing, fragment, destination options, AH; bounded so a loop cannot spin.
  for (let i = 0; i < 16; i++) {
    if (nh === TCP || nh === UDP) return transport(d, b, q, end, nh);
    if (q + 8 > end) return false;
    if (nh === 0 || nh === 43 || nh === 60) {
      nh = b[q];
      q += (b[q + 1] + 1) * 8;
    } else if (nh === 44) {
      if ((u16(b, q + 2) & 0xfff8) !== 0) return false; // not the first fragment
      nh = b[q];
      q += 8;
    } else if (nh === 51) {
      nh = b[q];
      q += (b[q + 1] + 2) * 4;
    } else return false;
  }
  return false;
}

function transport(d: Decoded, b: Buffer, p: number, end: number, proto: number): boolean {
  if (proto === TCP) {
    if (p + 20 > end) return false;
  } else if (proto === UDP) {
    if (p + 8 > end) return false;
  } else return false;
  d.proto = proto;
  d.sport = u16(b, p);
  d.dport = u16(b, p + 2);
  d.payOff = proto === UDP ? p + 8 : p + (b[p + 12] >> 4) * 4;
  d.payEnd = end;
  return true;
}

/**
 * For a UDP packet to the VXLAN or Geneve port, finds the encapsulated frame: sets innerOff,
 * innerLink and vni and returns the tunnel kind, or 0 when this is not a tunnel we can open.
 */
export function openTunnel(d: Decoded, b: Buffer): number {
  if (d.proto !== UDP) return 0;
  const p = d.payOff;
  if (p + 8 > d.payEnd) return 0;
  // Wireshark tries the lower port first; either side being the tunnel port selects it.
  const lo = d.sport < d.dport ? d.sport : d.dport;
  const hi = d.sport < d.dport ? d.dport : d.sport;
  const port = lo === VXLAN_PORT || lo === GENEVE_PORT ? lo : hi;
  if (port === VXLAN_PORT) {
    d.vni = (b[p + 4] << 16) | (b[p + 5] << 8) | b[p + 6];
    d.innerOff = p + 8;
    d.innerLink = LT_ETHERNET;
    return TUNNEL_VXLAN;
  }
  if (port === GENEVE_PORT) {
    if (b[p] >> 6 !== 0) return 0; // unknown Geneve version
    const inner = p + 8 + (b[p] & 0x3f) * 4;
    const pt = u16(b, p + 2);
    if (pt === 0x6558) d.innerLink = LT_ETHERNET;
    else if (pt === 0x0800) d.innerLink = LT_IPV4;
    else if (pt === 0x86dd) d.innerLink = LT_IPV6;
    else return 0;
    d.vni = (b[p + 4] << 16) | (b[p + 5] << 8) | b[p + 6];
    d.innerOff = inner;
    return TUNNEL_GENEVE;
  }
  return 0;
}
