import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MS_RSS_KEY, SYMMETRIC_RSS_KEY, ToeplitzHasher, toeplitzReference, toeplitzInput, parseFlow, parseHexKey, keyWindow,
  defaultTable, nicRssQueue,
} from '../../../src/core/hashing';
import { MS_IPV4, MS_IPV6, MS_KEY_REVERSED_HASHES, SYMMETRIC_KEY_HASHES, TOEPLITZ_PORTS, digits, rng, tcp } from './vectors';

const fast = new ToeplitzHasher(MS_RSS_KEY);

test('all 16 Microsoft verification values, reference and table-driven', () => {
  let checked = 0;
  for (const [src, sp, dst, dp, ipOnly, withTcp] of [...MS_IPV4, ...MS_IPV6]) {
    const f = parseFlow(tcp(src, sp, dst, dp));
    for (const [fields, want] of [[2, ipOnly], [4, withTcp]] as const) {
      const input = toeplitzInput(f, fields);
      assert.equal(toeplitzReference(MS_RSS_KEY, input), want, `reference ${src} → ${dst} fields ${fields}`);
      assert.equal(fast.hashBytes(input), want, `fast ${src} → ${dst} fields ${fields}`);
      assert.equal(fast.hashFlow(f, fields), want);
      checked++;
    }
  }
  assert.equal(checked, 16);
});

test('IPv4 direct paths equal the byte path', () => {
  for (const [src, sp, dst, dp, ipOnly, withTcp] of MS_IPV4) {
    const f = parseFlow(tcp(src, sp, dst, dp));
    const s = Buffer.from(f.src).readUInt32BE(0);
    const d = Buffer.from(f.dst).readUInt32BE(0);
    assert.equal(fast.hashV4(s, d, sp, dp), withTcp);
    assert.equal(fast.hashV4Addrs(s, d), ipOnly);
  }
});

test('input byte order is src ‖ dst ‖ sport ‖ dport', () => {
  const f = parseFlow(tcp('1.2.3.4', 0x0506, '7.8.9.10', 0x0b0c));
  assert.deepEqual([...toeplitzInput(f, 4)], [1, 2, 3, 4, 7, 8, 9, 10, 5, 6, 11, 12]);
  assert.deepEqual([...toeplitzInput(f, 2)], [1, 2, 3, 4, 7, 8, 9, 10]);
  assert.deepEqual([...toeplitzInput(f, 4, true)], [6, 10, 10, 14, 6, 10, 10, 14, 0x0e, 0x0a, 0x0e, 0x0a]);
});

test('symmetric key: same hash both directions, spec values', () => {
  const sym = new ToeplitzHasher(SYMMETRIC_RSS_KEY);
  MS_IPV4.forEach(([src, sp, dst, dp], i) => {
    const fwd = parseFlow(tcp(src, sp, dst, dp));
    const rev = parseFlow(tcp(dst, dp, src, sp));
    assert.equal(sym.hashFlow(fwd), SYMMETRIC_KEY_HASHES[i]);
    assert.equal(sym.hashFlow(rev), SYMMETRIC_KEY_HASHES[i]);
    assert.equal(toeplitzReference(SYMMETRIC_RSS_KEY, toeplitzInput(rev)), SYMMETRIC_KEY_HASHES[i]);
    // Under the MS key the reverse direction differs (§5.6).
    assert.equal(fast.hashFlow(rev), MS_KEY_REVERSED_HASHES[i]);
  });
});

test('RXH_XFRM_SYM_XOR makes any key symmetric (IPv4 and IPv6, 2- and 4-tuple)', () => {
  for (const [src, sp, dst, dp] of [...MS_IPV4, ...MS_IPV6]) {
    for (const fields of [2, 4] as const) {
      const a = fast.hashFlow(parseFlow(tcp(src, sp, dst, dp)), fields, true);
      const b = fast.hashFlow(parseFlow(tcp(dst, dp, src, sp)), fields, true);
      assert.equal(a, b);
    }
  }
});

test('§5.5 example flows: hash, index and queue for n = 1..8 with the default 128-entry table', () => {
  for (const [sport, hash, index, queues] of TOEPLITZ_PORTS) {
    const h = fast.hashFlow(parseFlow(tcp('10.0.0.1', sport, '10.0.0.2', 5001)));
    assert.equal(h, hash);
    assert.equal(h & 127, index);
    assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => nicRssQueue(h, defaultTable(128, n))), digits(queues));
  }
});

test('table-driven equals bit-serial on random keys (any length) and inputs', () => {
  const r = rng(12345);
  for (let trial = 0; trial < 300; trial++) {
    const keyLen = 1 + (r() % 60); // shorter keys are zero-extended, longer ones partly unused
    const key = Uint8Array.from({ length: keyLen }, () => r() & 0xff);
    const h = new ToeplitzHasher(key);
    for (let j = 0; j < 10; j++) {
      const len = r() % 37;
      const input = Uint8Array.from({ length: len }, () => r() & 0xff);
      assert.equal(h.hashBytes(input), toeplitzReference(key, input), `key ${keyLen} B, input ${len} B`);
    }
    const s = r(), d = r(), sp = r() & 0xffff, dp = r() & 0xffff;
    const buf = Buffer.alloc(12);
    buf.writeUInt32BE(s, 0); buf.writeUInt32BE(d, 4); buf.writeUInt16BE(sp, 8); buf.writeUInt16BE(dp, 10);
    assert.equal(h.hashV4(s, d, sp, dp), toeplitzReference(key, buf));
  }
});

test('longer tables and a 52-byte key', () => {
  const r = rng(99);
  const key = Uint8Array.from({ length: 52 }, () => r() & 0xff);
  const h = new ToeplitzHasher(key, 48);
  const input = Uint8Array.from({ length: 48 }, () => r() & 0xff);
  assert.equal(h.hashBytes(input), toeplitzReference(key, input));
  assert.throws(() => fast.hashBytes(new Uint8Array(37)), RangeError);
});

test('key windows and hex keys', () => {
  assert.equal(keyWindow(MS_RSS_KEY, 0), 0x6d5a56da);
  assert.equal(keyWindow(MS_RSS_KEY, 8), 0x5a56da25);
  assert.equal(keyWindow(Uint8Array.of(0xff), 4), 0xf0000000);
  assert.deepEqual(parseHexKey('6d:5a:56:da'), Uint8Array.of(0x6d, 0x5a, 0x56, 0xda));
  assert.deepEqual(parseHexKey('0x6d5a 56da'), Uint8Array.of(0x6d, 0x5a, 0x56, 0xda));
  assert.throws(() => parseHexKey('6d5'), SyntaxError);
  assert.throws(() => parseHexKey('zz'), SyntaxError);
});

test('the 16-bit-periodic symmetric key combined with RXH_XFRM_SYM_XOR always hashes to 0', () => {
  // Both XOR copies sit a multiple of 16 bits apart, so they meet identical key windows and cancel:
  // pick one symmetric scheme or the other, never both.
  const sym = new ToeplitzHasher(SYMMETRIC_RSS_KEY);
  for (const [src, sp, dst, dp] of [...MS_IPV4, ...MS_IPV6]) {
    assert.equal(sym.hashFlow(parseFlow(tcp(src, sp, dst, dp)), 4, true), 0);
  }
});
