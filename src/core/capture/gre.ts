import { u16, u32 } from './bytes';
import type { Decoded } from './decode';
import { ET, R_ERSPAN, R_GRE } from './layers';
import { LT_ETHERNET, LT_IEEE802_11, LT_PPP, LT_RAW } from './linkTypes';
import { TUNNEL_ERSPAN, TUNNEL_GRE, TUNNEL_NVGRE } from './tunnels';

/**
 * GRE (RFC 2784/2890: checksum, key, sequence), PPTP's enhanced GRE (version 1), and what GRE carries: IP, Ethernet
 * (NVGRE when keyed), MPLS, NSH, PPP, ERSPAN I/II/III, WCCP redirects, Aruba's 802.11. Sets innerOff, tunKind and vni (key, VSID or
 * ERSPAN session; -1 when none) and returns the inner layer, or 0 (reason set when the payload type is one we skip).
 */
export function gre(d: Decoded, b: Buffer, p: number, end: number): number {
  if (p + 4 > end) return 0;
  const flags = u16(b, p);
  const pt = u16(b, p + 2);
  let q = p + 4;
  d.tunKind = TUNNEL_GRE;
  d.vni = -1;
  if ((flags & 7) === 1) {
    // Enhanced GRE: the key (payload length, call id) is always there; sequence and acknowledgement optional.
    if (pt !== 0x880b || p + 8 > end) return fail(d, pt);
    d.vni = u16(b, p + 6);
    q += 4 + (flags & 0x1000 ? 4 : 0) + (flags & 0x0080 ? 4 : 0);
    d.innerOff = q;
    return LT_PPP;
  }
  if ((flags & 7) !== 0 || flags & 0x4000) return fail(d, pt); // other versions; source routing (obsolete)
  if (flags & 0x8000) q += 4;
  if (flags & 0x2000) {
    if (q + 4 > end) return 0;
    d.vni = u32(b, q) | 0;
    q += 4;
  }
  const seq = (flags & 0x1000) !== 0;
  if (seq) q += 4;
  if (q > end) return 0;
  d.innerOff = q;
  switch (pt) {
    case 0x0800: case 0x86dd: case 0x8847: case 0x8848: case 0x894f:
      return ET | pt;
    case 0x6558:
      if (flags & 0x2000) {
        d.tunKind = TUNNEL_NVGRE;
        d.vni = d.vni >>> 8; // VSID: the key's top 24 bits
      }
      return LT_ETHERNET;
    case 0x880b:
      return LT_PPP;
    case 0x88be:
      d.tunKind = TUNNEL_ERSPAN;
      if (!seq) return LT_ETHERNET; // ERSPAN type I: no header of its own
      if (q + 8 > end) return 0;
      if (b[q] >> 4 !== 1) return fail(d, pt, R_ERSPAN);
      d.vni = u16(b, q + 2) & 0x3ff;
      d.innerOff = q + 8;
      return LT_ETHERNET;
    case 0x22eb: {
      // ERSPAN type III: 12-byte header, 8 more with the platform-specific subheader (O bit); frame type 0 is Ethernet, 2 IP.
      d.tunKind = TUNNEL_ERSPAN;
      if (q + 12 > end) return 0;
      if (b[q] >> 4 !== 2) return fail(d, pt, R_ERSPAN);
      d.vni = u16(b, q + 2) & 0x3ff;
      const ft = (b[q + 10] >> 2) & 0x1f;
      d.innerOff = q + 12 + (b[q + 11] & 1 ? 8 : 0);
      if (ft === 0) return LT_ETHERNET;
      if (ft === 2) return LT_RAW;
      return fail(d, pt, R_ERSPAN);
    }
    case 0x883e: // WCCP: a 4-byte redirect header unless the payload already looks like IPv4
      if (q >= end) return 0;
      if (b[q] >> 4 !== 4) d.innerOff = q + 4;
      return ET | 0x0800;
    default:
      // Aruba's access points tunnel 802.11 frames (no FCS) in GRE types 0x8200-0x8370, every 0x10 (as tshark)
      if (pt >= 0x8200 && pt <= 0x8370 && (pt & 0xf) === 0) return LT_IEEE802_11;
      return fail(d, pt);
  }
}

function fail(d: Decoded, pt: number, reason = R_GRE): number {
  d.reason = reason;
  d.detail = pt;
  return 0;
}
