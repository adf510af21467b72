// The text module's figures: one precision for rates, ratios and percentages, whoever prints them.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countOf, endpointText, errorMessage, flowLabel, formatBytes, formatMbit, formatPercent, formatRate, formatRatio, hex32, plural,
} from '../../../src/core/text';

describe('core/text', () => {
  it('rates: Mbit/s to 0.1, with the unit chosen for prose', () => {
    assert.equal(formatMbit(50_331_648), '50.3'); // 12 MiB in 2 s
    assert.equal(formatMbit(941_349_999), '941.3');
    assert.equal(formatMbit(undefined), '–');
    assert.equal(formatRate(41.0e9), '41.00 Gbit/s');
    assert.equal(formatRate(52.7e6), '52.7 Mbit/s');
    assert.equal(formatRate(64e3), '64.0 kbit/s');
  });

  it('ratios and percentages', () => {
    assert.equal(formatRatio(12602559 / 12582912), '1.002');
    assert.equal(formatPercent(0.125), '12.5 %');
    assert.equal(formatPercent(0.0036, 2), '0.36 %');
    assert.equal(formatPercent(undefined), '–');
  });

  it('counts, plurals, bytes, hashes', () => {
    assert.equal(countOf(1, 'packet'), '1 packet');
    assert.equal(countOf(2, 'packet'), '2 packets');
    assert.equal(countOf(3, 'entry', 'entries'), '3 entries');
    assert.equal(plural(1, 'CPU'), 'CPU');
    assert.equal(plural(0, 'CPU'), 'CPUs');
    assert.equal(formatBytes(1536 * 1024), '1.5 MiB');
    assert.equal(formatBytes(1000), '1000 B');
    assert.equal(hex32(-1), '0xffffffff');
    assert.equal(hex32(0x51ccc178), '0x51ccc178');
  });

  it('endpoints and flow labels: IPv6 in brackets', () => {
    assert.equal(endpointText({ ip: 'fd00::1', port: 42000 }), '[fd00::1]:42000');
    assert.equal(flowLabel({ proto: 'tcp', src: { ip: '10.0.0.1', port: 40000 }, dst: { ip: '10.0.0.2', port: 5001 } }), 'tcp 10.0.0.1:40000 → 10.0.0.2:5001');
  });

  it('errorMessage: an Error\'s message, anything else as text', () => {
    assert.equal(errorMessage(new RangeError('out of range')), 'out of range');
    assert.equal(errorMessage('plain'), 'plain');
    assert.equal(errorMessage(42), '42');
  });
});
