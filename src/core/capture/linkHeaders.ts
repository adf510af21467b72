import { u16, u32 } from './bytes';
import type { Decoded } from './decode';
import { ET, R_LINK_HDR } from './layers';
import {
  LT_ARCNET_LINUX, LT_C_HDLC, LT_ETHERNET, LT_FDDI, LT_IEEE802_11, LT_IPOIB, LT_JUNIPER_ETHER, LT_LINUX_SLL, LT_LINUX_SLL2, LT_LOOP,
  LT_NFLOG, LT_NULL, LT_PKTAP, LT_PKTAP_USER2, LT_PPI, LT_PPP, LT_PPP_HDLC, LT_RADIOTAP, LT_RAW,
} from './linkTypes';
import { L_WLAN_PADDED, radiotap, wlan } from './wifi';

/**
 * Link-layer headers other than Ethernet and raw IP: sets innerOff and returns the next layer (see layers.ts),
 * or 0 when there is nothing TCP/UDP-bearing to follow (reason set when the header itself is malformed).
 */
export function linkHeader(d: Decoded, b: Buffer, p: number, end: number, lt: number): number {
  switch (lt) {
    case LT_LINUX_SLL:
      if (p + 16 > end) return 0;
      d.innerOff = p + 16;
      return ET | u16(b, p + 14);
    case LT_LINUX_SLL2:
      if (p + 20 > end) return 0;
      d.innerOff = p + 20;
      return ET | u16(b, p);
    case LT_NULL:
    case LT_LOOP: {
      if (p + 4 > end) return 0;
      // DLT_NULL's family is in the writer's byte order; a small value in the first byte means little-endian.
      const fam = lt === LT_LOOP || b[p] === 0 ? u32(b, p) : b.readUInt32LE(p);
      d.innerOff = p + 4;
      if (fam === 2) return ET | 0x0800;
      if (fam === 24 || fam === 28 || fam === 30) return ET | 0x86dd;
      return 0;
    }
    case LT_PPP:
    case LT_PPP_HDLC:
      return ppp(d, b, p, end);
    case LT_C_HDLC:
      if (p + 4 > end) return 0;
      d.innerOff = p + 4;
      return ET | u16(b, p + 2);
    case LT_FDDI:
      // Frame control, two MAC addresses, then 802.2 LLC (ET | 0 sends it to the LLC/SNAP branch).
      if (p + 13 > end) return 0;
      d.innerOff = p + 13;
      return ET;
    case LT_IPOIB:
      // 44-byte pseudo-header: destination hardware address (20), then the ethertype at 40.
      if (p + 44 > end) return 0;
      d.innerOff = p + 44;
      return ET | u16(b, p + 40);
    case LT_NFLOG:
      return nflog(d, b, p, end);
    case LT_PKTAP:
    case LT_PKTAP_USER2: {
      // Header length and the inner DLT, little-endian (written on macOS/x86 and arm64 alike).
      if (p + 12 > end) return 0;
      const hl = b.readUInt32LE(p);
      if (hl < 12 || p + hl > end) return bad(d);
      d.innerOff = p + hl;
      return dltLayer(d, b.readUInt32LE(p + 8));
    }
    case LT_PPI: {
      if (p + 8 > end) return 0;
      const hl = b.readUInt16LE(p + 2);
      if (hl < 8 || p + hl > end) return bad(d);
      d.innerOff = p + hl;
      return dltLayer(d, b.readUInt32LE(p + 4));
    }
    case LT_JUNIPER_ETHER: {
      // "MGC" magic, flags; extensions (TLVs behind a 2-byte length); no-L2 packets have 4 more bytes then IP.
      if (p + 4 > end || b[p] !== 0x4d || b[p + 1] !== 0x47 || b[p + 2] !== 0x43) return bad(d);
      const flags = b[p + 3];
      let hl = 4;
      if (flags & 0x80) {
        if (p + 6 > end) return 0;
        hl += 2 + u16(b, p + 4);
      }
      if (flags & 0x02) {
        d.innerOff = p + hl + 4;
        return LT_RAW;
      }
      d.innerOff = p + hl;
      return LT_ETHERNET;
    }
    case LT_IEEE802_11:
      return wlan(d, b, p, end, false);
    case L_WLAN_PADDED:
      return wlan(d, b, p, end, true);
    case LT_RADIOTAP:
      return radiotap(d, b, p, end);
    case LT_ARCNET_LINUX:
      return arcnetLinux(d, b, p, end);
    default:
      return 0;
  }
}

/**
 * ARCNET as Linux captures it (link type 129): source, destination, a 2-byte offset, the protocol id; RFC 1201
 * protocols (IP 212, IPv6 196) then have a split flag and a sequence number, RFC 1051 IP (240) has nothing more.
 */
function arcnetLinux(d: Decoded, b: Buffer, p: number, end: number): number {
  if (p + 5 > end) return 0;
  switch (b[p + 4]) {
    case 240: d.innerOff = p + 5; return ET | 0x0800;
    case 212: d.innerOff = p + 8; return ET | 0x0800;
    case 196: d.innerOff = p + 8; return ET | 0x86dd;
    default: return 0;
  }
}

function bad(d: Decoded): number {
  d.reason = R_LINK_HDR;
  return 0;
}

/** The DLT a PKTAP or PPI header names, as a layer (DLT_ numbers: 12 and 14 are raw IP on the BSDs; 105 802.11, 127 radiotap). */
function dltLayer(d: Decoded, dlt: number): number {
  switch (dlt) {
    case 1: return LT_ETHERNET;
    case 0: return LT_NULL;
    case 12: case 14: case 101: return LT_RAW;
    case 9: return LT_PPP;
    case 105: return LT_IEEE802_11;
    case 127: return LT_RADIOTAP;
    default: return bad(d);
  }
}

/** PPP: optional address/control bytes (ff 03), a 1- or 2-byte protocol; IPv4, IPv6 and MPLS lead on. */
export function ppp(d: Decoded, b: Buffer, p: number, end: number): number {
  if (p + 2 > end) return 0;
  if (b[p] === 0xff && b[p + 1] === 0x03) p += 2;
  if (p >= end) return 0;
  let proto: number;
  if (b[p] & 1) {
    proto = b[p];
    p += 1;
  } else {
    if (p + 2 > end) return 0;
    proto = u16(b, p);
    p += 2;
  }
  d.innerOff = p;
  switch (proto) {
    case 0x21: return ET | 0x0800;
    case 0x57: return ET | 0x86dd;
    case 0x281: return ET | 0x8847;
    case 0x283: return ET | 0x8848;
    default: return 0;
  }
}

/**
 * NFLOG: family, version, resource id, then TLVs in the capturing host's byte order (little-endian tried first);
 * the payload TLV (type 9) holds the IP packet.
 */
function nflog(d: Decoded, b: Buffer, p: number, end: number): number {
  if (p + 4 > end) return 0;
  const fam = b[p];
  let q = p + 4;
  let le = true;
  while (q + 4 <= end) {
    let len = le ? b.readUInt16LE(q) : u16(b, q);
    if (len < 4 && le) { le = false; len = u16(b, q); }
    if (len < 4) return bad(d);
    const type = (le ? b.readUInt16LE(q + 2) : u16(b, q + 2)) & 0x7fff;
    if (type === 9) {
      d.innerOff = q + 4;
      return fam === 2 ? ET | 0x0800 : fam === 10 ? ET | 0x86dd : 0;
    }
    q += (len + 3) & ~3;
  }
  return 0;
}
