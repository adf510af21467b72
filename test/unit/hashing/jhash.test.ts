import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  jhash, jhash2, jhash3wordsOld, jhash3wordsNew, jhash1wordOld, jhash1wordNew, siphash24, sipKeyFromSeed,
  flowHashLinux316, flowHashLinux42, flowHashLinuxSiphash, flowKeysBytes68, linuxFlowHash, parseFlow,
} from '../../../src/core/hashing';
import { tcp } from './vectors';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

test('jhash vectors (§4.4)', () => {
  assert.equal(jhash(new Uint8Array(0), 0), 0xdeadbeef);
  assert.equal(jhash(text('a'), 0), 0x58d68708);
  assert.equal(jhash(text('Four score and seven years ago'), 0), 0x17770551);
  assert.equal(jhash(text('Four score and seven years ago'), 1), 0xcd628161);
  assert.equal(jhash2([1, 2, 3], 0), 0xa46158f5);
  assert.equal(jhash2([1, 2, 3, 4, 5, 6], 0), 0xe3e36b25);
  assert.equal(jhash2([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 0), 0x0a224ba4);
  assert.equal(jhash3wordsOld(0, 0, 0, 0), 0xc0b0a2c2);
  assert.equal(jhash3wordsNew(0, 0, 0, 0), 0x1b68e557);
  assert.equal(jhash3wordsOld(1, 2, 3, 0), 0xe16988d7);
  assert.equal(jhash3wordsNew(1, 2, 3, 0), 0xa46158f5);
  assert.equal(jhash3wordsOld(1, 2, 3, 0xdeadbeef), 0x3be016dc);
  assert.equal(jhash3wordsNew(1, 2, 3, 0xdeadbeef), 0x27983d68);
  assert.equal(jhash1wordOld(0x0008, 0), 0xf7984acb);
  assert.equal(jhash1wordNew(0x0008, 0), 0x317fd40c);
});

test('new jhash_3words equals jhash2 of the three words', () => {
  for (const [a, b, c, iv] of [[1, 2, 3, 0], [0xffffffff, 7, 0x80000000, 0x12345678]]) {
    assert.equal(jhash3wordsNew(a, b, c, iv), jhash2([a, b, c], iv));
  }
});

test('SipHash-2-4 kunit vectors (key 00..0f, input 0,1,2,…)', () => {
  const key = Uint8Array.from({ length: 16 }, (_, i) => i);
  const input = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i);
  assert.equal(siphash24(key, input(0)), 0x726fdb47dd0e0e31n);
  assert.equal(siphash24(key, input(1)), 0x74f839c593dc67fdn);
  assert.equal(siphash24(key, input(63)), 0x958a324ceb064572n);
  assert.deepEqual(sipKeyFromSeed(0x0f0e0d0c0b0a09080706050403020100n), key);
  assert.throws(() => sipKeyFromSeed(-1n), RangeError);
});

const A = parseFlow(tcp('10.0.0.1', 40000, '10.0.0.2', 5001));
const A_REV = parseFlow(tcp('10.0.0.2', 5001, '10.0.0.1', 40000));

test('Linux 3.16 flow hash vectors, both directions (§4.4)', () => {
  assert.equal(flowHashLinux316(A, 0x12345678), 0xfb6c9bda);
  assert.equal(flowHashLinux316(A_REV, 0x12345678), 0xfb6c9bda);
  const want = [0x60f8045f, 0x48cc11e2, 0xd60fec48, 0x16b9fd25, 0xdf9c01a9, 0x4499940e, 0xd5e1c960];
  want.forEach((h, i) => assert.equal(flowHashLinux316(parseFlow(tcp('10.0.0.1', 40001 + i, '10.0.0.2', 5001)), 0x12345678), h));
  assert.equal(flowHashLinux316(A, 7), 0x205652dd);
  assert.equal(flowHashLinux316(A_REV, 7), 0x205652dd);
  assert.throws(() => flowHashLinux316(A, 1n << 32n), RangeError);
});

test('Linux 4.2 jhash2 over flow_keys: packet and socket hashes (§4.4)', () => {
  assert.equal(flowHashLinux42(A, 0x12345678), 0xfb254bba);
  assert.equal(flowHashLinux42(A_REV, 0x12345678), 0xfb254bba);
  assert.equal(flowHashLinux42(A, 0x12345678, true), 0x50671a23);
  assert.equal(linuxFlowHash('4.2-socket', A, 0x12345678), 0x50671a23);
});

test('Linux ≥ 5.4 SipHash over the 6.8 layout (§4.4)', () => {
  const bytes = flowKeysBytes68(A);
  assert.equal(Buffer.from(bytes).toString('hex'),
    '08000600' + '00000000'.repeat(6) + '9c401389' + '00000000' + '0a000001' + '0a000002' + '00000000');
  const seed = 0x0f0e0d0c0b0a09080706050403020100n;
  assert.equal(flowHashLinuxSiphash(A, seed), 0x98d6846e);
  assert.equal(flowHashLinuxSiphash(A_REV, seed), 0x98d6846e, 'symmetric');
  assert.equal(linuxFlowHash('6.8', A, seed), 0x98d6846e);
  assert.equal(flowKeysBytes68(parseFlow(tcp('::1', 1, '::2', 2))).length, 72);
});

test('IPv6 flow hashes are symmetric in every era', () => {
  const f = parseFlow(tcp('2001:db8::1', 40000, '2001:db8::2', 5001));
  const r = parseFlow(tcp('2001:db8::2', 5001, '2001:db8::1', 40000));
  for (const era of ['3.16', '4.2', '6.8'] as const) {
    assert.equal(linuxFlowHash(era, f, 0x1234), linuxFlowHash(era, r, 0x1234), era);
  }
});

/** A straightforward BigInt SipHash-2-4, to check the 32-bit-halves implementation on many lengths. */
function siphashBig(key: Uint8Array, data: Uint8Array): bigint {
  const M = (1n << 64n) - 1n;
  const rotl = (v: bigint, s: bigint): bigint => ((v << s) | (v >> (64n - s))) & M;
  const le = (b: Uint8Array, o: number, n: number): bigint => { let v = 0n; for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[o + i]); return v; };
  const k0 = le(key, 0, 8), k1 = le(key, 8, 8);
  let v0 = k0 ^ 0x736f6d6570736575n, v1 = k1 ^ 0x646f72616e646f6dn, v2 = k0 ^ 0x6c7967656e657261n, v3 = k1 ^ 0x7465646279746573n;
  const round = (): void => {
    v0 = (v0 + v1) & M; v1 = rotl(v1, 13n); v1 ^= v0; v0 = rotl(v0, 32n);
    v2 = (v2 + v3) & M; v3 = rotl(v3, 16n); v3 ^= v2;
    v0 = (v0 + v3) & M; v3 = rotl(v3, 21n); v3 ^= v0;
    v2 = (v2 + v1) & M; v1 = rotl(v1, 17n); v1 ^= v2; v2 = rotl(v2, 32n);
  };
  const full = data.length - (data.length % 8);
  const words: bigint[] = [];
  for (let o = 0; o < full; o += 8) words.push(le(data, o, 8));
  words.push((BigInt(data.length & 0xff) << 56n) | le(data, full, data.length - full));
  for (const m of words) { v3 ^= m; round(); round(); v0 ^= m; }
  v2 ^= 0xffn;
  round(); round(); round(); round();
  return v0 ^ v1 ^ v2 ^ v3;
}

test('SipHash halves implementation equals a BigInt one on random keys and lengths 0..80', () => {
  let x = 0x9e3779b9;
  const r = (): number => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x & 0xff; };
  for (let len = 0; len <= 80; len++) {
    const key = Uint8Array.from({ length: 16 }, r);
    const data = Uint8Array.from({ length: len }, r);
    assert.equal(siphash24(key, data), siphashBig(key, data), `len ${len}`);
  }
});
