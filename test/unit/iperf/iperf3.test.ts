import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseIperfLog } from '../../../src/core/iperf';
import { parseFixture } from './helpers';

const M = 1024 ** 2;

describe('iperf3 text', () => {
  it('reads --bidir: TX/RX tags set role, two sums', () => {
    const log = parseFixture('iperf3-bidir-client.txt');
    assert.equal(log.tool, 'iperf3');
    assert.equal(log.unknownLines, 0);
    const t = log.tests[0];
    assert.equal(t.direction, 'bidir');
    assert.deepEqual(t.streams.map((s) => [s.id, s.tag, s.role]), [[5, 'TX-C', 'sender'], [7, 'TX-C', 'sender'], [9, 'RX-C', 'receiver'], [11, 'RX-C', 'receiver']]);
    assert.equal(t.streams[1].intervals[0].retransmits, 2);
    assert.equal(t.streams[1].intervals[0].cwnd, 498 * 1024);
    assert.equal(t.streams[2].totals?.side, 'sender', 'a client log reports the sender side');
    assert.equal(t.streams[2].totals?.retransmits, 1);
    assert.equal(t.sum?.tag, 'TX-C');
    assert.equal(t.sum?.totals?.bitsPerSecond, 940e6);
    assert.equal(t.reverseSum?.tag, 'RX-C');
    assert.equal(t.reverseSum?.totals?.bytes, 110 * M);
  });

  it('reads a --logfile with --timestamps holding two tests', () => {
    const log = parseFixture('iperf3-timestamps-logfile.txt');
    assert.equal(log.tool, 'iperf3');
    assert.equal(log.unknownLines, 0);
    assert.equal(log.tests.length, 2);
    const [a, b] = log.tests;
    assert.equal(a.direction, 'forward');
    assert.deepEqual(a.streams[0].intervals.map((iv) => [iv.bytes, iv.retransmits, iv.cwnd]), [[2.5 * M, 0, 273 * 1024], [Math.round(2.38 * M), 1, 250 * 1024]]);
    assert.equal(a.streams[0].connectLine, 1);
    assert.equal(b.direction, 'reverse');
    assert.equal(b.streams[0].role, 'receiver');
    assert.equal(b.streams[0].local?.port, 40010);
  });

  it('reads a server log of several tests, with an error between', () => {
    const log = parseFixture('iperf3-server-two-tests.txt');
    assert.equal(log.unknownLines, 0);
    assert.equal(log.tests.length, 3);
    assert.deepEqual(log.tests.map((t) => [t.side, t.protocol, t.direction]), [['server', 'tcp', 'forward'], ['server', 'tcp', 'forward'], ['server', 'udp', 'reverse']]);
    assert.equal(log.tests[0].streams[0].totals?.side, 'receiver');
    assert.equal(log.tests[1].streams[0].totals, undefined);
    assert.deepEqual(log.messages.map((m) => [m.level, m.line]), [['error', 15]]);
    assert.equal(log.tests[2].streams[0].intervals[0].packets, 91);
  });

  it('reads the shared UDP client: datagrams per interval, jitter and loss in the summaries', () => {
    const text = [
      'Connecting to host 10.0.0.2, port 5201',
      '[  5] local 10.0.0.1 port 40000 connected to 10.0.0.2 port 5201',
      '[ ID] Interval           Transfer     Bitrate         Total Datagrams',
      '[  5]   0.00-1.00   sec   129 KBytes  1.06 Mbits/sec  91  ',
      '- - - - - - - - - - - - - - - - - - - - - - - - -',
      '[ ID] Interval           Transfer     Bitrate         Jitter    Lost/Total Datagrams',
      '[  5]   0.00-1.00   sec   129 KBytes  1.06 Mbits/sec  0.000 ms  0/91 (0%)  sender',
      '[  5]   0.00-1.00   sec   128 KBytes  1.05 Mbits/sec  0.031 ms  1/91 (1.1%)  receiver',
      '',
      'iperf Done.',
      '',
    ].join('\n');
    const s = parseIperfLog(text).tests[0].streams[0];
    assert.equal(s.protocol, 'udp');
    assert.equal(s.intervals[0].packets, 91);
    assert.equal(s.totals?.side, 'sender');
    const r = s.summaries.find((x) => x.side === 'receiver');
    assert.deepEqual([r?.jitter, r?.lost, r?.packets], [0.031, 1, 91]);
  });

  it('keeps unknown lines and counts them', () => {
    const text = 'Connecting to host 10.0.0.2, port 5201\nsomething else entirely\n[  5] local 10.0.0.1 port 1 connected to 10.0.0.2 port 5201\n';
    const log = parseIperfLog(text);
    assert.equal(log.unknownLines, 1);
    assert.deepEqual(log.unknown, [{ line: 1, text: 'something else entirely' }]);
  });
});

describe('iperf3 JSON', () => {
  it('reads --json-stream events', () => {
    const log = parseFixture('iperf3-json-stream.txt');
    assert.deepEqual([log.tool, log.format, log.version], ['iperf3', 'json', 'iperf 3.17']);
    const s = log.tests[0].streams[0];
    assert.equal(s.connectLine, 0);
    assert.deepEqual(s.intervals.map((iv) => [iv.bytes, iv.retransmits, iv.cwnd, iv.rtt]), [[2621440, 0, 279552, 312], [2490368, 1, 256000, 298]]);
    assert.equal(s.totals?.bytes, 5111808);
    assert.equal(log.tests[0].sum?.totals?.bitsPerSecond, 20447232);
    assert.equal(log.tests[0].sum?.intervals.length, 2);
  });

  it('reads several -J objects in one file, UDP end.streams[].udp, and the error member', () => {
    const log = parseFixture('iperf3-udp-two-tests.json');
    assert.equal(log.tests.length, 2);
    const t = log.tests[0];
    assert.deepEqual([t.protocol, t.side, t.direction], ['udp', 'server', 'forward']);
    const s = t.streams[0];
    assert.equal(s.role, 'receiver');
    assert.deepEqual([s.totals?.side, s.totals?.jitter, s.totals?.lost, s.totals?.packets], ['receiver', 0.021, 1, 92]);
    assert.equal(t.sum?.totals?.packets, 92);
    assert.deepEqual(log.messages, [{ level: 'error', line: 80, text: 'the client has unexpectedly closed the connection' }]);
  });
});
