// SipHash-2-4 (Linux lib/siphash.c) with 64-bit words held as 32-bit halves: no BigInt in the loop.

/** State: [v0lo, v0hi, v1lo, v1hi, v2lo, v2hi, v3lo, v3hi], all u32. */
type State = Uint32Array;

function add(s: State, i: number, j: number): void {
  const lo = s[i] + s[j];
  s[i + 1] = (s[i + 1] + s[j + 1] + (lo > 0xffffffff ? 1 : 0)) >>> 0;
  s[i] = lo >>> 0;
}

function rotl(s: State, i: number, r: number): void {
  let lo = s[i];
  let hi = s[i + 1];
  if (r >= 32) { const t = lo; lo = hi; hi = t; r -= 32; }
  if (r > 0) {
    const nlo = ((lo << r) | (hi >>> (32 - r))) >>> 0;
    hi = ((hi << r) | (lo >>> (32 - r))) >>> 0;
    lo = nlo;
  }
  s[i] = lo; s[i + 1] = hi;
}

function xor(s: State, i: number, j: number): void {
  s[i] ^= s[j];
  s[i + 1] ^= s[j + 1];
}

const V0 = 0, V1 = 2, V2 = 4, V3 = 6;

function round(s: State): void {
  add(s, V0, V1); rotl(s, V1, 13); xor(s, V1, V0); rotl(s, V0, 32);
  add(s, V2, V3); rotl(s, V3, 16); xor(s, V3, V2);
  add(s, V0, V3); rotl(s, V3, 21); xor(s, V3, V0);
  add(s, V2, V1); rotl(s, V1, 17); xor(s, V1, V2); rotl(s, V2, 32);
}

function le32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

/** SipHash-2-4 of `data` under a 16-byte key (k0 = LE64 of bytes 0..7, k1 = bytes 8..15). Returns [lo, hi]. */
export function siphash24Halves(key: Uint8Array, data: Uint8Array): [number, number] {
  if (key.length !== 16) throw new RangeError(`SipHash key must be 16 bytes, not ${key.length}`);
  const k0lo = le32(key, 0), k0hi = le32(key, 4), k1lo = le32(key, 8), k1hi = le32(key, 12);
  // "somepseudorandomlygeneratedbytes"
  const s: State = Uint32Array.of(
    k0lo ^ 0x70736575, k0hi ^ 0x736f6d65,
    k1lo ^ 0x6e646f6d, k1hi ^ 0x646f7261,
    k0lo ^ 0x6e657261, k0hi ^ 0x6c796765,
    k1lo ^ 0x79746573, k1hi ^ 0x74656462,
  );
  const len = data.length;
  const full = len - (len % 8);
  const compress = (mlo: number, mhi: number): void => {
    s[6] ^= mlo; s[7] ^= mhi;
    round(s); round(s);
    s[0] ^= mlo; s[1] ^= mhi;
  };
  for (let o = 0; o < full; o += 8) compress(le32(data, o), le32(data, o + 4));
  // Last word: remaining bytes little-endian, length (mod 256) in the top byte.
  let tlo = 0, thi = (len & 0xff) << 24;
  for (let i = 0; i < len - full; i++) {
    const b = data[full + i];
    if (i < 4) tlo |= b << (8 * i);
    else thi |= b << (8 * (i - 4));
  }
  compress(tlo >>> 0, thi >>> 0);
  s[4] ^= 0xff;
  round(s); round(s); round(s); round(s);
  return [(s[0] ^ s[2] ^ s[4] ^ s[6]) >>> 0, (s[1] ^ s[3] ^ s[5] ^ s[7]) >>> 0];
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
