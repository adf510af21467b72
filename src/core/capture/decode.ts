import { u16, u32 } from './bytes';
import { AMSDU, ET, FLOW, FRAGMENT, IP_TUNNEL, NONE, R_DEPTH, R_ESP, R_IP6_EXT, R_IP6_ZERO, R_IP_LEN, R_IP_OPT, R_IPCOMP, R_MACSEC, R_TCP_HDR, R_TCP_OPT, R_UDP_LEN } from './layers';
import { LT_ETHERNET, LT_IPV4, LT_IPV6, LT_RAW } from './linkTypes';
import { gre } from './gre';
import { ipcompPayload } from './ipcomp';
import { ipOptions, OPTIONS_THROW } from './ipOptions';
import { tcpOptionsThrow } from './tcpOptions';
import { linkHeader, ppp } from './linkHeaders';
import { mpls, nsh } from './labels';
import { TUNNEL_IPIP } from './tunnels';
import { L_AMSDU } from './wifi';

export { AMSDU, FLOW, FRAGMENT, IP_TUNNEL, NONE } from './layers';
export { openTunnel } from './tunnels';

export const TCP = 6;
export const UDP = 17;

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
  // Set by openTunnel() and by IP-level tunnels (GRE, IP-in-IP): where the carried packet starts and ends, its layer.
  innerOff = 0;
  innerEnd = 0;
  innerLink = 0;
  /** Tunnel kind (TUNNEL_*) of an IP-level tunnel, and its network id: VNI, GRE key, NVGRE VSID, ERSPAN session (-1: none). */
  tunKind = 0;
  vni = 0;
  /** Why the packet was not a flow packet, when that deserves a warning (R_*); 0 otherwise. */
  reason = 0;
  /** Payload type of a GRE packet we could not open (for the warning). */
  detail = 0;
  /** 0: not a fragment; 1: first fragment (ports known); 2: a later fragment. */
  frag = 0;
  /** IPv4 identification or IPv6 fragment-header identification. */
  fragId = 0;
  /** 1 when the fragment is its datagram's last (more-fragments clear). */
  fragLast = 0;
  /** Where the fragment's payload goes in its datagram, and its length (bytes, from the IP header's lengths). */
  fragOff = 0;
  fragLen = 0;
  /** 1 when the fragment's payload is all in the capture (tshark reassembles only such fragments). */
  fragWhole = 0;
  /** IPv4 TTL or IPv6 hop limit of the innermost IP header: what is left of the sender's initial value. */
  ttl = 0;
}

/**
 * Decodes from a link-layer header (or any layer, see layers.ts) down to TCP/UDP: FLOW with the 5-tuple set,
 * IP_TUNNEL at a GRE/IP-in-IP carrier, FRAGMENT at a non-first IP fragment, AMSDU at an 802.11 A-MSDU, or NONE (reason
 * set when worth a warning).
 */
export function decodePacket(d: Decoded, b: Buffer, off: number, end: number, layer: number): number {
  d.reason = 0;
  d.frag = 0;
  // The common case first, in a function small enough to inline: untagged Ethernet II carrying IPv4.
  if (layer === LT_ETHERNET && off + 14 <= end && b[off + 12] === 0x08 && b[off + 13] === 0x00) return ip4(d, b, off + 14, end);
  return layers(d, b, off, end, layer);
}

function layers(d: Decoded, b: Buffer, off: number, end: number, layer: number): number {
  // Every step but one (ethertype 0x6558 to Ethernet) moves on through the packet, so the packet's end bounds the walk;
  // the cap only stops a hostile packet from making that walk long.
  for (let i = 0; i < 1024; i++) {
    if (layer >= ET) {
      const et = layer & 0xffff;
      switch (et) {
        case 0x0800: return ip4(d, b, off, end);
        case 0x86dd: return ip6(d, b, off, end);
        case 0x8100: case 0x88a8: case 0x9100: case 0x9200: // 802.1Q, 802.1ad, old QinQ
          if (off + 4 > end) return NONE;
          layer = ET | u16(b, off + 2);
          off += 4;
          continue;
        case 0x8847: case 0x8848:
          layer = mpls(d, b, off, end);
          break;
        case 0x8864: // PPPoE session: 6-byte header, then PPP's protocol field
          if (off + 8 > end) return NONE;
          layer = ppp(d, b, off + 6, end);
          break;
        case 0x88e7: // 802.1ah (PBB): I-TAG, then the customer's Ethernet header
          if (off + 4 > end) return NONE;
          layer = LT_ETHERNET;
          off += 4;
          continue;
        case 0x893f: // 802.1BR E-tag: 6 bytes, then the next ethertype
          if (off + 8 > end) return NONE;
          layer = ET | u16(b, off + 6);
          off += 8;
          continue;
        case 0x894f:
          layer = nsh(d, b, off, end);
          break;
        case 0x6558: // transparent Ethernet bridging (GRE, NVGRE)
          layer = LT_ETHERNET;
          continue;
        case 0x88e5: { // MACsec SecTAG (6 bytes, 14 with the SCI); only frames neither encrypted nor changed can be read
          if (off + 6 > end) return NONE;
          const tci = b[off];
          if ((tci & 0x0c) !== 0) { d.reason = R_MACSEC; return NONE; }
          off += tci & 0x20 ? 14 : 6;
          if (off + 2 > end) return NONE;
          layer = ET | u16(b, off);
          off += 2;
          continue;
        }
        default:
          if (et > 1500) return NONE;
          // 802.3 length field: LLC; only SNAP with an ethertype (OUI 0 or 0x0000f8) leads on.
          if (off + 8 > end || b[off] !== 0xaa || b[off + 1] !== 0xaa || b[off + 2] !== 3 || b[off + 3] !== 0 || b[off + 4] !== 0 ||
              (b[off + 5] !== 0 && b[off + 5] !== 0xf8)) return NONE;
          layer = ET | u16(b, off + 6);
          off += 8;
          continue;
      }
      if (layer === 0) return NONE;
      off = d.innerOff;
      continue;
    }
    switch (layer) {
      case LT_ETHERNET:
        if (off + 14 > end) return NONE;
        layer = ET | u16(b, off + 12);
        off += 14;
        continue;
      case LT_IPV6: return ip6(d, b, off, end);
      case L_AMSDU: // 802.11 A-MSDU: the caller walks its subframes (msduEnd/nextMsdu in wifi.ts)
        d.innerOff = off;
        d.innerEnd = end;
        return AMSDU;
      case LT_RAW: case LT_IPV4: { // by the version nibble: tshark's IPv4 dissector hands version 6 to IPv6 (not the reverse)
        if (off >= end) return NONE;
        const v = b[off] >> 4;
        return v === 4 ? ip4(d, b, off, end) : v === 6 ? ip6(d, b, off, end) : NONE;
      }
      default:
        layer = linkHeader(d, b, off, end, layer);
        if (layer === 0) return NONE;
        off = d.innerOff;
    }
  }
  d.reason = R_DEPTH;
  return NONE;
}

function ip4(d: Decoded, b: Buffer, p: number, end: number): number {
  if (p + 20 > end) return NONE;
  const vihl = b[p];
  if (vihl >> 4 !== 4) return NONE;
  const ihl = (vihl & 0x0f) * 4;
  let tot = u16(b, p + 2);
  if (ihl < 20) { d.reason = R_IP_LEN; return NONE; }
  if (tot === 0) tot = end - p; // TSO/BIG TCP: tshark takes the frame's length
  else if (tot < ihl) { d.reason = R_IP_LEN; return NONE; }
  if (p + tot < end) end = p + tot; // Ethernet padding is not IP payload
  if (p + ihl > end) return NONE;
  // Options: some make tshark throw; a source route's last hop is the destination its taps count.
  const opt = ihl > 20 ? ipOptions(b, p + 20, p + ihl) : 0;
  if (opt === OPTIONS_THROW) { d.reason = R_IP_OPT; return NONE; }
  d.v6 = 0;
  d.ttl = b[p + 8];
  d.s0 = d.s1 = d.s2 = 0;
  d.d0 = d.d1 = d.d2 = 0;
  d.s3 = u32(b, p + 12);
  d.d3 = u32(b, opt > 0 ? opt : p + 16);
  const proto = b[p + 9];
  const fo = u16(b, p + 6);
  if ((fo & 0x3fff) !== 0) {
    d.fragId = u16(b, p + 4);
    d.fragLast = fo & 0x2000 ? 0 : 1;
    d.fragOff = (fo & 0x1fff) * 8;
    d.fragLen = tot - ihl;
    d.fragWhole = end === p + tot ? 1 : 0;
    if ((fo & 0x1fff) !== 0) {
      // Only the first fragment carries the transport header; the others are matched to it by IP ID.
      d.proto = proto;
      d.frag = 2;
      return carriesFlows(proto) ? FRAGMENT : NONE;
    }
    d.frag = 1;
  }
  return l4(d, b, p + ihl, end, tot - ihl, proto);
}

function ip6(d: Decoded, b: Buffer, p: number, end: number): number {
  if (p + 40 > end || b[p] >> 4 !== 6) return NONE;
  const plen = u16(b, p + 4);
  // Payload length 0 is a jumbogram's only behind a hop-by-hop header (its Jumbo Payload option); otherwise, as for
  // tshark, the payload is empty (BIG TCP frames captured without the option, for one).
  if (plen === 0 && b[p + 6] !== 0) { d.reason = R_IP6_ZERO; return NONE; }
  const rep = plen === 0 ? end : p + 40 + plen;
  if (rep < end) end = rep;
  d.v6 = 1;
  d.ttl = b[p + 7];
  d.s0 = u32(b, p + 8); d.s1 = u32(b, p + 12); d.s2 = u32(b, p + 16); d.s3 = u32(b, p + 20);
  d.d0 = u32(b, p + 24); d.d1 = u32(b, p + 28); d.d2 = u32(b, p + 32); d.d3 = u32(b, p + 36);
  let nh = b[p + 6];
  let q = p + 40;
  // Any number of extension headers: each is at least 8 bytes, so the walk ends at the packet's end.
  for (;;) {
    if (nh === TCP || nh === UDP) break;
    if (nh !== 0 && nh !== 43 && nh !== 44 && nh !== 60 && nh !== 51) break;
    if (q + 8 > end) {
      if (q + 8 > rep) d.reason = R_IP6_EXT;
      return NONE;
    }
    if (nh === 44) {
      const fo = u16(b, q + 2);
      if ((fo & 0xfff9) !== 0) { // offset ≠ 0 or more fragments: a real fragment (not an atomic one)
        d.fragId = u32(b, q + 4);
        d.fragLast = fo & 1 ? 0 : 1;
        d.fragOff = fo & 0xfff8;
        d.fragLen = rep - q - 8;
        d.fragWhole = end === rep ? 1 : 0;
        if ((fo & 0xfff8) !== 0) {
          d.proto = b[q];
          d.frag = 2;
          return carriesFlows(d.proto) ? FRAGMENT : NONE;
        }
        d.frag = 1;
      }
      nh = b[q];
      q += 8;
    } else if (nh === 51) {
      nh = b[q];
      q += (b[q + 1] + 2) * 4;
    } else {
      nh = b[q];
      q += (b[q + 1] + 1) * 8;
    }
  }
  if (q > rep) { d.reason = R_IP6_EXT; return NONE; }
  return l4(d, b, q, end, rep - q, nh);
}

/** Protocols whose fragments can belong to flows: TCP, UDP, and the tunnels that carry them (IP-in-IP, GRE). */
function carriesFlows(proto: number): boolean {
  return proto === TCP || proto === UDP || proto === 4 || proto === 41 || proto === 47;
}

/** Transport header (validated as tshark does before it taps the packet), or what IP carries instead. */
function l4(d: Decoded, b: Buffer, p: number, end: number, rlen: number, proto: number): number {
  // rlen: the IP payload's length as its header states it (AH is skipped by it).
  if (proto === TCP) {
    if (p + 20 > end) return d.frag === 1 ? shortFirst(d, b, p, end, TCP) : NONE;
    const doff = b[p + 12] >> 4;
    if (doff < 5) { d.reason = R_TCP_HDR; return NONE; }
    // Options tshark may throw on; the usual layout (NOP, NOP, timestamps: 01 01 08 0a) is skipped without a walk.
    // A first fragment's header may go on in the next fragment (tshark reads it reassembled): not past its datagram.
    if (doff > 5 && (doff !== 8 || p + 32 > end || u32(b, p + 20) !== 0x0101080a) &&
        tcpOptionsThrow(b, p, doff * 4, end, d.frag === 1 ? p + 65535 : p + rlen)) {
      d.reason = R_TCP_OPT;
      return NONE;
    }
    d.proto = TCP;
    d.sport = u16(b, p);
    d.dport = u16(b, p + 2);
    d.payOff = p + doff * 4;
    d.payEnd = end;
    return FLOW;
  }
  if (proto === UDP) {
    if (p + 8 > end) return d.frag === 1 ? shortFirst(d, b, p, end, UDP) : NONE;
    const ulen = u16(b, p + 4);
    // Below 8 tshark stops (0 in IPv6 is a jumbogram's); a length beyond the IP payload it flags but still counts.
    if (ulen < 8 && !(ulen === 0 && d.v6 === 1)) { d.reason = R_UDP_LEN; return NONE; }
    d.proto = UDP;
    d.sport = u16(b, p);
    d.dport = u16(b, p + 2);
    d.payOff = p + 8;
    d.payEnd = ulen >= 8 && p + ulen < end ? p + ulen : end;
    return FLOW;
  }
  return ipProto(d, b, p, end, rlen, proto);
}

/**
 * A first fragment too short for its whole TCP/UDP header (8 bytes of it, say): tshark reads the header from the
 * reassembled datagram, so the ports are taken when they are in this fragment (the rest of the header, in the next
 * fragments, is not checked).
 */
function shortFirst(d: Decoded, b: Buffer, p: number, end: number, proto: number): number {
  if (p + 4 > end) return NONE;
  d.proto = proto;
  d.sport = u16(b, p);
  d.dport = u16(b, p + 2);
  d.payOff = end;
  d.payEnd = end;
  return FLOW;
}

function ipProto(d: Decoded, b: Buffer, p: number, end: number, rlen: number, proto: number): number {
  switch (proto) {
    case 4: case 41: // IP-in-IP (4in4, 6in4; in IPv6: 4in6, 6in6); a first fragment holds the inner headers
      if (d.frag === 2) return NONE;
      d.proto = proto;
      d.tunKind = TUNNEL_IPIP;
      d.vni = -1;
      d.innerOff = p;
      d.innerEnd = end;
      d.innerLink = ET | (proto === 4 ? 0x0800 : 0x86dd);
      return IP_TUNNEL;
    case 47: {
      if (d.frag === 2) return NONE;
      const layer = gre(d, b, p, end);
      if (layer === 0) return NONE;
      d.proto = proto;
      d.innerEnd = end;
      d.innerLink = layer;
      return IP_TUNNEL;
    }
    case 51: { // AH (IPv4; IPv6 walks it with the extension headers): skip it, once
      if (p + 8 > end) return NONE;
      const next = b[p];
      const n = (b[p + 1] + 2) * 4;
      return next === 51 ? NONE : l4(d, b, p + n, end, rlen - n, next);
    }
    case 50:
      d.reason = R_ESP;
      return NONE;
    case 108: { // IPComp: the inflated copy is read as the next header; what it holds is only followed to its flow
      if (d.frag !== 0) return NONE;
      const inner = ipcompPayload(b, p, end);
      if (inner === null) { d.reason = R_IPCOMP; return NONE; }
      const nh = b[p];
      const st = nh === 4 ? ip4(d, inner, 0, inner.length) : nh === 41 ? ip6(d, inner, 0, inner.length) : l4(d, inner, 0, inner.length, inner.length, nh);
      if (st !== FLOW) return NONE;
      d.payEnd = d.payOff; // its payload is in the copy: no tunnel is opened inside
      return FLOW;
    }
    default:
      return NONE;
  }
}
