// Hostile-but-valid capture shapes from issue 12, built byte by byte in memory (or streamed to a file for the big
// ones): interface floods with 64 KiB names, millions of warnings, megabytes of comments, one packet per flow.
// Used by test/unit/hostile (scaled to run in seconds), the fuzz harness's bomb cases and scripts/bench-capture.mjs.
import * as fs from 'node:fs';

const LINKTYPE_ETHERNET = 1;

function shb(): Buffer {
  const b = Buffer.alloc(28);
  b.writeUInt32LE(0x0a0d0d0a, 0); b.writeUInt32LE(28, 4); b.writeUInt32LE(0x1a2b3c4d, 8); b.writeUInt16LE(1, 12);
  b.writeBigInt64LE(-1n, 16); b.writeUInt32LE(28, 24);
  return b;
}

/** A pcapng block: type, length, body (padded to 4), length. */
function block(type: number, body: Buffer): Buffer {
  const pad = (4 - (body.length % 4)) % 4;
  const len = 12 + body.length + pad;
  const b = Buffer.alloc(len);
  b.writeUInt32LE(type, 0); b.writeUInt32LE(len, 4); body.copy(b, 8); b.writeUInt32LE(len, len - 4);
  return b;
}

/** One TLV option (code, bytes), padded; `claimed` overrides the length field (to make it overrun). */
function option(code: number, value: Buffer, claimed = value.length): Buffer {
  const pad = (4 - (value.length % 4)) % 4;
  const b = Buffer.alloc(4 + value.length + pad);
  b.writeUInt16LE(code, 0); b.writeUInt16LE(claimed, 2); value.copy(b, 4);
  return b;
}

/** An Interface Description Block (Ethernet) with an if_name of `nameBytes` bytes. */
export function idb(nameBytes = 0): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt16LE(LINKTYPE_ETHERNET, 0); head.writeUInt32LE(262144, 4);
  const opts = nameBytes > 0 ? Buffer.concat([option(2, Buffer.alloc(nameBytes, 0x41)), Buffer.alloc(4)]) : Buffer.alloc(0);
  return block(1, Buffer.concat([head, opts]));
}

/** An Enhanced Packet Block on interface 0 carrying `data`, with `opts` (raw option bytes) after it. */
export function epb(data: Buffer, sec = 1, opts: Buffer = Buffer.alloc(0)): Buffer {
  const head = Buffer.alloc(20);
  const t = BigInt(sec) * 1000000n;
  head.writeUInt32LE(Number(t >> 32n), 4); head.writeUInt32LE(Number(t & 0xffffffffn), 8);
  head.writeUInt32LE(data.length, 12); head.writeUInt32LE(data.length, 16);
  const pad = (4 - (data.length % 4)) % 4;
  return block(6, Buffer.concat([head, data, Buffer.alloc(pad), opts]));
}

/** Ethernet + IPv4 + UDP frame (42 bytes) from src:sport to dst:dport. */
export function udpFrame(src: number, sport: number, dst: number, dport: number): Buffer {
  const f = Buffer.alloc(42);
  f.writeUInt16BE(0x0800, 12);
  f[14] = 0x45; f.writeUInt16BE(28, 16); f[22] = 64; f[23] = 17;
  f.writeUInt32BE(src >>> 0, 26); f.writeUInt32BE(dst >>> 0, 30);
  f.writeUInt16BE(sport, 34); f.writeUInt16BE(dport, 36); f.writeUInt16BE(8, 38);
  return f;
}

/** Issue 12's interface bomb: `count` interfaces named with `nameBytes` bytes each, then one UDP packet. */
export function interfaceBomb(count: number, nameBytes: number): Buffer {
  const one = idb(nameBytes);
  const parts: Buffer[] = [shb()];
  for (let i = 0; i < count; i++) parts.push(one);
  parts.push(epb(udpFrame(0x0a000001, 1234, 0x0a000002, 5001)));
  return Buffer.concat(parts);
}

/** A section that declares more interfaces than the cap allows, after one packet (which must still be counted). */
export function interfaceFlood(count: number): Buffer {
  const one = idb(0);
  const parts: Buffer[] = [shb(), one, epb(udpFrame(0x0a000001, 1234, 0x0a000002, 5001))];
  for (let i = 1; i < count; i++) parts.push(one);
  return Buffer.concat(parts);
}

/** Issue 12's warning bomb: `count` packet blocks each with an option that overruns its block (one warning each). */
export function warningBomb(count: number): Buffer {
  const bad = option(2, Buffer.alloc(4), 100); // epb_flags claiming 100 bytes in an 8-byte room
  const one = epb(udpFrame(0x0a000001, 1234, 0x0a000002, 5001), 1, bad);
  const parts: Buffer[] = [shb(), idb(0)];
  for (let i = 0; i < count; i++) parts.push(one);
  return Buffer.concat(parts);
}

/** Issue 12's comment bomb: `count` packet blocks each carrying a comment of `bytes` bytes. */
export function commentBomb(count: number, bytes: number): Buffer {
  const opts = Buffer.concat([option(1, Buffer.alloc(bytes, 0x63)), Buffer.alloc(4)]);
  const one = epb(udpFrame(0x0a000001, 1234, 0x0a000002, 5001), 1, opts);
  const parts: Buffer[] = [shb(), idb(0)];
  for (let i = 0; i < count; i++) parts.push(one);
  return Buffer.concat(parts);
}

/** Flow i's source address and port: 2^16 ports per address, addresses counting up from 10.0.0.0. */
export function flowEndpoint(i: number): { src: number; sport: number } {
  return { src: (0x0a000000 + Math.floor(i / 65535)) >>> 0, sport: 1 + (i % 65535) };
}

/**
 * A classic pcap of `flows` one-packet UDP flows (issue 12's "one packet per flow"), 1 µs apart, plus `big` flows of
 * `bigPackets` packets each interleaved at the start (flows that a cap must keep), streamed to `file`.
 * Returns the packet count. 58 bytes per one-packet flow.
 */
export function writeManyFlowsPcap(file: string, flows: number, big = 0, bigPackets = 0): number {
  const fd = fs.openSync(file, 'w');
  try {
    const h = Buffer.alloc(24);
    h.writeUInt32LE(0xa1b2c3d4, 0); h.writeUInt16LE(2, 4); h.writeUInt16LE(4, 6); h.writeUInt32LE(262144, 16); h.writeUInt32LE(1, 20);
    fs.writeSync(fd, h);
    const rec = 16 + 42;
    const buf = Buffer.alloc(rec * 65536);
    let n = 0;
    let t = 0;
    const flush = (): void => { fs.writeSync(fd, buf, 0, n * rec); n = 0; };
    const put = (src: number, sport: number, dst: number, dport: number): void => {
      const o = n * rec;
      const sec = 1_000_000 + Math.floor(t / 1e6);
      buf.writeUInt32LE(sec, o); buf.writeUInt32LE(t % 1e6, o + 4); buf.writeUInt32LE(42, o + 8); buf.writeUInt32LE(42, o + 12);
      udpFrame(src, sport, dst, dport).copy(buf, o + 16);
      t++;
      if (++n === 65536) flush();
    };
    let packets = 0;
    for (let i = 0; i < flows; i++) {
      if (i < big * bigPackets) { put(0xc0a80001, 40000 + (i % big), 0xc0a80002, 5201); packets++; }
      const e = flowEndpoint(i);
      put(e.src, e.sport, 0x0a640001, 5001);
      packets++;
    }
    flush();
    return packets;
  } finally {
    fs.closeSync(fd);
  }
}
