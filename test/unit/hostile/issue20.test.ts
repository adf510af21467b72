// Issue 20: small files that cost gigabytes or quadratic time, counters that disagree, links out of a sweep folder,
// devices on the CLI. Each test states its bound (bytes held, lines scanned, entries kept) in its name; none times
// anything. Inputs are generated in a temp folder.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { analyseCaptures } from '../../../src/core/flows';
import { MAX_PENDING_FRAGMENTS, MAX_PENDING_PER_GROUP } from '../../../src/core/capture/fragments';
import { MAX_FILE_INTERFACES, MAX_SECTION_INTERFACES } from '../../../src/core/capture/pcapng';
import { counterDelta, CounterFormatError, detectCounterFormat, readCounters } from '../../../src/core/counters';
import { MAX_QUEUE_INDEX } from '../../../src/core/counters/model';
import { toCsv } from '../../../src/core/export/csv';
import { maxOf, minOf } from '../../../src/core/analysis/stats/extremes';
import { busyQueueCount, imbalance } from '../../../src/core/counters/imbalance';
import { sysfsQueueCounts } from '../../../src/core/counters/sysfs';
import { findRunCounters, readCounterFiles } from '../../../src/core/analysis/observed/counterFiles';
import { MAX_OBSERVED_STREAMS, observeRun } from '../../../src/core/analysis/observed/observeRun';
import { loadSweepFolder } from '../../../src/core/analysis/sweep/sweepLoader';
import { INPUT_CAPS } from '../../../src/core/runs/inputFiles';
import { captureWireBytes, MAX_WIRE_FLOWS } from '../../../src/core/analysis/observed/wireBytes';
import { writeManyFlowsPcap } from '../../fuzz/bombs';
import { nestedIpInIp, pcapOf, sectionFlood, writeFragmentBomb, writeNewlines } from '../../fuzz/bombs20';
import { fixturesDir } from '../../helpers/paths';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-hostile-20-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));
const cliMain = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');
const RUN = path.join(fixturesDir, 'measured-queues', 'q5-k8-t1');

function write(name: string, text: string | Buffer): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

/** Asserts `f` throws a CounterFormatError naming `file` and `line`, with a reason matching `re`. */
function refuses(f: () => unknown, file: string, line: number, re: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof CounterFormatError, String(e));
    assert.equal(e.file, file);
    assert.equal(e.line, line, e.message);
    assert.match(e.reason, re);
    return true;
  });
}

describe('issue 20: counter files that cost memory or quadratic time', () => {
  it(`a 76-byte ethtool file naming queue 100 000 000 is refused above queue ${MAX_QUEUE_INDEX}, allocating nothing per queue`, () => {
    const text = 'NIC statistics:\n     tx_queue_100000000_bytes: 5\n     tx_queue_0_bytes: 7\n';
    refuses(() => readCounters(text, 'big.txt'), 'big.txt', 2, /queue 100000000 is beyond the 4096 queues/);
  });

  it('qstats and tc naming queue 2^40 are refused the same way (no dense array of 2^40 entries)', () => {
    const q = `[{'ifindex': 2, 'queue-id': ${2 ** 40}, 'queue-type': 'tx', 'tx-bytes': 1, 'tx-packets': 1}]`;
    assert.throws(() => readCounters(q, 'q.txt'), /queue 1099511627776 is beyond/);
    const tc = 'qdisc mq 0: root\n Sent 1 bytes 1 pkt\nqdisc fq_codel 0: parent :ffffff\n Sent 1 bytes 1 pkt (dropped 0)\n';
    assert.throws(() => readCounters(tc, 'tc.txt'), /queue 16777214 is beyond/);
  });

  it('a 512 KiB ethtool line is read in one linear pass: refused as a value, or skipped as an unknown line', () => {
    const long = `${'a: '.repeat(512 * 1024 / 3)}x`;
    const snap = readCounters(`NIC statistics:\n${long}\n     tx_queue_0_bytes: 9\n`, 'long.txt');
    assert.equal(snap.tx[0].bytes, 9);
    assert.match(snap.warnings.join('\n'), /1 line not of the form "name: value"/);
  });

  it('64 KiB of newlines before a counter line: format detection scans each line once (no \\s across lines)', () => {
    assert.equal(detectCounterFormat(`${'\n'.repeat(64 * 1024)}     tx_queue_0_bytes: 9\n`), undefined, 'past the 64 KiB head');
    assert.equal(detectCounterFormat(`${'\n'.repeat(60 * 1024)}     tx_queue_0_bytes: 9\n`), 'ethtool');
    assert.equal(detectCounterFormat(' \n'.repeat(30 * 1024)), undefined);
  });

  it('16 MiB of newlines (the counters cap): "unknown format" names the first non-blank line without splitting into 16 M strings', () => {
    const text = `${'\n'.repeat(16 * 2 ** 20 - 8)}junk\n`;
    refuses(() => readCounters(text, 'nl.txt'), 'nl.txt', 16 * 2 ** 20 - 8 + 1, /unknown counter format/);
  });

  it('40 000 qstats entries on one line and on 40 000 lines: every entry read, line numbers counted in one pass', () => {
    const entry = (q: number): string => `{'ifindex': 2, 'queue-id': ${q}, 'queue-type': 'tx', 'tx-bytes': ${q}, 'tx-packets': 1}`;
    // queue ids repeat past the queue cap: a second entry of a queue is an error naming its line
    const entries = Array.from({ length: 40000 }, (_, i) => entry(i % 4096));
    refuses(() => readCounters(`[${entries.join(',\n')}]`, 'q.txt'), 'q.txt', 4097, /a second tx entry for queue 0/);
    refuses(() => readCounters(`[${entries.join(', ')}]`, 'q1.txt'), 'q1.txt', 1, /a second tx entry for queue 0/);
    assert.equal(readCounters(`[${entries.slice(0, 4096).join(',\n')}]`, 'q2.txt').tx.length, 4096);
  });

  it(`a ${INPUT_CAPS.counters / 2 ** 20 + 1} MiB qdisc-after.txt beside a run is refused by the counters cap (${INPUT_CAPS.counters / 2 ** 20} MiB), naming it`, () => {
    const run = path.join(dir, 'big-run');
    fs.mkdirSync(run);
    const after = path.join(run, 'qdisc-after.txt');
    writeNewlines(after, INPUT_CAPS.counters + 2 ** 20);
    assert.throws(() => findRunCounters(run, ''), (e: unknown) => e instanceof Error && e.message.startsWith(`${after}: it is 17.0 MiB; a counter snapshot is at most 16.0 MiB`));
  });
});

describe('issue 20: counters that disagree are errors naming the file and line', () => {
  it('a duplicate queue line', () => {
    refuses(() => readCounters('NIC statistics:\n     tx_queue_0_bytes: 5\n     tx_queue_1_bytes: 5\n     tx_queue_0_bytes: 6\n', 'd.txt'), 'd.txt', 4, /tx_queue_0_bytes again \(first on line 2\)/);
  });

  it('two dumps in one file', () => {
    const one = 'NIC statistics:\n     tx_queue_0_bytes: 5\n';
    refuses(() => readCounters(one + one, 'two.txt'), 'two.txt', 3, /a second "NIC statistics:" header \(the first is on line 1\)/);
  });

  it('two namings of the queues in one file (two drivers)', () => {
    refuses(() => readCounters('NIC statistics:\n     tx_queue_0_bytes: 5\n     tx1_bytes: 5\n', 'm.txt'), 'm.txt', 3, /named two ways/);
  });

  it('negative values and values beyond 2^53', () => {
    refuses(() => readCounters('NIC statistics:\n     tx_queue_0_bytes: -5\n', 'n.txt'), 'n.txt', 2, /is -5: a counter is a non-negative integer/);
    refuses(() => readCounters('NIC statistics:\n     tx_queue_0_bytes: 9007199254740993\n', 'b.txt'), 'b.txt', 2, /beyond 2\^53/);
    refuses(() => readCounters('qdisc mq 0: root\n Sent 1 bytes 1 pkt\nqdisc fq_codel 0: parent :1\n Sent 99999999999999999999 bytes 1 pkt (dropped 0)\n', 't.txt'), 't.txt', 4, /beyond 2\^53/);
    assert.throws(() => readCounters("[{'ifindex': 2, 'queue-id': 0, 'queue-type': 'tx', 'tx-bytes': -1, 'tx-packets': 1}]", 'q.txt'), /q\.txt:1: tx-bytes is -1/);
  });

  it('before and after from two drivers, and from a re-created root qdisc', () => {
    const a = { snap: readCounters('NIC statistics:\n     tx_queue_0_bytes: 5\n', 'a.txt'), file: 'a.txt' };
    const b = { snap: readCounters('NIC statistics:\n     tx0_bytes: 9\n', 'b.txt'), file: 'b.txt' };
    assert.throws(() => counterDelta(a, b), /b\.txt:2: counters named "txN_bytes" here but "tx_queue_N_bytes" in a\.txt: snapshots of two drivers/);
    const tc = (root: string): string => `qdisc mq ${root}: root\n Sent 1 bytes 1 pkt\nqdisc fq_codel 0: parent ${root}:1\n Sent 5 bytes 1 pkt (dropped 0)\n`;
    const before = { snap: readCounters(tc('1'), 'before.txt'), file: 'before.txt' };
    const later = { snap: readCounters(tc('2'), 'after.txt'), file: 'after.txt' };
    assert.throws(() => counterDelta(before, later), /after\.txt:3: .*the root qdisc or class changed between the snapshots/);
  });

  it('the real dumps of eight drivers still read (no false duplicate)', () => {
    for (const f of fs.readdirSync(path.join(fixturesDir, 'ethtool-stats')).filter((n) => n.endsWith('.txt'))) {
      try {
        readCounters(fs.readFileSync(path.join(fixturesDir, 'ethtool-stats', f), 'utf8'), f);
      } catch (e) {
        assert.ok(!(e instanceof CounterFormatError) || e.line === 0, `${f}: ${String(e)}`);
      }
    }
    assert.ok(readCounterFiles({ after: path.join(RUN, 'qdisc-after.txt'), before: path.join(RUN, 'qdisc-before.txt') }).delta.tx.length > 0);
  });
});

describe('issue 20: captures', () => {
  it(`the fragment bomb (300 000 later fragments of one datagram, .pcap.gz): at most ${MAX_PENDING_PER_GROUP} held, the rest named as never completed`, async () => {
    const raw = path.join(dir, 'frag.pcap');
    writeFragmentBomb(raw, 300_000);
    const gz = write('frag.pcap.gz', zlib.gzipSync(fs.readFileSync(raw), { level: 9 }));
    fs.rmSync(raw);
    const r = await analyseCaptures([gz]);
    assert.equal(r.packets, 300_000);
    assert.equal(r.flows.length, 0);
    const w = r.warnings.join('\n');
    assert.match(w, new RegExp(`${300_000 - MAX_PENDING_PER_GROUP} IP fragments beyond ${MAX_PENDING_PER_GROUP} per datagram or ${MAX_PENDING_FRAGMENTS} in all were not held`));
    assert.match(w, /300000 IP fragments \(12600000 bytes\) of datagrams never completed/);
  });

  it(`pcapng: ${Math.ceil((MAX_FILE_INTERFACES + 1) / 1000)} sections of 1 000 interfaces pass the per-section cap (${MAX_SECTION_INTERFACES}) but stop at ${MAX_FILE_INTERFACES} in the file`, async () => {
    const sections = Math.ceil((MAX_FILE_INTERFACES + 1) / 1000);
    const file = write('sections.pcapng.gz', zlib.gzipSync(sectionFlood(sections, 1000), { level: 1 }));
    const r = await analyseCaptures([file]);
    assert.equal(r.packets, Math.floor(MAX_FILE_INTERFACES / 1000), 'the packets of every whole section before the cap');
    assert.match(r.warnings.join('\n'), new RegExp(`more than ${MAX_FILE_INTERFACES} interfaces in the file's ${sections} sections together`));
  });

  it('five nested IP-in-IP headers: the packet is counted and named in a warning, not dropped silently', async () => {
    const file = write('deep.pcap', pcapOf([nestedIpInIp(6), nestedIpInIp(2)]));
    const r = await analyseCaptures([file]);
    assert.equal(r.packets, 2);
    assert.match(r.warnings.join('\n'), /1 packet with IP-in-IP or GRE tunnels nested more than 4 deep: counted in the totals, in no flow/);
  });
});

describe('issue 20: observed bounds', () => {
  it(`a log of ${MAX_OBSERVED_STREAMS + 1} streams is refused before matching (stream cap ${MAX_OBSERVED_STREAMS})`, async () => {
    const run = path.join(dir, 'many-streams');
    fs.mkdirSync(run);
    fs.copyFileSync(path.join(RUN, 'qdisc-after.txt'), path.join(run, 'qdisc-after.txt'));
    fs.copyFileSync(path.join(RUN, 'qdisc-before.txt'), path.join(run, 'qdisc-before.txt'));
    const n = MAX_OBSERVED_STREAMS + 1;
    const lines = ['Connecting to host 10.0.0.2, port 5201'];
    for (let i = 0; i < n; i++) lines.push(`[${i + 5}] local 10.0.0.1 port ${40000 + i} connected to 10.0.0.2 port 5201`);
    lines.push('[ ID] Interval           Transfer     Bitrate         Retr');
    for (let i = 0; i < n; i++) lines.push(`[${i + 5}]   0.00-1.00   sec  1.00 MBytes  8.39 Mbits/sec    0             sender`);
    for (let i = 0; i < n; i++) lines.push(`[${i + 5}]   0.00-1.00   sec  1.00 MBytes  8.39 Mbits/sec                  receiver`);
    const log = write('many-streams/client.log', `${lines.join('\n')}\n`);
    await assert.rejects(observeRun({ log }, run), new RegExp(`${n} streams in one test; streams are matched to queues for at most ${MAX_OBSERVED_STREAMS}`));
  });
});

describe('issue 20: wire bytes per flow', () => {
  it(`70 000 one-packet flows: wire sums kept for ${MAX_WIRE_FLOWS} flows, the rest counted as other traffic with a warning`, async () => {
    const file = path.join(dir, 'flows.pcap');
    const packets = writeManyFlowsPcap(file, 70_000);
    const w = await captureWireBytes(file);
    assert.equal(w.flows.size, MAX_WIRE_FLOWS);
    assert.equal(w.otherFrames, packets - MAX_WIRE_FLOWS);
    assert.equal(w.otherBytes, (packets - MAX_WIRE_FLOWS) * 42);
    assert.match(w.warnings.join('\n'), new RegExp(`${packets - MAX_WIRE_FLOWS} frames of flows beyond the first ${MAX_WIRE_FLOWS} counted as other traffic`));
    let frames = 0;
    for (const f of w.flows.values()) frames += f.frames;
    assert.equal(frames, MAX_WIRE_FLOWS);
  });
});

describe('issue 20: confinement', () => {
  it('tc/ and counters/ links out of a sweep run folder are not followed: the outside file is never read or quoted', () => {
    const outside = path.join(dir, 'outside');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'qdisc-after.txt'), 'SECRET-OUTSIDE-TEXT\n');
    const sweep = path.join(dir, 'sweep');
    const run = path.join(sweep, 'q5-t1');
    fs.mkdirSync(run, { recursive: true });
    fs.copyFileSync(path.join(RUN, fs.readdirSync(RUN).find((n) => /\.(log|json|out)$/.test(n) && n !== 'truth.json')!), path.join(run, 'client.log'));
    fs.symlinkSync(outside, path.join(run, 'tc'));
    fs.symlinkSync(outside, path.join(run, 'counters'));
    fs.symlinkSync(path.join(outside, 'qdisc-after.txt'), path.join(run, 'ethtool-after.txt'));
    const loaded = loadSweepFolder(sweep);
    const all = JSON.stringify(loaded);
    assert.ok(!all.includes('SECRET-OUTSIDE-TEXT'), all);
    assert.equal(loaded.runs[0]?.counters, undefined);
  });
});

describe('issue 20: the CLI refuses devices on every input', () => {
  const devices = ['/dev/zero', '/dev/ptmx'].filter((d) => process.platform !== 'win32' && fs.existsSync(d));
  for (const dev of devices) {
    const cases: Array<[string, string[]]> = [
      ['hash --table', ['hash', '--preset', 'linux-tx', '--src', '10.0.0.1:1', '--dst', '10.0.0.2:2', '--table', dev]],
      ['hash --xps', ['hash', '--preset', 'linux-xps-pinned', '--src', '10.0.0.1:1', '--dst', '10.0.0.2:2', '--xps', dev, '--cpu', '0']],
      ['counters FILE', ['counters', dev]],
      ['counters --before', ['counters', path.join(RUN, 'qdisc-after.txt'), '--before', dev]],
    ];
    for (const [what, args] of cases) {
      it(`${what} ${dev}: exit 2 within 20 s naming the device, nothing read`, () => {
        const r = spawnSync(process.execPath, [cliMain, ...args], { encoding: 'utf8', timeout: 20_000 });
        assert.equal(r.error, undefined, 'ended by itself');
        assert.equal(r.status, 2, r.stderr);
        assert.match(r.stderr, new RegExp(`${dev}: it is a character device`));
      });
    }
  }

  it('counters DIR: a sysfs queues folder whose file links to /dev/zero reads no device', () => {
    const q = path.join(dir, 'sysfs', 'queues', 'tx-0');
    fs.mkdirSync(q, { recursive: true });
    fs.symlinkSync('/dev/zero', path.join(q, 'xps_cpus'));
    fs.writeFileSync(path.join(q, 'tx_timeout'), '0\n');
    const r = spawnSync(process.execPath, [cliMain, 'counters', path.join(dir, 'sysfs')], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(r.error, undefined, 'ended by itself');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /has 1 tx and 0 rx queues, but sysfs keeps no per-queue packet or byte counters/);
  });
});

describe('issue 20: CSV formula guard', () => {
  it('a field starting with TAB or CR is quoted as text, as =, +, - and @ are', () => {
    for (const lead of ['\t', '\r', '=', '+', '-', '@']) {
      const csv = toCsv(['x'], [[`${lead}SUM(A1)`]]);
      assert.ok(csv.includes(`'${lead}SUM(A1)`), JSON.stringify(csv));
    }
  });
});

describe('issue 20: no unbounded array spread', () => {
  it('1 000 000 values: maxOf/minOf, imbalance and busy queues of 200 000 values, sysfs of 200 000 queue folders (no stack overflow)', () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    assert.equal(maxOf(values), values.reduce((m, v) => (v > m ? v : m), -Infinity));
    assert.throws(() => Math.max(...values), RangeError, 'the spread this replaces overflows the stack');
    assert.equal(minOf(values), 0);
    const q = values.slice(0, 200_000);
    assert.equal(imbalance(q).maxOverMean !== null, true);
    assert.ok(busyQueueCount(q) > 0);
    const files = new Map(Array.from({ length: 200_000 }, (_, i): [string, string] => [`tx-${i}/tx_timeout`, '0']));
    assert.deepEqual(sysfsQueueCounts(files), { tx: 200_000, rx: 0 });
  });
});
