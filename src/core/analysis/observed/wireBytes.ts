/**
 * What each flow of a capture put on the wire as the qdisc and the NIC count it: a GSO/TSO super-packet seen by
 * tcpdump on the sender is split into MSS-sized segments that each carry their own headers, so its wire bytes are
 * frame + (segments − 1) × headers. The segment payload comes from the peer's SYN MSS (minus the TCP options of
 * the data packets). On measured-queues' runs this reproduces the per-port htb byte counters exactly.
 */
import { formatIPv4, formatIPv6 } from '../../capture/address';
import type { ChunkReader } from '../../capture/chunkReader';
import { Decoded, FLOW, TCP } from '../../capture/decode';
import { forEachPacket } from '../../capture/forEachPacket';
import { countOf, plural } from '../../text';

export interface WireFlow {
  proto: 'tcp' | 'udp';
  srcPort: number;
  dstPort: number;
  /** Source and destination address as tshark prints them (IPv4 dotted, IPv6 RFC 5952). */
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
  /**
   * pcapng epb_queue: the queues that carried the flow's frames (frames and frame bytes each, largest first after
   * finish), at most MAX_FLOW_QUEUES; frames on further queues are counted in otherQueueFrames. Absent without the option.
   */
  queues?: FlowQueue[];
  otherQueueFrames?: number;
  /** pcapng epb_hash of the flow's last frame that carried one: algorithm number and hash bytes in hex. */
  hash?: { algorithm: number; hex: string };
}

export interface FlowQueue { queue: number; frames: number; frameBytes: number }

/** Queues kept per flow (a flow moves rarely: txrehash, XPS after a CPU move). */
const MAX_FLOW_QUEUES = 4;

/** Adds the current frame's epb_queue to its flow (bounded). */
function noteQueue(f: WireFlow, queue: number, wirelen: number): void {
  const qs = f.queues ?? (f.queues = []);
  let q = qs.find((x) => x.queue === queue);
  if (!q) {
    if (qs.length >= MAX_FLOW_QUEUES) { f.otherQueueFrames = (f.otherQueueFrames ?? 0) + 1; return; }
    qs.push((q = { queue, frames: 0, frameBytes: 0 }));
  }
  q.frames++;
  q.frameBytes += wirelen;
}

export interface WireBytes {
  /** Keyed "proto src:sport>dst:dport", one entry per direction. */
  flows: Map<string, WireFlow>;
  /** Frames that are not TCP/UDP (ARP, ...), and their bytes. */
  otherFrames: number;
  otherBytes: number;
  warnings: string[];
}

const wireKey = (proto: string, src: string, sport: number, dst: string, dport: number): string => `${proto} ${src}:${sport}>${dst}:${dport}`;

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

/** Distinct flows kept; the frames of further flows are counted as other traffic, with a warning. */
export const MAX_WIRE_FLOWS = 65536;
/**
 * Distinct (wire length, header, options) shapes of TCP frames held until their direction's MSS is known, over all
 * flows. A frame whose MSS is already known (the SYN comes first) is summed at once; beyond this cap a frame is summed
 * with the 1500-byte-MTU segment size, and a warning says how many were. Memory stays bounded by flows, not frames.
 */
const MAX_PENDING_SHAPES = 65536;

/** Segments of a TCP frame of `wire` bytes whose headers are `hdr` bytes, for segment payload `seg` (≤ 0: unknown). */
function segmentsOf(wire: number, hdr: number, seg: number): number {
  const payload = wire - hdr;
  return seg > 0 && payload > seg ? Math.ceil(payload / seg) : 1;
}

/** The segment payload of a direction: its peer's MSS less the options, or the 1500-byte Ethernet MTU's. */
const segmentSize = (mss: number | undefined, hdr: number, opt: number): number => (mss !== undefined ? mss - opt : 1500 - (hdr - 14));

export async function captureWireBytes(file: string): Promise<WireBytes> {
  const t = new WireTally();
  const files = await forEachPacket(file, (r, st, d) => t.frame(r, st, d));
  return t.finish(file, [...files[0].warnings]);
}

/** The flows' frames as they are read; TCP frames seen before their direction's MSS wait as shapes (bounded). */
class WireTally {
  readonly flows = new Map<string, WireFlow>();
  /** Per direction, frames seen before its MSS was known: shape "wire,hdr,opt" → count (summed at the end). */
  private readonly pending = new Map<string, Map<string, number>>();
  private pendingShapes = 0;
  private pastShapeCap = 0;
  private pastFlowCap = 0;
  /** MSS advertised by the receiver of key's direction. */
  private readonly mssTo = new Map<string, number>();
  otherFrames = 0;
  otherBytes = 0;

  frame(r: ChunkReader, st: number, dec: Decoded): void {
    if (st !== FLOW) { this.otherFrames++; this.otherBytes += r.wirelen; return; }
    const proto = dec.proto === TCP ? 'tcp' : 'udp';
    const src = dec.v6 ? formatIPv6(dec.s0, dec.s1, dec.s2, dec.s3) : formatIPv4(dec.s3);
    const dst = dec.v6 ? formatIPv6(dec.d0, dec.d1, dec.d2, dec.d3) : formatIPv4(dec.d3);
    const key = wireKey(proto, src, dec.sport, dst, dec.dport);
    let f = this.flows.get(key);
    if (!f) {
      if (this.flows.size >= MAX_WIRE_FLOWS) { this.pastFlowCap++; this.otherFrames++; this.otherBytes += r.wirelen; return; }
      this.flows.set(key, (f = { proto, srcPort: dec.sport, dstPort: dec.dport, src, dst, bytes: 0, segments: 0, frames: 0, frameBytes: 0 }));
    }
    f.frames++;
    f.frameBytes += r.wirelen;
    // pcapng only: -1 for every frame of a capture without the options (one compare per frame)
    if (r.epbQueue >= 0) noteQueue(f, r.epbQueue, r.wirelen);
    if (r.epbHashAlgo >= 0) f.hash = { algorithm: r.epbHashAlgo, hex: r.buf.toString('hex', r.epbHashOff, r.epbHashOff + r.epbHashLen) };
    if (proto === 'tcp') this.tcpFrame(r, dec, f, key, wireKey(proto, dst, dec.dport, src, dec.sport));
    else {
      f.bytes += r.wirelen;
      f.segments++;
    }
  }

  /** A TCP frame: its segments now when its direction's MSS is known, else held as a shape until the end. */
  private tcpFrame(r: ChunkReader, dec: Decoded, f: WireFlow, key: string, reverse: string): void {
    const b = r.buf;
    const p = tcpStart(b, dec.payOff, dec.sport, dec.dport);
    const mss = p >= 0 ? synMss(b, p, r.dataOff + r.caplen) : 0;
    // the SYN from dst tells what dst accepts: the segment size of the opposite direction (this key reversed)
    if (mss > 0) this.mssTo.set(reverse, mss);
    const optBytes = p >= 0 ? (b[p + 12] >> 4) * 4 - 20 : 0;
    const hdr = dec.payOff - r.dataOff;
    const known = this.mssTo.get(key);
    let shapes = this.pending.get(key);
    const shape = `${r.wirelen},${hdr},${optBytes}`;
    const now = known !== undefined && !shapes;
    if (now || !(shapes?.has(shape) || this.pendingShapes < MAX_PENDING_SHAPES)) {
      if (!now) this.pastShapeCap++;
      const segs = segmentsOf(r.wirelen, hdr, segmentSize(known, hdr, optBytes));
      f.bytes += r.wirelen + (segs - 1) * hdr;
      f.segments += segs;
      return;
    }
    if (!shapes) this.pending.set(key, (shapes = new Map()));
    const n = shapes.get(shape);
    if (n === undefined) this.pendingShapes++;
    shapes.set(shape, (n ?? 0) + 1);
  }

  /** Sums the held shapes with the MSS known at the end (else a 1500-byte MTU's) and says what was guessed or capped. */
  finish(file: string, warnings: string[]): WireBytes {
    let guessed = 0;
    for (const [key, shapes] of this.pending) {
      const f = this.flows.get(key)!;
      const mss = this.mssTo.get(key);
      if (mss === undefined) guessed++;
      for (const [shape, n] of shapes) {
        const [wire, hdr, opt] = shape.split(',').map(Number);
        // no SYN seen: assume the 1500-byte Ethernet MTU (hdr − 14 is the IP and TCP header)
        const segs = segmentsOf(wire, hdr, segmentSize(mss, hdr, opt));
        f.bytes += n * (wire + (segs - 1) * hdr);
        f.segments += n * segs;
      }
    }
    if (guessed > 0) warnings.push(`${guessed} TCP ${plural(guessed, 'direction')} without the peer's SYN in the capture: segment size from a 1500-byte MTU`);
    if (this.pastShapeCap > 0) warnings.push(`${file}: ${this.pastShapeCap} TCP ${plural(this.pastShapeCap, 'frame')} seen before their flow's SYN beyond ${MAX_PENDING_SHAPES} distinct frame shapes: segment size from the MSS known then or a 1500-byte MTU`);
    if (this.pastFlowCap > 0) warnings.push(`${file}: ${countOf(this.pastFlowCap, 'frame')} of flows beyond the first ${MAX_WIRE_FLOWS} counted as other traffic`);
    for (const f of this.flows.values()) f.queues?.sort((a, b) => b.frameBytes - a.frameBytes || a.queue - b.queue);
    return { flows: this.flows, otherFrames: this.otherFrames, otherBytes: this.otherBytes, warnings };
  }
}
