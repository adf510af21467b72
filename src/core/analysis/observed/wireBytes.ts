/**
 * What each flow of a capture put on the wire as the qdisc and the NIC count it: a GSO/TSO super-packet seen by
 * tcpdump on the sender is split into MSS-sized segments that each carry their own headers, so its wire bytes are
 * frame + (segments − 1) × headers. The segment payload comes from the peer's SYN MSS (minus the TCP options of
 * the data packets). On measured-queues' runs this reproduces the per-port htb byte counters exactly.
 */
import { Decoded, decodePacket, TCP } from '../../capture/decode';
import { NEED_MORE, PACKET } from '../../capture/chunkReader';
import { openCapture } from '../../capture/open';

export interface WireFlow {
  proto: 'tcp' | 'udp';
  srcPort: number;
  dstPort: number;
  /** Source and destination address as printed (IPv4 dotted, IPv6 as hex words). */
  src: string;
  dst: string;
  /** L2 bytes as wire segments (what tc and ethtool count). */
  bytes: number;
  /** Wire segments. */
  segments: number;
  /** Frames in the capture (super-packets count once). */
  frames: number;
  /** Captured frame bytes (super-packets count once). */
  frameBytes: number;
}

export interface WireBytes {
  /** Keyed "proto src:sport>dst:dport", one entry per direction. */
  flows: Map<string, WireFlow>;
  /** Frames that are not TCP/UDP (ARP, ...), and their bytes. */
  otherFrames: number;
  otherBytes: number;
  warnings: string[];
}

const addr = (v6: number, w: number[]): string =>
  v6 ? w.map((x) => x.toString(16).padStart(8, '0')).join(':') : [w[3] >>> 24, (w[3] >>> 16) & 255, (w[3] >>> 8) & 255, w[3] & 255].join('.');

export const wireKey = (proto: string, src: string, sport: number, dst: string, dport: number): string => `${proto} ${src}:${sport}>${dst}:${dport}`;

/** The TCP header's start, found from the payload offset (the header length is in the header itself). */
function tcpStart(b: Buffer, payOff: number, sport: number, dport: number): number {
  for (let len = 20; len <= 60; len += 4) {
    const p = payOff - len;
    if (p >= 0 && b.readUInt16BE(p) === sport && b.readUInt16BE(p + 2) === dport && (b[p + 12] >> 4) * 4 === len) return p;
  }
  return -1;
}

/** MSS option of a SYN, or 0. */
function synMss(b: Buffer, p: number, end: number): number {
  if (!(b[p + 13] & 0x02)) return 0;
  const hl = (b[p + 12] >> 4) * 4;
  for (let o = p + 20; o < Math.min(p + hl, end);) {
    const kind = b[o];
    if (kind === 0) break;
    if (kind === 1) { o++; continue; }
    const len = b[o + 1];
    if (kind === 2 && len === 4 && o + 4 <= end) return b.readUInt16BE(o + 2);
    if (!(len >= 2)) break;
    o += len;
  }
  return 0;
}

interface Pending { frames: Array<[number, number, number]>; }

export async function captureWireBytes(file: string): Promise<WireBytes> {
  const r = await openCapture(file);
  const dec = new Decoded();
  const flows = new Map<string, WireFlow>();
  // per direction: frames (wire length, header bytes, TCP options bytes) kept until the MSS is known
  const pending = new Map<string, Pending>();
  const mssTo = new Map<string, number>(); // MSS advertised by the receiver of key's direction
  let otherFrames = 0;
  let otherBytes = 0;
  try {
    for (;;) {
      const s = r.next();
      if (s === NEED_MORE) { await r.fill(); continue; }
      if (s !== PACKET) break;
      const b = r.buf;
      const end = r.dataOff + r.caplen;
      if (!decodePacket(dec, b, r.dataOff, end, r.linkType)) { otherFrames++; otherBytes += r.wirelen; continue; }
      const proto = dec.proto === TCP ? 'tcp' : 'udp';
      const src = addr(dec.v6, [dec.s0, dec.s1, dec.s2, dec.s3]);
      const dst = addr(dec.v6, [dec.d0, dec.d1, dec.d2, dec.d3]);
      const key = wireKey(proto, src, dec.sport, dst, dec.dport);
      let f = flows.get(key);
      if (!f) flows.set(key, (f = { proto, srcPort: dec.sport, dstPort: dec.dport, src, dst, bytes: 0, segments: 0, frames: 0, frameBytes: 0 }));
      f.frames++;
      f.frameBytes += r.wirelen;
      if (proto === 'tcp') {
        const p = tcpStart(b, dec.payOff, dec.sport, dec.dport);
        const mss = p >= 0 ? synMss(b, p, end) : 0;
        // the SYN from dst tells what dst accepts: the segment size of the opposite direction (this key reversed)
        if (mss > 0) mssTo.set(wireKey(proto, dst, dec.dport, src, dec.sport), mss);
        const optBytes = p >= 0 ? (b[p + 12] >> 4) * 4 - 20 : 0;
        let q = pending.get(key);
        if (!q) pending.set(key, (q = { frames: [] }));
        q.frames.push([r.wirelen, dec.payOff - r.dataOff, optBytes]);
      } else {
        f.bytes += r.wirelen;
        f.segments++;
      }
    }
  } finally {
    await r.close().catch(() => undefined);
  }
  const warnings = [...r.warnings];
  let guessed = 0;
  for (const [key, q] of pending) {
    const f = flows.get(key)!;
    const mss = mssTo.get(key);
    if (mss === undefined) guessed++;
    for (const [wire, hdr, opt] of q.frames) {
      // no SYN seen: assume the 1500-byte Ethernet MTU (hdr − 14 is the IP and TCP header)
      const seg = mss !== undefined ? mss - opt : 1500 - (hdr - 14);
      const payload = wire - hdr;
      const segs = seg > 0 && payload > seg ? Math.ceil(payload / seg) : 1;
      f.bytes += wire + (segs - 1) * hdr;
      f.segments += segs;
    }
  }
  if (guessed > 0) warnings.push(`${guessed} TCP direction${guessed === 1 ? '' : 's'} without the peer's SYN in the capture: segment size from a 1500-byte MTU`);
  return { flows, otherFrames, otherBytes, warnings };
}
