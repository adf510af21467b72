import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIperfLog } from '../../../src/core/iperf';
import { parseFixture } from './helpers';

const G = 1024 ** 3;
const M = 1024 ** 2;

describe('iperf 2.0.5 text', () => {
  it('reads -P 8 with ids from 3 and the [SUM] row', () => {
    const log = parseFixture('iperf205-tcp-P8-client.txt');
    assert.equal(log.tool, 'iperf2');
    assert.equal(log.format, 'text');
    assert.equal(log.unknownLines, 0);
    assert.equal(log.tests.length, 1);
    const t = log.tests[0];
    assert.deepEqual([t.protocol, t.side, t.direction], ['tcp', 'client', 'forward']);
    assert.deepEqual(t.streams.map((s) => s.id), [3, 4, 5, 6, 7, 8, 9, 10]);
    const s3 = t.streams[0];
    assert.deepEqual(s3.local, { ip: '192.168.20.1', port: 49153 });
    assert.deepEqual(s3.remote, { ip: '192.168.20.2', port: 5001 });
    assert.equal(s3.connectLine, 5);
    assert.equal(s3.role, 'sender');
    assert.equal(s3.totals?.bytes, Math.round(6.02 * G));
    assert.equal(s3.totals?.bitsPerSecond, 5.17e9);
    assert.equal(s3.totals?.start, 0);
    assert.equal(s3.totals?.end, 10);
    assert.deepEqual(s3.intervals, []);
    assert.equal(t.sum?.totals?.bytes, Math.round(47.7 * G));
    assert.equal(t.sum?.totals?.bitsPerSecond, 40.9e9);
  });

  it('reads -i rows with padded times and splits several runs', () => {
    const log = parseFixture('iperf205-tcp-interval-client.txt');
    assert.equal(log.tests.length, 2);
    const [a, b] = log.tests;
    assert.deepEqual(a.streams[0].intervals.map((iv) => [iv.start, iv.end]), [[0, 1], [1, 2], [2, 3]]);
    assert.equal(a.streams[0].intervals[0].bytes, 950 * M);
    assert.equal(a.streams[0].totals?.end, 3);
    assert.equal(a.streams[0].totals?.bytes, Math.round(2.79 * G));
    assert.equal(b.streams[0].local?.port, 49170);
    assert.equal(b.streams[0].totals?.bytes, Math.round(9.32 * G));
    assert.equal(b.streams[0].totals?.bitsPerSecond, 8e9);
  });

  it('reads a server log: receiver role, a new test when an id comes back', () => {
    const log = parseFixture('iperf205-tcp-server.txt');
    assert.equal(log.tests.length, 2);
    assert.deepEqual(log.tests.map((t) => [t.side, t.streams.length]), [['server', 1], ['server', 2]]);
    const s = log.tests[1].streams.find((x) => x.id === 5);
    assert.equal(s?.role, 'receiver');
    assert.deepEqual(s?.remote, { ip: '192.168.20.1', port: 49170 });
    assert.equal(s?.totals?.side, 'receiver');
    assert.equal(log.tests[1].sum?.totals?.bytes, Math.round(9.31 * G));
  });

  it('reads UDP client: own total, datagrams sent, and the Server Report', () => {
    const t = parseFixture('iperf205-udp-client.txt').tests[0];
    assert.equal(t.protocol, 'udp');
    const s = t.streams[0];
    assert.equal(s.summaries.length, 2);
    assert.equal(s.totals?.side, 'sender');
    assert.equal(s.totals?.packets, 893);
    const report = s.summaries.find((x) => x.side === 'receiver');
    assert.equal(report?.jitter, 0.017);
    assert.equal(report?.lost, 2);
    assert.equal(report?.packets, 893);
    assert.equal(report?.outOfOrder, 1);
  });

  it('reads UDP server intervals with jitter and loss', () => {
    const t = parseFixture('iperf205-udp-server.txt').tests[0];
    assert.equal(t.protocol, 'udp');
    assert.equal(t.side, 'server');
    const s = t.streams[0];
    assert.deepEqual(s.intervals.map((iv) => [iv.jitter, iv.lost, iv.packets]), [[0.021, 0, 89], [0.019, 1, 90]]);
    assert.equal(s.totals?.bytes, 256 * 1024);
    assert.equal(s.totals?.outOfOrder, 1);
  });

  it('reads -d: the client stream sends, the accepted one receives', () => {
    const t = parseFixture('iperf205-dual-client.txt').tests[0];
    assert.equal(t.direction, 'bidir');
    assert.equal(t.side, 'client');
    assert.deepEqual(t.streams.map((s) => [s.id, s.role, s.direction]), [[3, 'sender', 'bidir'], [5, 'receiver', 'bidir']]);
    assert.equal(t.streams[1].local?.port, 5001);
  });

  // No public -d server log was found (test/fixtures/public-iperf/README.md): this is the server's side of
  // iperf205-dual-client.txt, written the way iperf 2 prints it (the back-connection's header after the accept).
  it('reads the server side of -d as a server log, not "client side"', () => {
    const text = [
      '------------------------------------------------------------',
      'Server listening on TCP port 5001',
      'TCP window size: 85.3 KByte (default)',
      '------------------------------------------------------------',
      '[  4] local 192.168.20.2 port 5001 connected with 192.168.20.1 port 49170',
      '------------------------------------------------------------',
      'Client connecting to 192.168.20.1, TCP port 5001',
      'TCP window size: 85.0 KByte (default)',
      '------------------------------------------------------------',
      '[  6] local 192.168.20.2 port 40210 connected with 192.168.20.1 port 5001',
      '[ ID] Interval       Transfer     Bandwidth',
      '[  6]  0.0-10.0 sec  1.08 GBytes   930 Mbits/sec',
      '[  4]  0.0-10.0 sec  1.09 GBytes   937 Mbits/sec',
      '',
    ].join('\n');
    const t = parseIperfLog(text).tests;
    assert.equal(t.length, 1);
    assert.deepEqual([t[0].side, t[0].direction], ['server', 'bidir']);
    assert.deepEqual(t[0].streams.map((s) => [s.id, s.role]), [[4, 'receiver'], [6, 'sender']]);
  });

  it('reads -r: the back-connection is a reverse test of its own', () => {
    const log = parseFixture('iperf205-tradeoff-client.txt');
    assert.deepEqual(log.tests.map((t) => [t.side, t.direction, t.streams[0].role]), [['client', 'forward', 'sender'], ['client', 'reverse', 'receiver']]);
    assert.equal(log.tests[1].streams[0].totals?.bitsPerSecond, 929e6);
  });

  it('reads -f formats: Byte rates are 1024-based, bit rates 1000-based', () => {
    const [a, b] = parseFixture('iperf205-format-bytes.txt').tests;
    assert.equal(a.streams[0].totals?.bytes, 1117 * M);
    assert.equal(a.streams[0].totals?.bitsPerSecond, 112 * M * 8);
    assert.equal(b.streams[0].totals?.bytes, 1143808 * 1024);
    assert.equal(b.streams[0].totals?.bitsPerSecond, 937005000);
  });

  it('reads a connect line printed before the header (2.1 thread race) into the same test', () => {
    const text = [
      '[  2] local 10.0.0.1 port 40002 connected with 10.0.0.2 port 5001',
      '------------------------------------------------------------',
      'Client connecting to 10.0.0.2, TCP port 5001',
      '------------------------------------------------------------',
      '[  1] local 10.0.0.1 port 40001 connected with 10.0.0.2 port 5001',
      '[  1] 0.0000-1.0000 sec  1.00 MBytes  8.39 Mbits/sec',
      '[  2] 0.0000-1.0000 sec  1.00 MBytes  8.39 Mbits/sec',
      '',
    ].join('\n');
    const log = parseIperfLog(text);
    assert.equal(log.tests.length, 1);
    assert.deepEqual(log.tests[0].streams.map((s) => [s.id, s.connectLine]), [[1, 4], [2, 0]]);
  });
});

describe('iperf 2.1 enhanced (-e)', () => {
  it('reads retransmits, cwnd and rtt; drops the %dev suffix', () => {
    const log = parseFixture('iperf21-enhanced-client.txt');
    assert.equal(log.unknownLines, 0);
    const s = log.tests[0].streams[0];
    assert.deepEqual(s.local, { ip: '192.168.20.1', port: 53922 });
    assert.deepEqual(s.intervals.map((iv) => [iv.retransmits, iv.cwnd, iv.rtt]), [[3, 370 * 1024, 1224], [0, 372 * 1024, 1180]]);
    assert.equal(s.totals?.end, 2.0123);
    assert.equal(s.totals?.retransmits, 3);
  });

  it('reads the enhanced UDP server row', () => {
    const log = parseFixture('iperf21-udp-enhanced-server.txt');
    assert.equal(log.unknownLines, 0);
    const s = log.tests[0].streams[0];
    assert.equal(log.tests[0].protocol, 'udp');
    assert.deepEqual([s.intervals[0].jitter, s.intervals[0].lost, s.intervals[0].packets], [0.022, 0, 91]);
    assert.deepEqual([s.totals?.jitter, s.totals?.lost, s.totals?.packets], [0.02, 1, 92]);
  });
});

describe('iperf 2 CSV (-y C)', () => {
  it('reads the old form: interval in one column, UDP server report, several runs', () => {
    const log = parseFixture('iperf2-old.csv');
    assert.equal(log.format, 'csv');
    assert.equal(log.tests.length, 2);
    const s = log.tests[0].streams[0];
    assert.equal(log.tests[0].protocol, 'udp');
    assert.deepEqual(s.intervals.map((iv) => [iv.start, iv.end, iv.bytes]), [[0, 1, 131250], [1, 2, 131250]]);
    assert.equal(s.totals?.bytes, 262500);
    assert.equal(s.totals?.bitsPerSecond, 1050000);
    const report = s.summaries.find((x) => x.side === 'receiver');
    assert.deepEqual([report?.jitter, report?.lost, report?.packets, report?.outOfOrder], [0.017, 2, 179, 1]);
    assert.equal(log.tests[1].streams[0].local?.port, 37430);
  });

  it('reads the new form: header, time-zone prefix, istart/iend columns, SUM id -1', () => {
    const log = parseFixture('iperf2-new.csv');
    assert.equal(log.format, 'csv');
    assert.equal(log.unknownLines, 0);
    const t = log.tests[0];
    assert.deepEqual(t.streams.map((s) => s.id), [1, 2]);
    const s = t.streams[0];
    assert.deepEqual(s.local, { ip: '192.168.9.3', port: 58256 });
    assert.equal(s.intervals[0].retransmits, 2);
    assert.equal(s.intervals[0].cwnd, 1536000);
    assert.equal(s.intervals[0].rtt, 52);
    assert.equal(s.totals?.bytes, 5220466748);
    assert.equal(s.totals?.cwnd, undefined, '-1 means not available');
    assert.equal(t.sum?.totals?.bitsPerSecond, 81763733984);
  });
});
