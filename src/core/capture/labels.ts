import type { Decoded } from './decode';
import { R_MPLS, R_NSH } from './layers';
import { LT_ETHERNET } from './linkTypes';
import { nextProtocol } from './tunnels';
import { ET } from './layers';

/**
 * An MPLS label stack down to its bottom-of-stack entry; the payload is guessed as tshark does by its first nibble:
 * 4 IPv4, 6 IPv6, 0 a pseudowire control word followed by Ethernet. Sets innerOff; returns the layer or 0.
 */
export function mpls(d: Decoded, b: Buffer, p: number, end: number): number {
  let q = p;
  for (;;) {
    if (q + 4 > end) return 0;
    const bottom = b[q + 2] & 1;
    q += 4;
    if (bottom) break;
  }
  if (q >= end) return 0;
  const n = b[q] >> 4;
  d.innerOff = q;
  if (n === 4) return ET | 0x0800;
  if (n === 6) return ET | 0x86dd;
  if (n === 0) {
    d.innerOff = q + 4;
    return LT_ETHERNET;
  }
  if (n !== 1) d.reason = R_MPLS; // 1: an associated channel (OAM), not user data
  return 0;
}

/** Network Service Header (RFC 8300): length in 4-byte words, then the next protocol. */
export function nsh(d: Decoded, b: Buffer, p: number, end: number): number {
  if (p + 8 > end) return 0;
  const len = (b[p + 1] & 0x3f) * 4;
  const layer = nextProtocol(b[p + 3]);
  if (len < 8 || layer === 0) {
    d.reason = R_NSH;
    return 0;
  }
  d.innerOff = p + len;
  return layer;
}
