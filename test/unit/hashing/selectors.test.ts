import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  netfrontQueue, reciprocalScale, netbackQueue, nicRssQueue, xenvif81Queue, xenvif82Queue, xenvifHash8, xenvifHash8Bytes,
  parseFlow, defaultTable, indexByMask, indexByMod, tableWeights,
} from '../../../src/core/hashing';
import { SELECTOR_TABLE, XENVIF_PORTS, digits, tcp } from './vectors';

const N = [1, 2, 3, 4, 5, 6, 7, 8];

test('reciprocal_scale vs modulo (§3)', () => {
  for (const [h, recip, mod] of SELECTOR_TABLE) {
    assert.deepEqual(N.map((n) => reciprocalScale(h, n)), digits(recip), `reciprocal 0x${h.toString(16)}`);
    assert.deepEqual(N.map((n) => netfrontQueue(h, n)), digits(mod), `modulo 0x${h.toString(16)}`);
  }
  assert.throws(() => netfrontQueue(1, 0), RangeError);
  assert.throws(() => reciprocalScale(1, 1.5), RangeError);
});

test('netback mapping[hash % size], modulo when size is 0, out-of-range reduced', () => {
  const mapping = [3, 2, 1];
  assert.equal(netbackQueue(7, mapping, 4), 2);
  assert.equal(netbackQueue(0xffffffff, [], 5), 0xffffffff % 5);
  assert.equal(netbackQueue(0, [5], 4), 1);
});

test('NIC table[hash & (T − 1)]', () => {
  const t = defaultTable(128, 5);
  assert.equal(nicRssQueue(0x0c863309, t), 9 % 5);
  assert.throws(() => nicRssQueue(0, defaultTable(96, 4)), RangeError);
  assert.equal(indexByMask(0xffffffff, 128), 127);
  assert.equal(indexByMod(0xffffffff, 96), 0xffffffff % 96);
  assert.throws(() => indexByMask(1, 96), RangeError);
});

test('default fill and weights (§7.3: 128 entries, i % n)', () => {
  assert.deepEqual(defaultTable(8, 3), [0, 1, 2, 0, 1, 2, 0, 1]);
  assert.deepEqual(tableWeights(defaultTable(128, 3), 3).map((w) => w * 128), [43, 43, 42]);
  assert.deepEqual(tableWeights(defaultTable(128, 5), 5).map((w) => w * 128), [26, 26, 26, 25, 25]);
  assert.deepEqual(tableWeights(defaultTable(128, 6), 6).map((w) => w * 128), [22, 22, 21, 21, 21, 21]);
  assert.deepEqual(tableWeights(defaultTable(128, 7), 7).map((w) => w * 128), [19, 19, 18, 18, 18, 18, 18]);
  assert.throws(() => tableWeights([0, 3], 3), RangeError);
});

test('XENVIF 8-bit hash vectors and queues (§6.2)', () => {
  for (const [sport, hash8, queues] of XENVIF_PORTS) {
    const h = xenvifHash8(parseFlow(tcp('10.0.0.1', sport, '10.0.0.2', 5001)));
    assert.equal(h, hash8, `sport ${sport}`);
    assert.deepEqual(N.map((n) => xenvif81Queue(h, n)), digits(queues));
    assert.deepEqual(N.map((n) => xenvif82Queue('none', h, [], n)), digits(queues));
  }
  assert.equal(xenvifHash8(parseFlow(tcp('192.168.1.10', 5001, '192.168.1.20', 5001))), 0x88);
  assert.equal(xenvifHash8(parseFlow(tcp('66.9.149.187', 2794, '161.142.100.80', 1766))), 0x9d);
  assert.equal(xenvifHash8(parseFlow(tcp('10.0.0.1', 40000, '10.0.0.2', 5001, 'udp'))), 0xb7, 'UDP uses the same fields');
  assert.equal(xenvifHash8Bytes(Uint8Array.of(10, 0, 0, 1, 10, 0, 0, 2, 0x9c, 0x40, 0x13, 0x89)), 0xb7);
});

test('XENVIF hash8 is always 8-bit', () => {
  for (let i = 0; i < 2000; i++) {
    const h = xenvifHash8Bytes(Uint8Array.from({ length: 36 }, (_, j) => (i * 131 + j * 17) & 0xff));
    assert.ok(h >= 0 && h <= 255);
  }
});

test('XENVIF 8.2 selector (§6.3)', () => {
  assert.equal(xenvif82Queue('unspecified', 0xffffffff, [], 7), 0xffffffff % 7);
  assert.equal(xenvif82Queue('toeplitz', 0x0c863309, defaultTable(128, 4), 4), (0x0c863309 % 128) % 4);
  assert.equal(xenvif82Queue('toeplitz', 12345, [], 4), 0);
});
