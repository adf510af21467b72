// Issue 20's hostile inputs as fixed fuzz cases (`npm run fuzz -- --hostile`): counter files that named absurd
// queues, disagreed or cost quadratic time; run folders whose links lead out, whose files are devices or past their
// caps; trace files behind the run-input reader's trace cap (no trace parser exists yet: the cap and the file checks
// are what a trace meets today). Each must end with a result or a typed error naming the file, in a bounded heap.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeNewlines } from './bombs20';

export interface CountersCase { kind: 'counters'; name: string; desc: string; write(file: string): void }
export interface RunFolderCase { kind: 'run'; name: string; desc: string; build(dir: string, outside: string): void }
export interface TraceCase { kind: 'trace'; name: string; desc: string; write(file: string): void }
export type Hostile20Case = CountersCase | RunFolderCase | TraceCase;

const text = (t: string) => (file: string): void => fs.writeFileSync(file, t);
const link = (target: string) => (file: string): void => fs.symlinkSync(target, file);

const qstats = (n: number, oneLine: boolean): string =>
  `[${Array.from({ length: n }, (_, i) => `{'ifindex': 2, 'queue-id': ${i}, 'queue-type': 'tx', 'tx-bytes': ${i}, 'tx-packets': 1}`).join(oneLine ? ', ' : ',\n')}]`;

/** An iperf3 text log of `n` streams from 10.0.0.1 to 10.0.0.2:5201. */
function iperfLog(n: number): string {
  const l = ['Connecting to host 10.0.0.2, port 5201'];
  for (let i = 0; i < n; i++) l.push(`[${i + 5}] local 10.0.0.1 port ${40000 + (i % 20000)} connected to 10.0.0.2 port 5201`);
  l.push('[ ID] Interval           Transfer     Bitrate         Retr');
  for (let i = 0; i < n; i++) l.push(`[${i + 5}]   0.00-1.00   sec  1.00 MBytes  8.39 Mbits/sec    0             sender`);
  for (let i = 0; i < n; i++) l.push(`[${i + 5}]   0.00-1.00   sec  1.00 MBytes  8.39 Mbits/sec                  receiver`);
  return `${l.join('\n')}\n`;
}

const TC_PAIR = (bytes: number): string => `qdisc mq 0: root\n Sent ${bytes * 2} bytes 2 pkt\nqdisc fq_codel 0: parent :1\n Sent ${bytes} bytes 1 pkt (dropped 0)\nqdisc fq_codel 0: parent :2\n Sent ${bytes} bytes 1 pkt (dropped 0)\n`;

export const COUNTERS_CASES: Array<() => Hostile20Case> = [
  () => ({ kind: 'counters', name: 'queue-1e8.txt', desc: '76-byte ethtool file naming queue 100 000 000', write: text('NIC statistics:\n     tx_queue_100000000_bytes: 5\n     tx_queue_0_bytes: 7\n') }),
  () => ({ kind: 'counters', name: 'qstats-2e40.txt', desc: 'qstats naming queue 2^40', write: text(`[{'ifindex': 2, 'queue-id': ${2 ** 40}, 'queue-type': 'tx', 'tx-bytes': 1, 'tx-packets': 1}]`) }),
  () => ({ kind: 'counters', name: 'newlines-16m.txt', desc: '16 MiB − 1 of newlines (under the cap)', write: (f) => writeNewlines(f, 16 * 2 ** 20 - 1) }),
  () => ({ kind: 'counters', name: 'newlines-120m.txt', desc: '120 MiB of newlines (issue 20\'s qdisc-after.txt)', write: (f) => writeNewlines(f, 120 * 2 ** 20) }),
  () => ({ kind: 'counters', name: 'long-line.txt', desc: 'a 512 KiB ethtool line of "a: a: ..."', write: text(`NIC statistics:\n${'a: '.repeat(180_000)}x\n     tx_queue_0_bytes: 1\n`) }),
  () => ({ kind: 'counters', name: 'qstats-40k.txt', desc: '40 000 qstats entries, one a line', write: text(qstats(40_000, false)) }),
  () => ({ kind: 'counters', name: 'qstats-40k-1.txt', desc: '40 000 qstats entries on one line', write: text(qstats(40_000, true)) }),
  () => ({ kind: 'counters', name: 'negative.txt', desc: 'a negative counter', write: text('NIC statistics:\n     tx_queue_0_bytes: -5\n') }),
  () => ({ kind: 'counters', name: 'huge.txt', desc: 'a counter beyond 2^53', write: text('NIC statistics:\n     tx_queue_0_bytes: 123456789012345678901234567890\n') }),
  () => ({ kind: 'counters', name: 'duplicate.txt', desc: 'a duplicate queue line', write: text('NIC statistics:\n     tx_queue_0_bytes: 5\n     tx_queue_0_bytes: 6\n') }),
  () => ({ kind: 'counters', name: 'two-dumps.txt', desc: 'two dumps in one file', write: text('NIC statistics:\n     tx_queue_0_bytes: 5\nNIC statistics:\n     tx_queue_0_bytes: 6\n') }),
  () => ({ kind: 'counters', name: 'two-namings.txt', desc: 'two namings (two drivers) in one file', write: text('NIC statistics:\n     tx_queue_0_bytes: 5\n     tx1_bytes: 6\n') }),
  () => ({ kind: 'counters', name: 'tc-queue-2e24.txt', desc: 'tc qdisc under parent :ffffff', write: text('qdisc mq 0: root\n Sent 1 bytes 1 pkt\nqdisc fq_codel 0: parent :ffffff\n Sent 1 bytes 1 pkt (dropped 0)\n') }),
  () => ({ kind: 'counters', name: 'interrupts-wide.txt', desc: '/proc/interrupts line with 200 000 counts', write: text(`           CPU0\n 30: ${' 1'.repeat(200_000)}  PCI-MSI eth0-TxRx-0\n`) }),
  () => ({ kind: 'counters', name: 'detect-newlines.txt', desc: '64 KiB of newlines, then spaces (detection head)', write: text(`${'\n'.repeat(64 * 1024)}${' '.repeat(64 * 1024)}\n`) }),
  () => ({ kind: 'counters', name: 'zero.txt', desc: 'counter file linking to /dev/zero', write: link('/dev/zero') }),
  () => ({ kind: 'counters', name: 'ptmx.txt', desc: 'counter file linking to /dev/ptmx', write: link('/dev/ptmx') }),
];

export const RUN_CASES: Array<() => Hostile20Case> = [
  () => ({
    kind: 'run', name: 'tc-link-out', desc: 'tc/ and counters/ link out of the run folder, to a file whose text must never show',
    build: (dir, outside) => {
      fs.writeFileSync(path.join(outside, 'qdisc-after.txt'), 'SECRET-OUTSIDE-TEXT\n');
      fs.writeFileSync(path.join(dir, 'client.log'), iperfLog(2));
      fs.symlinkSync(outside, path.join(dir, 'tc'));
      fs.symlinkSync(outside, path.join(dir, 'counters'));
    },
  }),
  () => ({
    kind: 'run', name: 'file-link-out', desc: 'qdisc-after.txt links to a file outside the run folder',
    build: (dir, outside) => {
      fs.writeFileSync(path.join(outside, 'secret.txt'), 'SECRET-OUTSIDE-TEXT\n');
      fs.writeFileSync(path.join(dir, 'client.log'), iperfLog(2));
      fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'qdisc-after.txt'));
    },
  }),
  () => ({
    kind: 'run', name: 'device-counters', desc: 'qdisc-before/after.txt link to /dev/zero and /dev/ptmx',
    build: (dir) => {
      fs.writeFileSync(path.join(dir, 'client.log'), iperfLog(2));
      fs.symlinkSync('/dev/zero', path.join(dir, 'qdisc-after.txt'));
      fs.symlinkSync('/dev/ptmx', path.join(dir, 'qdisc-before.txt'));
    },
  }),
  () => ({
    kind: 'run', name: 'newline-counters', desc: 'a 120 MiB qdisc-after.txt of newlines beside the log',
    build: (dir) => {
      fs.writeFileSync(path.join(dir, 'client.log'), iperfLog(2));
      writeNewlines(path.join(dir, 'qdisc-after.txt'), 120 * 2 ** 20);
    },
  }),
  () => ({
    kind: 'run', name: 'many-streams', desc: '20 000 streams in the log, counters that fit',
    build: (dir) => {
      fs.writeFileSync(path.join(dir, 'client.log'), iperfLog(20_000));
      fs.writeFileSync(path.join(dir, 'qdisc-after.txt'), TC_PAIR(1 << 20));
    },
  }),
  () => ({
    kind: 'run', name: 'disagreeing-pair', desc: 'before and after of two drivers',
    build: (dir) => {
      fs.writeFileSync(path.join(dir, 'client.log'), iperfLog(2));
      fs.writeFileSync(path.join(dir, 'ethtool-before.txt'), 'NIC statistics:\n     tx_queue_0_bytes: 5\n     tx_queue_1_bytes: 5\n');
      fs.writeFileSync(path.join(dir, 'ethtool-after.txt'), 'NIC statistics:\n     tx0_bytes: 9\n     tx1_bytes: 9\n');
    },
  }),
  () => ({
    kind: 'run', name: 'log-device', desc: 'the run\'s log links to /dev/zero',
    build: (dir) => {
      fs.symlinkSync('/dev/zero', path.join(dir, 'client.log'));
      fs.writeFileSync(path.join(dir, 'qdisc-after.txt'), TC_PAIR(1 << 20));
    },
  }),
];

/** A sweep folder of 4 000 logs, each with its counters beside it: 8 000 files, each folder listed once. */
RUN_CASES.push(() => ({
  kind: 'run', name: 'sweep-4000', desc: 'a sweep folder of 4 000 logs and 4 000 counter files',
  build: (dir) => {
    const sweep = path.dirname(dir);
    const log = iperfLog(2);
    const tc = TC_PAIR(1 << 20);
    fs.writeFileSync(path.join(dir, 'client.log'), log);
    for (let i = 0; i < 4000; i++) {
      fs.writeFileSync(path.join(sweep, `q2-t${i}.log`), log);
      fs.writeFileSync(path.join(sweep, `q2-t${i}.tc.txt`), tc);
    }
  },
}));

export const TRACE_CASES: Array<() => Hostile20Case> = [
  () => ({ kind: 'trace', name: 'trace-zero.txt', desc: 'a trace linking to /dev/zero', write: link('/dev/zero') }),
  () => ({ kind: 'trace', name: 'trace-ptmx.txt', desc: 'a trace linking to /dev/ptmx', write: link('/dev/ptmx') }),
  () => ({ kind: 'trace', name: 'trace-huge.txt', desc: 'a 65 MiB (sparse) trace, past the trace cap', write: (f) => { fs.writeFileSync(f, ''); fs.truncateSync(f, 65 * 2 ** 20); } }),
];
