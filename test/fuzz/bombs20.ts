// Issue 20's hostile inputs, generated at test time (none is committed): the fragment bomb (later fragments of one
// datagram whose first never comes), pcapng files of many sections, IP-in-IP nested past the decoder's depth, a
// counter file of nothing but newlines, and counter files naming absurd queues.
import * as fs from 'node:fs';
import { idb, epb, udpFrame } from './bombs';

/** Classic pcap global header, Ethernet, µs. */
function pcapHeader(): Buffer {
  const h = Buffer.alloc(24);
  h.writeUInt32LE(0xa1b2c3d4, 0); h.writeUInt16LE(2, 4); h.writeUInt16LE(4, 6); h.writeUInt32LE(262144, 16); h.writeUInt32LE(1, 20);
  return h;
}

/** Ethernet + IPv4 fragment (offset > 0, so never the first) of datagram `id` from 10.0.0.1 to 10.0.0.2, UDP, 8 bytes. */
function laterFragment(id: number, offset8: number, last: boolean): Buffer {
  const f = Buffer.alloc(14 + 20 + 8);
  f.writeUInt16BE(0x0800, 12);
  f[14] = 0x45; f.writeUInt16BE(28, 16); f.writeUInt16BE(id & 0xffff, 18);
  f.writeUInt16BE((last ? 0 : 0x2000) | (offset8 & 0x1fff), 20);
  f[22] = 64; f[23] = 17;
  f.writeUInt32BE(0x0a000001, 26); f.writeUInt32BE(0x0a000002, 30);
  return f;
}

/**
 * The fragment bomb: `count` later fragments (more-fragments set, offsets 1..8191 cycling) of one datagram whose
 * first fragment never comes, streamed to `file` as a classic pcap. 58 bytes a fragment; gzip takes it to ~1 %.
 */
export function writeFragmentBomb(file: string, count: number): void {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, pcapHeader());
    const rec = 16 + 42;
    const per = 65536;
    const buf = Buffer.alloc(rec * per);
    let n = 0;
    for (let i = 0; i < count; i++) {
      const o = n * rec;
      buf.writeUInt32LE(1_000_000 + Math.floor(i / 1e6), o); buf.writeUInt32LE(i % 1e6, o + 4); buf.writeUInt32LE(42, o + 8); buf.writeUInt32LE(42, o + 12);
      laterFragment(7, 1 + (i % 8191), false).copy(buf, o + 16);
      if (++n === per) { fs.writeSync(fd, buf, 0, n * rec); n = 0; }
    }
    if (n > 0) fs.writeSync(fd, buf, 0, n * rec);
  } finally {
    fs.closeSync(fd);
  }
}

/** A pcapng Section Header Block (little-endian, version 1.0, length unknown). */
function shb(): Buffer {
  const b = Buffer.alloc(28);
  b.writeUInt32LE(0x0a0d0d0a, 0); b.writeUInt32LE(28, 4); b.writeUInt32LE(0x1a2b3c4d, 8); b.writeUInt16LE(1, 12);
  b.writeBigInt64LE(-1n, 16); b.writeUInt32LE(28, 24);
  return b;
}

/** `sections` sections, each declaring `perSection` interfaces (below the per-section cap) and one packet. */
export function sectionFlood(sections: number, perSection: number): Buffer {
  const one = idb(0);
  const section = Buffer.concat([shb(), ...Array.from({ length: perSection }, () => one), epb(udpFrame(0x0a000001, 1234, 0x0a000002, 5001))]);
  return Buffer.concat(Array.from({ length: sections }, () => section));
}

/** One Ethernet frame: `depth` IPv4 headers nested by IP-in-IP (protocol 4), then UDP 10.0.0.1:1234 → 10.0.0.2:5001. */
export function nestedIpInIp(depth: number): Buffer {
  const udp = Buffer.alloc(8);
  udp.writeUInt16BE(1234, 0); udp.writeUInt16BE(5001, 2); udp.writeUInt16BE(8, 4);
  let inner: Buffer = udp;
  for (let i = 0; i < depth; i++) {
    const ip = Buffer.alloc(20);
    ip[0] = 0x45; ip.writeUInt16BE(20 + inner.length, 2); ip[8] = 64; ip[9] = i === 0 ? 17 : 4;
    ip.writeUInt32BE(0x0a000001 + i * 256, 12); ip.writeUInt32BE(0x0a000002 + i * 256, 16);
    inner = Buffer.concat([ip, inner]);
  }
  const eth = Buffer.alloc(14);
  eth.writeUInt16BE(0x0800, 12);
  return Buffer.concat([eth, inner]);
}

/** A classic pcap of these frames, 1 µs apart. */
export function pcapOf(frames: Buffer[]): Buffer {
  const parts: Buffer[] = [pcapHeader()];
  frames.forEach((f, i) => {
    const r = Buffer.alloc(16);
    r.writeUInt32LE(1_000_000, 0); r.writeUInt32LE(i, 4); r.writeUInt32LE(f.length, 8); r.writeUInt32LE(f.length, 12);
    parts.push(r, f);
  });
  return Buffer.concat(parts);
}

/** A file of `bytes` newlines, written 1 MiB at a time (issue 20's 120 MB `qdisc-after.txt`). */
export function writeNewlines(file: string, bytes: number): void {
  const fd = fs.openSync(file, 'w');
  try {
    const mb = Buffer.alloc(1 << 20, 0x0a);
    for (let left = bytes; left > 0; left -= mb.length) fs.writeSync(fd, mb, 0, Math.min(left, mb.length));
  } finally {
    fs.closeSync(fd);
  }
}
