// Issue 13's iperf reproducers, each on a public log (or a byte-exact re-encoding of a real one):
// test/fixtures/public-iperf/README.md says where every file came from.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { IperfLog, parseIperfLog, toIperfCliJson } from '../../../src/core/iperf';
import { fixturesDir } from '../../helpers/paths';

const dir = path.join(fixturesDir, 'public-iperf');
const read = (name: string): string => fs.readFileSync(path.join(dir, name), 'utf8');
const parse = (name: string): IperfLog => parseIperfLog(read(name), name);
const readerWarnings = (log: IperfLog): string[] => log.messages.filter((m) => m.source === 'reader').map((m) => m.text);

const K = 1024;
const M = 1024 ** 2;
const G = 1024 ** 3;

describe('iperf 2 CSV UDP client (2.0.5 -y C -u): the swapped-ends record is the same run\'s server report', () => {
  it('one UDP test, one stream, its own total and the server\'s report', () => {
    const log = parse('csv-udp-client-iperf205.csv');
    assert.equal(log.format, 'csv');
    assert.equal(log.tests.length, 1);
    const t = log.tests[0];
    assert.deepEqual([t.protocol, t.side], ['udp', 'client']);
    assert.equal(t.streams.length, 1);
    const s = t.streams[0];
    assert.deepEqual([s.local, s.remote], [{ ip: '192.168.1.103', port: 52137 }, { ip: '192.168.1.102', port: 5001 }]);
    assert.equal(s.totals?.side, 'sender');
    assert.equal(s.totals?.bytes, 512928);
    const report = s.summaries.find((x) => x.side === 'receiver');
    assert.deepEqual([report?.jitter, report?.lost, report?.packets], [0.305, 0, 411]);
  });
});

describe('iperf3 --get-server-output: the "Server output:" block is the same test, not another', () => {
  it('two UDP runs read as two tests, each with the server\'s report attached', () => {
    const log = parse('tinyportmapper-iperf3-udp-get-server-output.txt');
    assert.equal(log.tool, 'iperf3');
    assert.equal(log.unknownLines, 0);
    assert.equal(log.tests.length, 2);
    const [a, b] = log.tests;
    assert.deepEqual([a.side, a.protocol, a.streams.length], ['client', 'udp', 1]);
    assert.equal(a.streams[0].local?.port, 38435);
    assert.equal(a.streams[0].totals?.bytes, Math.round(11.6 * G));
    assert.equal(a.serverOutput?.side, 'server');
    assert.equal(a.serverOutput?.streams[0].remote?.port, 43075);
    assert.equal(a.serverOutput?.streams[0].totals?.bytes, Math.round(9.21 * G));
    assert.equal(a.serverOutput?.streams[0].intervals.length, 11);
    assert.equal(b.streams[0].local?.port, 60822);
    assert.equal(b.serverOutput?.streams[0].totals?.lost, 45043);
    const cli = toIperfCliJson(log);
    assert.equal(cli.tests.length, 2);
    assert.equal(cli.tests[1].serverOutput?.streams[0].bytes, 536 * M);
  });
});

describe('iperf 2.0.10-2.2 -e logs are iperf 2, whatever their row shape (two-decimal intervals)', () => {
  it('TCP client: retransmits, cwnd and RTT kept', () => {
    const log = parse('iperf2-man-e-tcp-client.txt');
    assert.deepEqual([log.tool, log.unknownLines], ['iperf2', 0]);
    const s = log.tests[0].streams[0];
    assert.equal(s.intervals.length, 11);
    assert.deepEqual(s.intervals.map((iv) => iv.retransmits), [73, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual([s.intervals[0].cwnd, s.intervals[0].rtt], [1566 * K, 13336]);
    assert.deepEqual([s.totals?.retransmits, s.totals?.end, s.totals?.bitsPerSecond], [74, 10.78, 941e6]);
  });

  it('TCP server (2.0.14 man page example)', () => {
    const log = parse('iperf2-man-e-tcp-server.txt');
    assert.deepEqual([log.tool, log.tests[0].side], ['iperf2', 'server']);
    assert.equal(log.tests[0].streams[0].totals?.bytes, Math.round(1.25 * G));
  });

  it('UDP client: the server report is the receiver\'s summary, not the total', () => {
    for (const name of ['iperf2-man-e-udp-client.txt', 'mininet-iperf2012-e-udp-client.txt']) {
      const log = parse(name);
      assert.equal(log.tool, 'iperf2', name);
      const s = log.tests[0].streams[0];
      assert.equal(s.totals?.side, 'sender', name);
      assert.equal(s.totals?.jitter, undefined, name);
      assert.ok(s.summaries.some((x) => x.side === 'receiver' && x.jitter !== undefined), name);
    }
    const s = parse('iperf2-man-e-udp-client.txt').tests[0].streams[0];
    assert.equal(s.totals?.packets, 8504);
    assert.equal(s.summaries.find((x) => x.side === 'receiver')?.jitter, 0.047);
  });

  it('UDP servers (2.0.12 isochronous, 2.0.14)', () => {
    const a = parse('mininet-iperf2012-e-udp-server.txt');
    assert.deepEqual([a.tool, a.unknownLines, a.tests[0].side, a.tests[0].protocol], ['iperf2', 0, 'server', 'udp']);
    assert.equal(a.tests[0].streams[0].intervals.length, 25);
    assert.deepEqual([a.tests[0].streams[0].totals?.packets, a.tests[0].streams[0].totals?.jitter], [426, 0.09]);
    const b = parse('iperf2-man-e-udp-server.txt');
    assert.equal(b.tool, 'iperf2');
    assert.equal(b.tests[0].streams[0].totals?.lost, 592717);
  });

  it('the 2.0.5 form of the same experiment still reads', () => {
    const log = parse('mininet-iperf205-udp-server.txt');
    assert.deepEqual([log.tool, log.unknownLines, log.tests[0].streams[0].intervals.length], ['iperf2', 0, 25]);
    assert.equal(parse('mininet-iperf205-udp-client.txt').tests[0].streams[0].totals?.bytes, 501 * K);
  });
});

describe('-J with terminal bytes before the "{"', () => {
  for (const [name, junk] of [['junk-ctrl-c-iperf312-json.txt', '^C'], ['junk-esc-f-iperf312-json.txt', '\\x1b[F']]) {
    it(`${name}: read, with a warning that quotes the skipped bytes escaped`, () => {
      const log = parse(name);
      const clean = parseIperfLog(fs.readFileSync(path.join(fixturesDir, 'iperf3-tcp8-json', 'client.out'), 'utf8'));
      assert.equal(log.format, 'json');
      assert.deepEqual(toIperfCliJson(log), toIperfCliJson(clean));
      const w = readerWarnings(log);
      assert.equal(w.length, 1);
      assert.ok(w[0].includes(`"${junk}"`), w[0]);
      // eslint-disable-next-line no-control-regex -- no raw control character may remain
      assert.ok(!/[\x00-\x1f]/.test(w[0]), 'no raw control character in the warning');
    });
  }
});

describe('-J after any short run of terminal bytes (the ESC [ F file with the escape written other ways)', () => {
  const clean = fs.readFileSync(path.join(fixturesDir, 'iperf3-tcp8-json', 'client.out'), 'utf8');
  const plain = toIperfCliJson(parseIperfLog(clean));
  // the End key as a terminal echoes it: CSI F, SS3 F (application mode), with modifiers; copied as ^[; its ESC lost
  for (const junk of ['\x1b[F', '\x1bOF', '\x1b[1;5F', '^[[F', '^[OF', '[F', '\x1b(B\x1b[m', '\u241b[F', '\x1b[F\x1b[K\r']) {
    it(JSON.stringify(junk), () => {
      const log = parseIperfLog(junk + clean, 'junk.json');
      assert.equal(log.format, 'json');
      assert.deepEqual(toIperfCliJson(log), plain);
      const w = readerWarnings(log);
      assert.equal(w.length, 1);
      assert.match(w[0], new RegExp(`^${junk.length} characters? of terminal output before the JSON skipped`));
      // eslint-disable-next-line no-control-regex -- no raw control character may remain
      assert.ok(!/[\x00-\x1f]/.test(w[0]), w[0]);
    });
  }
  it('a longer run of text before the "{" on its line is not taken for terminal bytes', () => {
    const log = parseIperfLog(`some words typed at the prompt ${clean}`, 'prose.json');
    assert.notEqual(log.format, 'json');
  });
});

describe('iperf3 3.7 UDP server -J with a zero end block', () => {
  it('totals are the intervals added up, marked, with a warning', () => {
    const log = parse('zero-end-iperf37-udp-server.json');
    const t = log.tests[0];
    assert.deepEqual([t.side, t.protocol, t.streams.length], ['server', 'udp', 4]);
    for (const s of t.streams) {
      assert.equal(s.totals?.bytes, 3452 * 1448);
      assert.equal(s.totals?.fromIntervals, true);
      assert.equal(s.totals?.packets, 3452, 'the end block\'s own counts are kept');
    }
    assert.equal(t.sum?.totals?.bytes, 13808 * 1448);
    const cli = toIperfCliJson(log);
    assert.equal(cli.tests[0].sum.totalsFrom, 'intervals');
    assert.equal(cli.tests[0].streams[0].totalsFrom, 'intervals');
    assert.equal(readerWarnings(log).filter((w) => /0 bytes/.test(w)).length, 1);
  });

  it('public: iperf 3.9 UDP server -J inside a --get-server-output client -J: interval sum = the client\'s sum_received', () => {
    const log = parse('masquerade-iperf3171-udp-get-server-output-iperf39-server.json');
    assert.deepEqual([log.tests.length, log.version], [1, 'iperf 3.17.1']);
    const t = log.tests[0];
    assert.deepEqual([t.side, t.protocol, t.streams[0].totals?.bytes], ['client', 'udp', 18750152]);
    const so = t.serverOutput;
    assert.deepEqual([so?.side, so?.streams[0].local?.port, so?.streams[0].intervals.length], ['server', 7070, 17]);
    // the server's end block says 0; its 16 non-omitted intervals add up to what the client reports as received
    assert.equal(so?.streams[0].totals?.bytes, 18802280);
    assert.equal(so?.streams[0].totals?.fromIntervals, true);
    assert.equal(so?.sum?.totals?.bytes, 18802280);
    assert.equal(t.streams[0].summaries.length, 1);
    assert.equal(toIperfCliJson(log).tests[0].serverOutput?.sum.totalsFrom, 'intervals');
    assert.equal(readerWarnings(log).length, 1);
  });

  it('a normal end block is left alone', () => {
    const log = parseIperfLog(fs.readFileSync(path.join(fixturesDir, 'iperf3-tcp8-json', 'server.out'), 'utf8'));
    assert.ok(log.tests[0].streams.every((s) => s.totals?.fromIntervals === undefined));
    assert.equal(readerWarnings(log).length, 0);
  });
});

describe('-T/--title prefixes', () => {
  it('"200:  " stripped: the log reads as without it', () => {
    const log = parse('title-200-iperf312-client.txt');
    const plain = parseIperfLog(fs.readFileSync(path.join(fixturesDir, 'txqueues', 'logs', 'N8_t1.txt'), 'utf8'));
    assert.deepEqual([log.tool, log.unknownLines, log.tests.length, log.tests[0].title], ['iperf3', 0, 1, '200']);
    assert.deepEqual(toIperfCliJson(log).tests[0].streams, toIperfCliJson(plain).tests[0].streams);
  });

  it('two titled runs interleaved in one terminal: one test per title', () => {
    const log = parse('title-two-runs-interleaved-iperf312.txt');
    assert.deepEqual([log.unknownLines, log.tests.map((t) => t.title)], [0, ['5201', '5202']]);
    for (const t of log.tests) {
      assert.equal(t.streams.length, 8);
      assert.equal(t.sum?.totals?.bytes, 20 * M);
    }
  });
});

describe('iperf 2 -s and -c output interleaved in one shell', () => {
  const log = parse('pdp2024-iperf219-server-and-client-one-shell.txt');
  it('tests separated by end: ten runs, each once from the server and once from the client', () => {
    assert.equal(log.tool, 'iperf2');
    assert.equal(log.tests.length, 20);
    assert.equal(log.tests.filter((t) => t.side === 'server').length, 10);
    assert.equal(log.tests.filter((t) => t.side === 'client').length, 10);
    for (const t of log.tests) {
      assert.equal(t.streams.length, 1);
      assert.equal(t.streams[0].role, t.side === 'server' ? 'receiver' : 'sender');
    }
  });

  it('the 41.5 Gbit/s run is 41.5 Gbit/s from both ends, not 83', () => {
    const run = log.tests.filter((t) => t.streams[0].local?.port === 37872 || t.streams[0].remote?.port === 37872);
    assert.deepEqual(run.map((t) => [t.side, toIperfCliJson({ ...log, tests: [t] }).tests[0].sum.bitsPerSecond]), [['client', 41.5e9], ['server', 41.5e9]]);
  });

  it('the client log echoed again by the script is counted once, with a warning', () => {
    assert.equal(readerWarnings(log).filter((w) => /repeats/.test(w)).length, 10);
    assert.ok(readerWarnings(log).some((w) => /interleaved/.test(w)));
  });

  it('a prose last line without its newline is not "cut short"', () => {
    const cut = parseIperfLog(read('pdp2024-iperf219-server-and-client-one-shell.txt').trimEnd());
    assert.equal(cut.truncated, false);
    assert.equal(cut.unknownLines, log.unknownLines);
  });
});

describe('ts (moreutils) stamped iperf 2 lines', () => {
  it('read as the unstamped log', () => {
    const log = parse('ts-iperf218-tcp8-client.txt');
    const plain = parseIperfLog(fs.readFileSync(path.join(fixturesDir, 'iperf2-tcp8-text', 'client.out'), 'utf8'));
    assert.deepEqual([log.tool, log.unknownLines, log.tests.length], ['iperf2', 0, 1]);
    assert.deepEqual(toIperfCliJson(log), toIperfCliJson(plain));
  });
});

describe('--bidir: both directions\' sums and each stream\'s direction', () => {
  it('--json-stream TCP: TX and RX streams, sum and reverse sum', () => {
    const log = parse('omnt-iperf3-bidir-tcp-json-stream.jsonl');
    const t = log.tests[0];
    assert.equal(t.direction, 'bidir');
    assert.deepEqual(t.streams.map((s) => [s.id, s.bidirRole]), [[5, 'TX'], [7, 'RX']]);
    const cli = toIperfCliJson(log).tests[0];
    assert.deepEqual(cli.streams.map((s) => s.direction), ['TX', 'RX']);
    // each interval's sum says `"sender": true` (sent by this host), sum_bidir_reverse `false`
    assert.equal(cli.sumSent?.bytes, 3935043584);
    assert.equal(cli.sumReceived?.bytes, 3690070016);
    assert.equal(cli.sum.bytes, 3935043584 + 3690070016, 'the sum covers both directions');
  });

  it('--json-stream UDP: protocol from the rows, jitter on the received stream', () => {
    const t = parse('omnt-iperf3-bidir-udp-json-stream.jsonl').tests[0];
    assert.deepEqual([t.protocol, t.direction], ['udp', 'bidir']);
    assert.equal(t.streams[1].intervals[0].jitter, 0.021732455059885976);
    assert.equal(t.reverseSum?.intervals[0].bytes, 135168);
  });

  it('text --bidir: the TX/RX tags give each stream\'s direction and the CLI shows both sums', () => {
    const log = parseIperfLog(fs.readFileSync(path.join(fixturesDir, 'iperf', 'iperf3-bidir-client.txt'), 'utf8'));
    const cli = toIperfCliJson(log).tests[0];
    assert.deepEqual(cli.streams.map((s) => s.direction), ['TX', 'TX', 'RX', 'RX']);
    assert.equal(cli.sumSent?.bytes, 112 * M);
    assert.equal(cli.sumReceived?.bytes, 110 * M);
    assert.equal(cli.sum.bytes, 222 * M);
  });
});

describe('--bidir on real iperf 3.12 runs (-J and text, client and server: iperf3-bidir/)', () => {
  const real = (name: string): IperfLog => parseIperfLog(fs.readFileSync(path.join(fixturesDir, 'iperf3-bidir', name), 'utf8'), name);
  const end = (name: string): Record<string, { bytes: number; bits_per_second: number }> =>
    JSON.parse(fs.readFileSync(path.join(fixturesDir, 'iperf3-bidir', name), 'utf8')).end;

  it('-J client: sumSent is sum_sent, sumReceived the reverse direction, sum both; each equals its streams', () => {
    const cli = toIperfCliJson(real('client.json')).tests[0];
    const e = end('client.json');
    assert.deepEqual(cli.sumSent, { bytes: e.sum_sent.bytes, bitsPerSecond: e.sum_sent.bits_per_second });
    assert.deepEqual(cli.sumReceived, { bytes: e.sum_sent_bidir_reverse.bytes, bitsPerSecond: e.sum_sent_bidir_reverse.bits_per_second });
    assert.equal(cli.sum.bytes, e.sum_sent.bytes + e.sum_sent_bidir_reverse.bytes);
    for (const [dir, s] of [['TX', cli.sumSent], ['RX', cli.sumReceived]] as const) {
      assert.equal(cli.streams.filter((x) => x.direction === dir).reduce((a, x) => a + x.bytes, 0), s?.bytes, dir);
    }
  });

  it('-J server: its first sum is what it received (sender false), so the two swap', () => {
    const cli = toIperfCliJson(real('server.json')).tests[0];
    const e = end('server.json');
    assert.equal(cli.sumReceived?.bytes, e.sum_received.bytes);
    assert.equal(cli.sumSent?.bytes, e.sum_sent_bidir_reverse.bytes);
    assert.equal(cli.sum.bytes, e.sum_received.bytes + e.sum_sent_bidir_reverse.bytes);
  });

  it('text and -J give the same shape: TX and RX sums, each its streams added up, and both', () => {
    for (const name of ['client.json', 'client.out', 'server.json', 'server.out']) {
      const cli = toIperfCliJson(real(name)).tests[0];
      assert.ok(cli.sumSent && cli.sumReceived, name);
      assert.equal(cli.sum.bytes, cli.sumSent.bytes + cli.sumReceived.bytes, name);
      assert.equal(cli.streams.filter((x) => x.direction === 'TX').length, 2, name);
      assert.equal(cli.streams.filter((x) => x.direction === 'RX').length, 2, name);
    }
    // the text's [SUM][TX-C] / [SUM][RX-C] sender rows: 326 and 328 MBytes
    const text = toIperfCliJson(real('client.out')).tests[0];
    assert.deepEqual([text.sumSent?.bytes, text.sumReceived?.bytes], [Math.round(326 * M), Math.round(328 * M)]);
  });
});

describe('grepped summary rows of several runs', () => {
  it('read as several runs', () => {
    const log = parse('grep-sender-three-runs-iperf312.txt');
    assert.equal(log.tests.length, 3);
    assert.deepEqual(log.tests.map((t) => t.streams.length), [8, 8, 8]);
    assert.deepEqual(log.tests.map((t) => t.startLine), [0, 9, 18]);
    assert.ok(log.tests.every((t) => t.sum?.totals?.side === 'sender'));
  });

  it('iperf 2: the client rows grepped out of the one-shell log read as one run each', () => {
    // grep -E '^\[  1\] 0\.00-10\.[0-9]+ sec .*Gbits/sec$' (the clients' rows, each printed twice by the script)
    const rows = read('pdp2024-iperf219-server-and-client-one-shell.txt').split('\n').filter((l) => /^\[ {2}1\] 0\.00-10\.\d+ sec .*Gbits\/sec$/.test(l));
    assert.equal(rows.length, 20);
    const log = parseIperfLog(`${rows.join('\n')}\n`);
    assert.equal(log.tool, 'iperf2');
    assert.equal(log.tests.length, 20);
    assert.ok(log.tests.every((t) => t.streams.length === 1 && t.streams[0].intervals.length === 0 && t.streams[0].totals !== undefined));
  });
});
