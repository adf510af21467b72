// Toeplitz (RSS) hash: a bit-serial reference that follows Microsoft's pseudocode
// literally, and a table-driven fast path. Tests prove the two equal.
import { ParsedFlow } from './flow';

/** Microsoft's RSS verification key (also DPDK's default_rss_key). */
export const MS_RSS_KEY: Uint8Array = Uint8Array.from([
  0x6d, 0x5a, 0x56, 0xda, 0x25, 0x5b, 0x0e, 0xc2, 0x41, 0x67, 0x25, 0x3d, 0x43, 0xa3, 0x8f, 0xb0,
  0xd0, 0xca, 0x2b, 0xcb, 0xae, 0x7b, 0x30, 0xb4, 0x77, 0xcb, 0x2d, 0xa3, 0x80, 0x30, 0xf2, 0x0c,
  0x6a, 0x42, 0xb7, 0x3b, 0xbe, 0xac, 0x01, 0xfa,
]);

/** Woo & Park's symmetric key: 6d 5a repeated, so swapping src/dst gives the same hash. */
export const SYMMETRIC_RSS_KEY: Uint8Array = Uint8Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? 0x6d : 0x5a));

/** Key bit i (MSB-first); bits past the key's end are 0, as Xen's reference zero-fills. */
function keyBit(key: Uint8Array, i: number): number {
  const byte = i >>> 3;
  return byte < key.length ? (key[byte] >>> (7 - (i & 7))) & 1 : 0;
}

/** The 32 key bits starting at bit offset `off`. */
export function keyWindow(key: Uint8Array, off: number): number {
  let w = 0;
  for (let i = 0; i < 32; i++) w = (w << 1) | keyBit(key, off + i);
  return w >>> 0;
}

/** Bit-serial reference: for each input bit (MSB first) that is 1, XOR in the key's current left 32 bits. */
export function toeplitzReference(key: Uint8Array, input: Uint8Array): number {
  let result = 0;
  let window = keyWindow(key, 0);
  let next = 32;
  for (let i = 0; i < input.length; i++) {
    for (let bit = 7; bit >= 0; bit--) {
      if ((input[i] >>> bit) & 1) result ^= window;
      window = ((window << 1) | keyBit(key, next++)) >>> 0;
    }
  }
  return result >>> 0;
}

/** Which fields feed the hash: 2-tuple (addresses) or 4-tuple (addresses and ports). */
export type HashFields = 2 | 4;

/**
 * Input bytes in packet order: src addr ‖ dst addr [‖ sport ‖ dport].
 * symXor is Linux RXH_XFRM_SYM_XOR: each field pair becomes (s^d, s^d).
 */
export function toeplitzInput(flow: ParsedFlow, fields: HashFields = 4, symXor = false): Uint8Array {
  const a = flow.src.length;
  const out = new Uint8Array(2 * a + (fields === 4 ? 4 : 0));
  for (let i = 0; i < a; i++) {
    const s = flow.src[i];
    const d = flow.dst[i];
    out[i] = symXor ? s ^ d : s;
    out[a + i] = symXor ? s ^ d : d;
  }
  if (fields === 4) {
    const sp = symXor ? flow.sport ^ flow.dport : flow.sport;
    const dp = symXor ? flow.sport ^ flow.dport : flow.dport;
    out[2 * a] = sp >>> 8; out[2 * a + 1] = sp & 0xff;
    out[2 * a + 2] = dp >>> 8; out[2 * a + 3] = dp & 0xff;
  }
  return out;
}

/**
 * Table-driven Toeplitz: for each input byte position p and byte value b, the XOR of the key
 * windows selected by b's set bits is precomputed (256 entries per position), so a hash is one
 * lookup and XOR per input byte. Default 36 positions covers IPv6 + ports.
 */
export class ToeplitzHasher {
  readonly key: Uint8Array;
  readonly maxInput: number;
  private readonly t: Int32Array;

  constructor(key: Uint8Array, maxInput = 36) {
    this.key = Uint8Array.from(key);
    this.maxInput = maxInput;
    const t = new Int32Array(maxInput * 256);
    for (let p = 0; p < maxInput; p++) {
      const base = p * 256;
      const w = new Int32Array(8); // w[j] = window for bit j of the byte (j = 0 is the LSB)
      for (let j = 0; j < 8; j++) w[j] = keyWindow(key, p * 8 + (7 - j)) | 0;
      for (let b = 1; b < 256; b++) {
        const low = 31 - Math.clz32(b & -b); // index of the lowest set bit
        t[base + b] = t[base + (b & (b - 1))] ^ w[low];
      }
    }
    this.t = t;
  }

  /** Hash of arbitrary input bytes (up to maxInput). */
  hashBytes(input: Uint8Array): number {
    if (input.length > this.maxInput) throw new RangeError(`input of ${input.length} bytes exceeds the table's ${this.maxInput}`);
    const t = this.t;
    let h = 0;
    for (let p = 0; p < input.length; p++) h ^= t[(p << 8) | input[p]];
    return h >>> 0;
  }

  /** IPv4 4-tuple from u32 addresses (big-endian value) and ports, without building a buffer. */
  hashV4(src: number, dst: number, sport: number, dport: number): number {
    const t = this.t;
    return (
      t[src >>> 24] ^ t[256 | ((src >>> 16) & 0xff)] ^ t[512 | ((src >>> 8) & 0xff)] ^ t[768 | (src & 0xff)] ^
      t[1024 | (dst >>> 24)] ^ t[1280 | ((dst >>> 16) & 0xff)] ^ t[1536 | ((dst >>> 8) & 0xff)] ^ t[1792 | (dst & 0xff)] ^
      t[2048 | (sport >>> 8)] ^ t[2304 | (sport & 0xff)] ^ t[2560 | (dport >>> 8)] ^ t[2816 | (dport & 0xff)]
    ) >>> 0;
  }

  /** IPv4 2-tuple (addresses only). */
  hashV4Addrs(src: number, dst: number): number {
    const t = this.t;
    return (
      t[src >>> 24] ^ t[256 | ((src >>> 16) & 0xff)] ^ t[512 | ((src >>> 8) & 0xff)] ^ t[768 | (src & 0xff)] ^
      t[1024 | (dst >>> 24)] ^ t[1280 | ((dst >>> 16) & 0xff)] ^ t[1536 | ((dst >>> 8) & 0xff)] ^ t[1792 | (dst & 0xff)]
    ) >>> 0;
  }

  /** A flow's hash (IPv4 or IPv6, 2- or 4-tuple, optional RXH_XFRM_SYM_XOR). */
  hashFlow(flow: ParsedFlow, fields: HashFields = 4, symXor = false): number {
    return this.hashBytes(toeplitzInput(flow, fields, symXor));
  }
}

const hasherCache = new Map<string, ToeplitzHasher>();

/** A shared hasher per key (precomputation is ~9k entries; keys are few). */
export function toeplitzHasher(key: Uint8Array): ToeplitzHasher {
  const id = Array.from(key, (b) => b.toString(16).padStart(2, '0')).join('');
  let h = hasherCache.get(id);
  if (!h) {
    if (hasherCache.size > 64) hasherCache.clear();
    h = new ToeplitzHasher(key);
    hasherCache.set(id, h);
  }
  return h;
}

/** Parse "6d:5a:…", "6d5a…" or "6d 5a …" into key bytes. */
export function parseHexKey(text: string): Uint8Array {
  const clean = text.trim().replace(/^0x/i, '').replace(/[\s:,-]/g, '');
  if (clean.length === 0 || clean.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(clean)) {
    throw new SyntaxError(`not a hex key: '${text}'`);
  }
  return Uint8Array.from({ length: clean.length / 2 }, (_, i) => parseInt(clean.slice(2 * i, 2 * i + 2), 16));
}
