import { parseIp } from './ip';

/** A TCP/UDP flow as the user names it: addresses as text, ports as numbers. */
export interface FlowTuple {
  proto: 'tcp' | 'udp';
  src: { ip: string; port: number };
  dst: { ip: string; port: number };
}

/** A flow with its addresses parsed once, so hot loops (the planner) only change ports. */
export interface ParsedFlow {
  proto: 'tcp' | 'udp';
  v6: boolean;
  src: Uint8Array;
  dst: Uint8Array;
  sport: number;
  dport: number;
}

export function parseFlow(flow: FlowTuple): ParsedFlow {
  const src = parseIp(flow.src.ip);
  const dst = parseIp(flow.dst.ip);
  if (src.length !== dst.length) throw new RangeError('source and destination are of different address families');
  for (const p of [flow.src.port, flow.dst.port]) {
    if (!Number.isInteger(p) || p < 0 || p > 65535) throw new RangeError(`port out of range: ${p}`);
  }
  if (flow.proto !== 'tcp' && flow.proto !== 'udp') throw new RangeError(`protocol must be tcp or udp, not '${String(flow.proto)}'`);
  return { proto: flow.proto, v6: src.length === 16, src, dst, sport: flow.src.port, dport: flow.dst.port };
}

/** Big-endian u32 of 4 address bytes (how Toeplitz and humans read them). */
export function be32(b: Uint8Array, off = 0): number {
  return ((b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3]) >>> 0;
}

/** How x86 reads 4 network-order bytes as a native u32: LE32(b0,b1,b2,b3). */
export function le32(b: Uint8Array, off = 0): number {
  return (b[off] | (b[off + 1] << 8) | (b[off + 2] << 16) | (b[off + 3] << 24)) >>> 0;
}

/** A network-order u16 field read as a native little-endian u16. */
export function swap16(v: number): number {
  return ((v & 0xff) << 8) | ((v >>> 8) & 0xff);
}
