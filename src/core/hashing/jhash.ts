// Linux include/linux/jhash.h (Bob Jenkins' lookup3) on a little-endian host.
// All arithmetic is mod 2^32: `| 0` keeps int32, `>>> 0` returns u32.

const JHASH_INITVAL = 0xdeadbeef;

function rol32(w: number, s: number): number {
  return (w << s) | (w >>> (32 - s));
}

type Abc = [number, number, number];

function mix(s: Abc): void {
  let [a, b, c] = s;
  a = (a - c) | 0; a ^= rol32(c, 4); c = (c + b) | 0;
  b = (b - a) | 0; b ^= rol32(a, 6); a = (a + c) | 0;
  c = (c - b) | 0; c ^= rol32(b, 8); b = (b + a) | 0;
  a = (a - c) | 0; a ^= rol32(c, 16); c = (c + b) | 0;
  b = (b - a) | 0; b ^= rol32(a, 19); a = (a + c) | 0;
  c = (c - b) | 0; c ^= rol32(b, 4); b = (b + a) | 0;
  s[0] = a; s[1] = b; s[2] = c;
}

function final(s: Abc): void {
  let [a, b, c] = s;
  c ^= b; c = (c - rol32(b, 14)) | 0;
  a ^= c; a = (a - rol32(c, 11)) | 0;
  b ^= a; b = (b - rol32(a, 25)) | 0;
  c ^= b; c = (c - rol32(b, 16)) | 0;
  a ^= c; a = (a - rol32(c, 4)) | 0;
  b ^= a; b = (b - rol32(a, 14)) | 0;
  c ^= b; c = (c - rol32(b, 24)) | 0;
  s[0] = a; s[1] = b; s[2] = c;
}

/** jhash(key, length, initval) over bytes; equals lookup3 hashlittle() on little-endian. */
export function jhash(key: Uint8Array, initval = 0): number {
  let len = key.length;
  const v = (JHASH_INITVAL + len + initval) | 0;
  const s: Abc = [v, v, v];
  let k = 0;
  const le = (o: number): number => key[o] | (key[o + 1] << 8) | (key[o + 2] << 16) | (key[o + 3] << 24);
  while (len > 12) {
    s[0] = (s[0] + le(k)) | 0;
    s[1] = (s[1] + le(k + 4)) | 0;
    s[2] = (s[2] + le(k + 8)) | 0;
    mix(s);
    len -= 12;
    k += 12;
  }
  if (len === 0) return s[2] >>> 0;
  // Tail: bytes k..k+len-1 are added at their little-endian positions in a, b, c.
  for (let i = len - 1; i >= 0; i--) {
    const word = i >>> 2;
    s[word] = (s[word] + (key[k + i] << ((i & 3) * 8))) | 0;
  }
  final(s);
  return s[2] >>> 0;
}

/** jhash2(u32 words, length, initval). */
export function jhash2(words: ArrayLike<number>, initval = 0): number {
  let len = words.length;
  const v = (JHASH_INITVAL + (len << 2) + initval) | 0;
  const s: Abc = [v, v, v];
  let k = 0;
  while (len > 3) {
    s[0] = (s[0] + words[k]) | 0;
    s[1] = (s[1] + words[k + 1]) | 0;
    s[2] = (s[2] + words[k + 2]) | 0;
    mix(s);
    len -= 3;
    k += 3;
  }
  if (len === 0) return s[2] >>> 0;
  if (len >= 3) s[2] = (s[2] + words[k + 2]) | 0;
  if (len >= 2) s[1] = (s[1] + words[k + 1]) | 0;
  s[0] = (s[0] + words[k]) | 0;
  final(s);
  return s[2] >>> 0;
}

/** jhash_3words as defined up to Linux 4.0: a and b get INITVAL, c gets the seed. */
export function jhash3wordsOld(a: number, b: number, c: number, initval: number): number {
  const s: Abc = [(a + JHASH_INITVAL) | 0, (b + JHASH_INITVAL) | 0, (c + initval) | 0];
  final(s);
  return s[2] >>> 0;
}

/** jhash_3words from Linux 4.2 on: __jhash_nwords with initval + INITVAL + (3 << 2). */
export function jhash3wordsNew(a: number, b: number, c: number, initval: number): number {
  const add = (initval + JHASH_INITVAL + (3 << 2)) | 0;
  const s: Abc = [(a + add) | 0, (b + add) | 0, (c + add) | 0];
  final(s);
  return s[2] >>> 0;
}

/** jhash_1word, old (≤ 4.0) definition: jhash_3words(a, 0, 0, initval). */
export function jhash1wordOld(a: number, initval: number): number {
  return jhash3wordsOld(a, 0, 0, initval);
}

/** jhash_1word, new (≥ 4.2) definition: __jhash_nwords(a, 0, 0, initval + INITVAL + (1 << 2)). */
export function jhash1wordNew(a: number, initval: number): number {
  const add = (initval + JHASH_INITVAL + (1 << 2)) | 0;
  const s: Abc = [(a + add) | 0, add, add];
  final(s);
  return s[2] >>> 0;
}
