// The hostile shapes of issue 12 as fixed fuzz cases (`npm run fuzz -- --hostile`): capture bombs, one packet per
// flow, device paths and FIFOs behind capture names, and iperf logs with very long lines. Each must end like any fuzz
// case (a result, a partial result or a typed error) within the time limit, in a worker with a bounded heap.
import * as zlib from 'node:zlib';
import { commentBomb, epb, interfaceBomb, interfaceFlood, udpFrame, warningBomb } from './bombs';
import { FuzzCase } from './mutate';
import { COUNTERS_CASES, Hostile20Case, RUN_CASES, TRACE_CASES } from './hostileCases20';

/** What a path case points the capture name at (made in the case's temp folder). */
export type PathTarget = { link: string } | { fifo: true } | { dir: true };
export interface PathCase { kind: 'path'; name: string; target: PathTarget; desc: string }

const gz = (b: Buffer): Buffer => zlib.gzipSync(b, { level: 1 });

/** Many one-packet flows as pcapng EPBs (in memory; the bench streams larger ones to disk): one template, patched. */
function manyFlows(n: number): Buffer {
  const shb = Buffer.alloc(28);
  shb.writeUInt32LE(0x0a0d0d0a, 0); shb.writeUInt32LE(28, 4); shb.writeUInt32LE(0x1a2b3c4d, 8); shb.writeUInt16LE(1, 12); shb.writeBigInt64LE(-1n, 16); shb.writeUInt32LE(28, 24);
  const idb = Buffer.alloc(20);
  idb.writeUInt32LE(1, 0); idb.writeUInt32LE(20, 4); idb.writeUInt16LE(1, 8); idb.writeUInt32LE(262144, 12); idb.writeUInt32LE(20, 16);
  const one = epb(udpFrame(0x0a000000, 1, 0x0a640001, 5001), 1);
  const out = Buffer.alloc(48 + n * one.length);
  shb.copy(out, 0);
  idb.copy(out, 28);
  for (let i = 0; i < n; i++) {
    const o = 48 + i * one.length;
    one.copy(out, o);
    // EPB: 28 bytes of header, then the frame: IPv4 source at 26, UDP source port at 34.
    out.writeUInt32BE((0x0a000000 + Math.floor(i / 65535)) >>> 0, o + 28 + 26);
    out.writeUInt16BE(1 + (i % 65535), o + 28 + 34);
  }
  return out;
}

/** A long iperf line of `n` characters in the shape that made the text parser quadratic. */
function longLines(): Array<[string, () => string]> {
  const head = '------------------------------------------------------------\nClient connecting to 10.0.0.2, TCP port 5001\n';
  return [
    ['iperf id of dashes', () => `${head}[  3] ${'0-'.repeat(50_000)}0 sec 1 GBytes 1 Gbits/sec\n`],
    ['spaces between two words', () => `${head}x${' '.repeat(1_000_000)}y\n`],
    ['20 000-digit number', () => `${head}[  3]  0.0-10.0 sec  ${'9'.repeat(20_000)} GBytes  1.00 Gbits/sec\n`],
    ['one 4 MB line', () => `${head}${'a'.repeat(4 << 20)}\n`],
    ['60 000 connect lines', () => {
      const l = [head];
      for (let i = 0; i < 60_000; i++) l.push(`[${i + 3}] local 10.0.0.1 port ${1024 + (i % 60000)} connected with 10.0.0.2 port 5001\n`);
      return l.join('');
    }],
  ];
}

export type HostileCase = FuzzCase | PathCase | Hostile20Case;

const CASES: Array<() => HostileCase> = [
  () => ({ kind: 'capture', name: 'interface-bomb.pcapng.gz', ext: '.pcapng.gz', desc: '1 100 interfaces named with 64 KiB each', bytes: gz(interfaceBomb(1100, 65532)) }),
  () => ({ kind: 'capture', name: 'interface-flood.pcapng', ext: '.pcapng', desc: '65 541 interfaces in one section', bytes: interfaceFlood(65541) }),
  () => ({ kind: 'capture', name: 'warning-bomb.pcapng.gz', ext: '.pcapng.gz', desc: '200 000 overrunning options (one warning each)', bytes: gz(warningBomb(200_000)) }),
  () => ({ kind: 'capture', name: 'comment-bomb.pcapng.gz', ext: '.pcapng.gz', desc: '2 000 comments of 60 000 bytes', bytes: gz(commentBomb(2000, 60_000)) }),
  () => ({ kind: 'capture', name: 'many-flows.pcapng.gz', ext: '.pcapng.gz', desc: '250 000 one-packet flows (past twice the default flow cap)', bytes: gz(manyFlows(250_000)) }),
  ...['/dev/zero', '/dev/ptmx', '/dev/urandom', '/dev/null', '/dev/tty'].map((t) => (): HostileCase => ({ kind: 'path', name: `link-to-${t.slice(5)}.pcap`, target: { link: t }, desc: `capture name linking to ${t}` })),
  () => ({ kind: 'path', name: 'fifo.pcap', target: { fifo: true }, desc: 'a FIFO with no writer' }),
  () => ({ kind: 'path', name: 'dir.pcap', target: { dir: true }, desc: 'a directory named like a capture' }),
  ...longLines().map(([desc, make]) => (): HostileCase => ({ kind: 'log', name: 'long-line.log', text: make(), desc })),
  // issue 20: counter files, run folders, traces
  ...COUNTERS_CASES, ...RUN_CASES, ...TRACE_CASES,
];

export const HOSTILE_CASES = CASES.length;
/** Issue 20's cases come last: counter files, then run folders, then traces. */
export const HOSTILE_20_CASES = COUNTERS_CASES.length + RUN_CASES.length + TRACE_CASES.length;
export const HOSTILE_20_START = CASES.length - HOSTILE_20_CASES;
/** The capture and path cases come first; the long-line log cases after them. */
export const HOSTILE_CAPTURE_CASES = HOSTILE_20_START - longLines().length;

export function makeHostileCase(index: number): HostileCase {
  return CASES[index % CASES.length]();
}
