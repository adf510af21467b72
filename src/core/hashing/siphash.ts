// SipHash-2-4 (Linux lib/siphash.c) with 64-bit words held as 32-bit halves: no BigInt in the loop.

// The state lives in plain locals (v0..v3 as lo/hi pairs); one function runs `rounds` SipRounds
// on a module-level scratch array to avoid per-call allocation.
const st = new Uint32Array(8); // v0lo v0hi v1lo v1hi v2lo v2hi v3lo v3hi

function sipRounds(rounds: number): void {
  let v0l = st[0], v0h = st[1], v1l = st[2], v1h = st[3], v2l = st[4], v2h = st[5], v3l = st[6], v3h = st[7];
  let t: number, l: number;
  for (let r = 0; r < rounds; r++) {
    // v0 += v1; v1 = rotl(v1, 13); v1 ^= v0; v0 = rotl(v0, 32)
    l = (v0l + v1l) >>> 0; v0h = (v0h + v1h + (l < v0l ? 1 : 0)) >>> 0; v0l = l;
    t = ((v1l << 13) | (v1h >>> 19)) >>> 0; v1h = ((v1h << 13) | (v1l >>> 19)) >>> 0; v1l = t;
    v1l ^= v0l; v1h ^= v0h;
    t = v0l; v0l = v0h; v0h = t;
    // v2 += v3; v3 = rotl(v3, 16); v3 ^= v2
    l = (v2l + v3l) >>> 0; v2h = (v2h + v3h + (l < v2l ? 1 : 0)) >>> 0; v2l = l;
    t = ((v3l << 16) | (v3h >>> 16)) >>> 0; v3h = ((v3h << 16) | (v3l >>> 16)) >>> 0; v3l = t;
    v3l ^= v2l; v3h ^= v2h;
    // v0 += v3; v3 = rotl(v3, 21); v3 ^= v0
    l = (v0l + v3l) >>> 0; v0h = (v0h + v3h + (l < v0l ? 1 : 0)) >>> 0; v0l = l;
    t = ((v3l << 21) | (v3h >>> 11)) >>> 0; v3h = ((v3h << 21) | (v3l >>> 11)) >>> 0; v3l = t;
    v3l ^= v0l; v3h ^= v0h;
    // v2 += v1; v1 = rotl(v1, 17); v1 ^= v2; v2 = rotl(v2, 32)
    l = (v2l + v1l) >>> 0; v2h = (v2h + v1h + (l < v2l ? 1 : 0)) >>> 0; v2l = l;
    t = ((v1l << 17) | (v1h >>> 15)) >>> 0; v1h = ((v1h << 17) | (v1l >>> 15)) >>> 0; v1l = t;
    v1l ^= v2l; v1h ^= v2h;
    t = v2l; v2l = v2h; v2h = t;
  }
  st[0] = v0l; st[1] = v0h; st[2] = v1l; st[3] = v1h; st[4] = v2l; st[5] = v2h; st[6] = v3l; st[7] = v3h;
}

function le32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

function compress(mlo: number, mhi: number): void {
  st[6] ^= mlo; st[7] ^= mhi;
  sipRounds(2);
  st[0] ^= mlo; st[1] ^= mhi;
}

/** SipHash-2-4 of `data` under a 16-byte key (k0 = LE64 of bytes 0..7, k1 = bytes 8..15). Returns [lo, hi]. */
export function siphash24Halves(key: Uint8Array, data: Uint8Array): [number, number] {
  if (key.length !== 16) throw new RangeError(`SipHash key must be 16 bytes, not ${key.length}`);
  const k0lo = le32(key, 0), k0hi = le32(key, 4), k1lo = le32(key, 8), k1hi = le32(key, 12);
  // The constants spell "somepseudorandomlygeneratedbytes".
  st[0] = k0lo ^ 0x70736575; st[1] = k0hi ^ 0x736f6d65;
  st[2] = k1lo ^ 0x6e646f6d; st[3] = k1hi ^ 0x646f7261;
  st[4] = k0lo ^ 0x6e657261; st[5] = k0hi ^ 0x6c796765;
  st[6] = k1lo ^ 0x79746573; st[7] = k1hi ^ 0x74656462;
  const len = data.length;
  const full = len - (len % 8);
  for (let o = 0; o < full; o += 8) compress(le32(data, o), le32(data, o + 4));
  // Last word: remaining bytes little-endian, length (mod 256) in the top byte.
  let tlo = 0, thi = (len & 0xff) << 24;
  for (let i = 0; i < len - full; i++) {
    const b = data[full + i];
    if (i < 4) tlo |= b << (8 * i);
    else thi |= b << (8 * (i - 4));
  }
  compress(tlo >>> 0, thi >>> 0);
  st[4] ^= 0xff;
  sipRounds(4);
  return [(st[0] ^ st[2] ^ st[4] ^ st[6]) >>> 0, (st[1] ^ st[3] ^ st[5] ^ st[7]) >>> 0];
}

/** SipHash-2-4 as a 64-bit BigInt (for tests and display). */
export function siphash24(key: Uint8Array, data: Uint8Array): bigint {
  const [lo, hi] = siphash24Halves(key, data);
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** A 128-bit seed as the 16 key bytes, little-endian (so 0x0f0e…0100 is key bytes 00..0f). */
export function sipKeyFromSeed(seed: bigint | number): Uint8Array {
  let v = BigInt(seed);
  if (v < 0n || v >= 1n << 128n) throw new RangeError('SipHash seed must be an unsigned 128-bit integer');
  const key = new Uint8Array(16);
  for (let i = 0; i < 16; i++) { key[i] = Number(v & 0xffn); v >>= 8n; }
  return key;
}
