import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { sparkline } from '../../../src/core/flows/sparkline';

test('a sparkline has 16 buckets scaled to the busiest, blank where the flow was silent', () => {
  const a = new Array<number>(32).fill(0);
  a[0] = 100; a[1] = 100; // bucket 0: 200
  a[30] = 50; // bucket 15: 50 + b
  const b = new Array<number>(32).fill(0);
  b[31] = 50; // bucket 15: 100 in all
  const s = sparkline(a, b);
  assert.equal(s.length, 16);
  assert.equal(s[0], '█');
  assert.equal(s[15], '▄', 'half the busiest bucket');
  assert.equal(s.slice(1, 15), ' '.repeat(14));
});

test('short series get one character per bin, and an empty one none', () => {
  assert.equal(sparkline([1, 2, 4, 8], []), '▁▂▄█');
  assert.equal(sparkline([], []), '');
});
