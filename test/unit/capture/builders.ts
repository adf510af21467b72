// Byte-level builders for hand-made captures: each test states exactly the bytes it feeds the reader.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const cat = (...parts: (Buffer | number[])[]): Buffer => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))));

function u16(v: number): Buffer { const b = Buffer.alloc(2); b.writeUInt16BE(v); return b; }

export function ipv4Addr(s: string): Buffer { return Buffer.from(s.split('.').map(Number)); }

export function ipv6Addr(s: string): Buffer {
  const [l, r] = s.split('::');
  const left = l ? l.split(':') : [];
  const right = r !== undefined && r !== '' ? r.split(':') : [];
  const groups = r === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return Buffer.concat(groups.map((g) => u16(parseInt(g, 16))));
}

export function tcp(sport: number, dport: number, payload = 0): Buffer {
  const h = Buffer.alloc(20 + payload);
  h.writeUInt16BE(sport, 0); h.writeUInt16BE(dport, 2); h[12] = 5 << 4; h[13] = 0x10;
  return h;
}

export function udp(sport: number, dport: number, payload: Buffer | number = 0): Buffer {
  const body = typeof payload === 'number' ? Buffer.alloc(payload) : payload;
  const h = Buffer.alloc(8);
  h.writeUInt16BE(sport, 0); h.writeUInt16BE(dport, 2); h.writeUInt16BE(8 + body.length, 4);
  return cat(h, body);
}

export function ipv4(src: string, dst: string, proto: number, l4: Buffer, o: { options?: number; fragOffset?: number; more?: boolean } = {}): Buffer {
  const ihl = 20 + (o.options ?? 0);
  const h = Buffer.alloc(ihl);
  h[0] = 0x40 | (ihl / 4); h.writeUInt16BE(ihl + l4.length, 2);
  h.writeUInt16BE(((o.more ? 1 : 0) << 13) | (o.fragOffset ?? 0), 6);
  h[8] = 64; h[9] = proto;
  ipv4Addr(src).copy(h, 12); ipv4Addr(dst).copy(h, 16);
  for (let i = 20; i < ihl; i++) h[i] = 1; // NOP options
  return cat(h, l4);
}

/** IPv6 with extension headers given as [type, ...] (hop-by-hop 0, routing 43, fragment 44 with offset, dest 60). */
export function ipv6(src: string, dst: string, proto: number, l4: Buffer, ext: { type: number; fragOffset?: number }[] = []): Buffer {
  const chain = [...ext.map((e) => e.type), proto];
  const exts = ext.map((e, i) => {
    const b = Buffer.alloc(e.type === 43 ? 24 : 8);
    b[0] = chain[i + 1];
    if (e.type === 44) b.writeUInt16BE((e.fragOffset ?? 0) << 3, 2);
    else b[1] = b.length / 8 - 1;
    return b;
  });
  const body = cat(...exts, l4);
  const h = Buffer.alloc(40);
  h[0] = 0x60; h.writeUInt16BE(body.length, 4); h[6] = chain[0]; h[7] = 64;
  ipv6Addr(src).copy(h, 8); ipv6Addr(dst).copy(h, 24);
  return cat(h, body);
}

export function eth(ethertype: number, payload: Buffer, tags: [number, number][] = []): Buffer {
  const macs = Buffer.from([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2]);
  const t = tags.map(([tpid, vid]) => cat(u16(tpid), u16(vid)));
  return cat(macs, ...t, u16(ethertype), payload);
}

export function sll1(proto: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(16); h.writeUInt16BE(4, 0); h.writeUInt16BE(1, 2); h.writeUInt16BE(6, 4); h.writeUInt16BE(proto, 14);
  return cat(h, payload);
}

export function sll2(proto: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(20); h.writeUInt16BE(proto, 0); h.writeUInt32BE(3, 4); h.writeUInt16BE(1, 8); h[11] = 6;
  return cat(h, payload);
}

export function vxlan(vni: number, inner: Buffer): Buffer {
  const h = Buffer.alloc(8); h[0] = 0x08; h.writeUIntBE(vni, 4, 3);
  return cat(h, inner);
}

export function geneve(vni: number, protoType: number, inner: Buffer, optWords = 0): Buffer {
  const h = Buffer.alloc(8 + optWords * 4); h[0] = optWords; h.writeUInt16BE(protoType, 2); h.writeUIntBE(vni, 4, 3);
  return cat(h, inner);
}

export interface Rec { sec: number; frac: number; data: Buffer; wirelen?: number }

/** A classic pcap file. */
export function pcapFile(recs: Rec[], o: { le?: boolean; nano?: boolean; linkType?: number; snaplen?: number } = {}): Buffer {
  const le = o.le ?? true;
  const w32 = (b: Buffer, v: number, at: number): void => { if (le) b.writeUInt32LE(v >>> 0, at); else b.writeUInt32BE(v >>> 0, at); };
  const h = Buffer.alloc(24);
  w32(h, o.nano ? 0xa1b23c4d : 0xa1b2c3d4, 0);
  if (le) { h.writeUInt16LE(2, 4); h.writeUInt16LE(4, 6); } else { h.writeUInt16BE(2, 4); h.writeUInt16BE(4, 6); }
  w32(h, o.snaplen ?? 262144, 16);
  w32(h, o.linkType ?? 1, 20);
  const parts: Buffer[] = [h];
  for (const r of recs) {
    const rh = Buffer.alloc(16);
    w32(rh, r.sec, 0); w32(rh, r.frac, 4); w32(rh, r.data.length, 8); w32(rh, r.wirelen ?? r.data.length, 12);
    parts.push(rh, r.data);
  }
  return Buffer.concat(parts);
}

// ---- pcapng ----

export class Ng {
  constructor(readonly le = true) {}
  u16(v: number): Buffer { const b = Buffer.alloc(2); if (this.le) b.writeUInt16LE(v); else b.writeUInt16BE(v); return b; }
  u32(v: number): Buffer { const b = Buffer.alloc(4); if (this.le) b.writeUInt32LE(v >>> 0); else b.writeUInt32BE(v >>> 0); return b; }
  u64(v: bigint): Buffer { const b = Buffer.alloc(8); if (this.le) b.writeBigUInt64LE(v); else b.writeBigUInt64BE(v); return b; }
  opt(code: number, value: Buffer): Buffer {
    const pad = Buffer.alloc((4 - (value.length % 4)) % 4);
    return cat(this.u16(code), this.u16(value.length), value, pad);
  }
  opts(list: [number, Buffer][]): Buffer {
    return list.length ? cat(...list.map(([c, v]) => this.opt(c, v)), this.u32(0)) : Buffer.alloc(0);
  }
  block(type: number, body: Buffer): Buffer {
    const len = 12 + body.length;
    return cat(this.u32(type), this.u32(len), body, this.u32(len));
  }
  shb(comment?: string): Buffer {
    return this.block(0x0a0d0d0a, cat(this.u32(0x1a2b3c4d), this.u16(1), this.u16(0), this.u64(0xffffffffffffffffn),
      this.opts(comment === undefined ? [] : [[1, Buffer.from(comment)]])));
  }
  idb(linkType: number, o: { snaplen?: number; tsresol?: number; tsoffset?: bigint; name?: string; comment?: string } = {}): Buffer {
    const opts: [number, Buffer][] = [];
    if (o.name) opts.push([2, Buffer.from(o.name)]);
    if (o.comment) opts.push([1, Buffer.from(o.comment)]);
    if (o.tsresol !== undefined) opts.push([9, Buffer.from([o.tsresol])]);
    if (o.tsoffset !== undefined) opts.push([14, this.u64(BigInt.asUintN(64, o.tsoffset))]);
    return this.block(1, cat(this.u16(linkType), this.u16(0), this.u32(o.snaplen ?? 0), this.opts(opts)));
  }
  private padded(data: Buffer): Buffer { return cat(data, Buffer.alloc((4 - (data.length % 4)) % 4)); }
  epb(ifId: number, ts: bigint, data: Buffer, o: { wirelen?: number; comment?: string } = {}): Buffer {
    return this.block(6, cat(this.u32(ifId), this.u32(Number(ts >> 32n)), this.u32(Number(ts & 0xffffffffn)),
      this.u32(data.length), this.u32(o.wirelen ?? data.length), this.padded(data),
      this.opts(o.comment === undefined ? [] : [[1, Buffer.from(o.comment)]])));
  }
  spb(data: Buffer, wirelen?: number): Buffer {
    return this.block(3, cat(this.u32(wirelen ?? data.length), this.padded(data)));
  }
  opb(ifId: number, ts: bigint, data: Buffer): Buffer {
    return this.block(2, cat(this.u16(ifId), this.u16(0), this.u32(Number(ts >> 32n)), this.u32(Number(ts & 0xffffffffn)),
      this.u32(data.length), this.u32(data.length), this.padded(data)));
  }
  isb(ifId: number, ifdrop: bigint): Buffer {
    return this.block(5, cat(this.u32(ifId), this.u32(0), this.u32(0), this.opts([[5, this.u64(ifdrop)]])));
  }
  custom(): Buffer {
    return this.block(0x40000bad, cat(this.u32(32473), Buffer.from('opaque!!')));
  }
  nrb(): Buffer {
    return this.block(4, cat(this.u16(1), this.u16(8), Buffer.from([10, 0, 0, 1]), Buffer.from('abc\0'), this.u32(0)));
  }
}

let tmp: string | undefined;
/** Writes bytes to a fresh file in this run's temp folder and returns its path. */
export function writeTemp(name: string, bytes: Buffer): string {
  tmp ??= fs.mkdtempSync(path.join(os.tmpdir(), 'ql-capture-'));
  const p = path.join(tmp, name);
  fs.writeFileSync(p, bytes);
  return p;
}
