import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IperfParseError, parseIperfLog } from '../../../src/core/iperf';
import { parseFixture, readFixture } from './helpers';

function expectError(name: string, line: number, reason: RegExp): void {
  assert.throws(() => parseIperfLog(readFixture(name), name), (e: unknown) => {
    assert.ok(e instanceof IperfParseError, String(e));
    assert.equal(e.line, line);
    assert.equal(e.fileName, name);
    assert.match(e.reason, reason);
    assert.ok(e.message.startsWith(`${name}:${line}: `), e.message);
    return true;
  });
}

describe('malformed numbers are errors with their line', () => {
  it('iperf 2 transfer', () => expectError('errors/bad-transfer-iperf2.txt', 7, /malformed transfer '9\.3x'/));
  it('iperf 2 interval', () => expectError('errors/bad-interval-iperf2.txt', 4, /malformed interval start/));
  it('iperf 2 port', () => expectError('errors/bad-port-iperf2.txt', 4, /malformed port '49x53'/));
  it('iperf3 rate', () => expectError('errors/bad-rate-iperf3.txt', 4, /malformed rate '5O\.3'/));
  it('iperf3 unit', () => expectError('errors/bad-unit-iperf3.txt', 4, /unknown transfer unit 'QBytes'/));
  it('CSV byte count', () => expectError('errors/bad-bytes.csv', 2, /malformed byte count/));
  it('JSON number', () => expectError('errors/bad-number.json', 18, /malformed number '26214x0'/));
  it('JSON field of the wrong type', () => expectError('errors/bad-type.json', 9, /malformed number in "bytes"/));
  it('json-stream number', () => expectError('errors/bad-stream.jsonl', 2, /malformed number '2\.09\.7'/));
});

describe('a log cut short keeps its complete intervals', () => {
  it('iperf 2 text cut mid-row', () => {
    const log = parseFixture('truncated-iperf2.txt');
    assert.equal(log.truncated, true);
    assert.equal(log.unknownLines, 0);
    const s = log.tests[0].streams[0];
    assert.equal(s.intervals.length, 2);
    assert.equal(s.totals, undefined);
  });

  it('CSV cut mid-record', () => {
    const log = parseFixture('truncated.csv');
    assert.equal(log.truncated, true);
    assert.equal(log.tests[0].streams[0].summaries.length + log.tests[0].streams[0].intervals.length, 1);
  });

  it('-J cut inside end', () => {
    const log = parseFixture('truncated-iperf3.json');
    assert.equal(log.truncated, true);
    const s = log.tests[0].streams[0];
    assert.equal(s.intervals.length, 1);
    assert.equal(s.totals, undefined, 'the half-written summary is dropped');
  });

  it('--json-stream cut mid-event', () => {
    const log = parseFixture('truncated-stream.jsonl');
    assert.equal(log.truncated, true);
    assert.equal(log.tests[0].streams[0].intervals.length, 1);
  });

  it('a complete log whose last row lacks a newline is not cut', () => {
    const log = parseIperfLog('[  3] local 10.0.0.1 port 40000 connected with 10.0.0.2 port 5001\n[  3]  0.0-10.0 sec  9.32 GBytes  8.00 Gbits/sec');
    assert.equal(log.truncated, false);
    assert.equal(log.tests[0].streams[0].totals?.bitsPerSecond, 8e9);
  });
});
