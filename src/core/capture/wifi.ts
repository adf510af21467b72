import { u16 } from './bytes';
import type { Decoded } from './decode';
import { ET, R_LINK_HDR, R_WLAN_PROTECTED } from './layers';
import { LT_IEEE802_11 } from './linkTypes';

/**
 * Pseudo-layers (above every link type number in use, below ET): an 802.11 frame whose payload starts on the next
 * 4-byte boundary (radiotap's data-pad flag), and an A-MSDU's subframes (decodePacket returns AMSDU for it).
 */
export const L_WLAN_PADDED = 0xfff0;
export const L_AMSDU = 0xfff1;

/**
 * Radiotap (link type 127): skips the header by its length; reads the Flags field (present bit 1, after the present
 * words and TSFT, which is 8 bytes aligned to 8) for the data-pad bit, as tshark does.
 */
export function radiotap(d: Decoded, b: Buffer, p: number, end: number): number {
  if (p + 8 > end) return 0;
  const hl = b.readUInt16LE(p + 2);
  if (b[p] !== 0 || hl < 8 || p + hl > end) return bad(d);
  const present = b.readUInt32LE(p + 4);
  let padded = false;
  if (present & 2) {
    let q = p + 4;
    while (b.readUInt32LE(q) & 0x80000000) {
      q += 4;
      if (q + 4 > p + hl) return bad(d);
    }
    q += 4;
    if (present & 1) q = p + ((q - p + 7) & ~7) + 8;
    if (q < p + hl) padded = (b[q] & 0x20) !== 0;
  }
  d.innerOff = p + hl;
  return padded ? L_WLAN_PADDED : LT_IEEE802_11;
}

/**
 * An 802.11 frame: only data frames carry IP. The header is 24 bytes, 30 with the fourth address (to and from the
 * DS), 2 more for QoS and 4 more for HT control (QoS with the Order bit); then LLC/SNAP (returned as ET | 0, the
 * 802.3 length branch) or, when the QoS field says so, an A-MSDU (L_AMSDU, innerOff at its first subframe).
 * Protected frames are encrypted: counted and named (R_WLAN_PROTECTED); tshark, without keys, reads no flow in them.
 */
export function wlan(d: Decoded, b: Buffer, p: number, end: number, padded: boolean): number {
  if (p + 24 > end) return 0;
  const fc = b[p];
  const flags = b[p + 1];
  if ((fc & 0x0f) !== 0x08) return 0; // version 0, type 2 (data); management and control frames carry no IP
  const subtype = fc >> 4;
  if (subtype & 4) return 0; // Null and QoS Null: no payload
  let hl = (flags & 3) === 3 ? 30 : 24;
  let amsdu = false;
  if (subtype & 8) {
    if (p + hl + 2 > end) return 0;
    amsdu = (b[p + hl] & 0x80) !== 0;
    hl += flags & 0x80 ? 6 : 2;
  }
  if (padded) hl = (hl + 3) & ~3;
  if (flags & 0x40) {
    d.reason = R_WLAN_PROTECTED;
    return 0;
  }
  if (p + hl > end) return 0;
  d.innerOff = p + hl;
  return amsdu ? L_AMSDU : ET;
}

/** The next A-MSDU subframe at p (destination, source, big-endian length, then the MSDU): its end, or 0 when none fits. */
export function msduEnd(b: Buffer, p: number, end: number): number {
  if (p + 14 > end) return 0;
  const next = p + 14 + u16(b, p + 12);
  return next <= end ? next : 0;
}

/** Where the subframe after one starting at p and ending at next begins: subframes are padded to 4 bytes. */
export function nextMsdu(p: number, next: number): number {
  return p + ((next - p + 3) & ~3);
}

function bad(d: Decoded): number {
  d.reason = R_LINK_HDR;
  return 0;
}
