import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEthtoolX, parseTableText, defaultTable, parseHexKey } from '../../../src/core/hashing';
import { fixturesDir } from '../../helpers/paths';

const fixture = (name: string): string => fs.readFileSync(path.join(fixturesDir, 'hashing', name), 'utf8');

test('ethtool -x: default 128-entry table, key and hash function', () => {
  const r = parseEthtoolX(fixture('ethtool-x-ixgbe-8rings.txt'));
  assert.equal(r.device, 'ens1f0');
  assert.equal(r.rings, 8);
  assert.deepEqual(r.table, defaultTable(128, 8));
  assert.deepEqual(r.key, parseHexKey('3b812fc49a07e56d11a842f07cde9325b6480e71ca5f2983d416ab60f73e85c9127ae04db398265c'));
  assert.equal(r.hfunc, 'toeplitz');
  assert.equal(r.symmetricXor, undefined);
});

test('ethtool -x: weighted 64-entry table with symmetric-xor and a 52-byte key', () => {
  const r = parseEthtoolX(fixture('ethtool-x-i40e-weighted-symxor.txt'));
  assert.equal(r.rings, 4);
  assert.equal(r.table.length, 64);
  assert.deepEqual(r.table.slice(0, 8), [0, 0, 1, 2, 3, 0, 0, 1]);
  assert.equal(r.key?.length, 52);
  assert.deepEqual(r.key?.slice(0, 4), Uint8Array.of(0x19, 0x3e, 0x3a, 0xb5));
  assert.equal(r.symmetricXor, true);
});

test('ethtool -x: rows out of order, no table', () => {
  assert.throws(() => parseEthtoolX('RX flow hash indirection table for x with 2 RX ring(s):\n    0: 0 1\n    4: 0 1\n'), SyntaxError);
  assert.throws(() => parseEthtoolX('Cannot get RX ring count: Operation not supported\n'), SyntaxError);
});

test('table files: ethtool output or plain numbers', () => {
  assert.deepEqual(parseTableText(fixture('mapping-16.txt')).table, [0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
  assert.deepEqual(parseTableText('0,1, 1 0').table, [0, 1, 1, 0]);
  assert.equal(parseTableText(fixture('ethtool-x-ixgbe-8rings.txt')).table.length, 128);
  assert.throws(() => parseTableText('hello'), SyntaxError);
});

// Issue 12: `0: ` + forty 1s + `x` took exponential time (each digit doubled it; 29 digits 9.7 s). The test's own
// timeout is the hang detector: the old pattern could not finish this line within it.
test('a table row of 4 000 digits and a stray letter is read in linear time, and not as a table row', { timeout: 20_000 }, () => {
  for (const digits of [40, 4000]) {
    let table: number[] = [];
    try {
      table = parseTableText(`RX flow hash indirection table for eth0 with 8 RX ring(s):\n0: ${'1'.repeat(digits)}x\n`).table;
    } catch (e) {
      assert.ok(e instanceof SyntaxError, String(e));
    }
    assert.equal(table.length, 0);
  }
  assert.deepEqual(parseTableText('0: 1 2 3 0 \n4: 4 5 6 7\n').table, [1, 2, 3, 0, 4, 5, 6, 7]);
});
