import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IperfParseError } from '../../../src/core/iperf';
import { rateBitsPerSecond, transferBytes } from '../../../src/core/iperf/units';

describe('units as iperf prints them', () => {
  it('Transfer K/M/G/T are powers of 1024, rounded to whole bytes', () => {
    assert.equal(transferBytes('1448', 'Bytes', 0), 1448);
    assert.equal(transferBytes('67.5', 'KBytes', 0), 69120);
    assert.equal(transferBytes('12.6', 'MBytes', 0), 13212058);
    assert.equal(transferBytes('9.32', 'GBytes', 0), Math.round(9.32 * 1024 ** 3));
    assert.equal(transferBytes('1.5', 'TBytes', 0), 1.5 * 1024 ** 4);
  });

  it('bit rates are powers of 1000, without float noise', () => {
    assert.equal(rateBitsPerSecond('52.7', 'Mbits/sec', 0), 52700000);
    assert.equal(rateBitsPerSecond('8.00', 'Gbits/sec', 0), 8e9);
    assert.equal(rateBitsPerSecond('937005', 'Kbits/sec', 0), 937005000);
    assert.equal(rateBitsPerSecond('0.00', 'bits/sec', 0), 0);
  });

  it('Byte rates (-f K/M/G) are 1024-based', () => {
    assert.equal(rateBitsPerSecond('112', 'MBytes/sec', 0), 112 * 1024 * 1024 * 8);
  });

  it('a bad unit or number is an IperfParseError on a 1-based line', () => {
    assert.throws(() => transferBytes('1', 'XBytes', 4), (e: unknown) => e instanceof IperfParseError && e.line === 5);
    assert.throws(() => rateBitsPerSecond('1,2', 'Mbits/sec', 0), IperfParseError);
  });
});
