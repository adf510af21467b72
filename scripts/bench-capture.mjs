// Capture-reader benchmark (a benchmark, not a test): builds a capture of ≥ 1 M packets by replicating
// a fixture's records with shifted timestamps, then times, in this one invocation, our reader + flow
// table, a minimal C libpcap 5-tuple loop, tshark -z conv,tcp and the pcap-parser oracle. Each runs
// in its own process so peak RSS is its own. Reference tools that are missing are skipped.
// Usage: node scripts/bench-capture.mjs [capture] [--packets N] [--no-slow] [--write]  (--write updates docs/bench-capture.md)
// --no-slow skips tshark and pcap-parser (minutes on 10 M packets); the C loop always runs for the ratio.
// Flow scale: node scripts/bench-capture.mjs --flows 1000000,10000000 [--uncapped 1000000]: one-packet-per-flow
// captures (issue 12), peak RSS and time with the default flow cap, and without it for the sizes given to --uncapped
// (bytes per flow = RSS above a 1-flow run, divided by the flows).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const args = process.argv.slice(2);
const write = args.includes('--write');
const slow = !args.includes('--no-slow');
const pi = args.indexOf('--packets');
const target = pi >= 0 ? Number(args[pi + 1]) : 1_000_000;
const valueOf = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const positional = args.filter((a, i) => !a.startsWith('--') && !['--packets', '--flows', '--uncapped'].includes(args[i - 1]));
const fixtures = path.resolve('test', 'fixtures');
const source = positional[0] ?? [path.join(fixtures, 'iperf2-tcp8-text/capture.pcap'), 'samples/iperf2-8-streams.pcap'].find((p) => fs.existsSync(p));
if (!source) throw new Error('no capture to replicate: pass one');

// Bundle only the capture core, so the bench does not depend on the rest of the tree compiling.
const bundle = path.resolve('.cache/bench-capture/capture.cjs');
// The capture readers and the flows above them (capture/index.ts no longer re-exports flows).
const entry = { contents: "export * from './src/core/capture/index'; export * from './src/core/flows/index'; export { DEFAULT_MAX_FLOWS } from './src/core/flows/flowTable';", resolveDir: process.cwd(), loader: 'ts' };
await esbuild.build({ stdin: entry, bundle: true, platform: 'node', format: 'cjs', target: 'es2022', outfile: bundle, logLevel: 'warning' });
const cap = createRequire(import.meta.url)(bundle);

if (valueOf('--flows')) {
  await flowScale(valueOf('--flows').split(',').map(Number), (valueOf('--uncapped') ?? '').split(',').filter(Boolean).map(Number));
  process.exit(0);
}

/** One-packet-per-flow captures: time and peak RSS with the default cap and, where asked, with none. */
async function flowScale(sizes, uncapped) {
  const bombs = path.resolve('.cache/bench-capture/bombs.cjs');
  await esbuild.build({ entryPoints: ['test/fuzz/bombs.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'es2022', outfile: bombs, logLevel: 'warning' });
  const { writeManyFlowsPcap } = createRequire(import.meta.url)(bombs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-bench-flows-'));
  const script = path.join(dir, 'flows.cjs');
  fs.writeFileSync(script, `const c = require(${JSON.stringify(bundle)});
const t0 = process.hrtime.bigint();
const maxFlows = process.argv[3] === 'default' ? undefined : Number(process.argv[3]);
c.analyseCaptures([process.argv[2]], { maxFlows }).then((r) => {
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const json = JSON.stringify(c.toFlowsJson(r)).length;
  console.log(JSON.stringify({ packets: r.packets, flows: r.flows.length, other: r.otherFlows?.flows ?? 0, ms, json, rssKiB: process.resourceUsage().maxRSS }));
});`);
  const runOne = (file, maxFlows) => {
    const full = fs.existsSync('/usr/bin/time') ? ['/usr/bin/time', ['-f', '__RSS__%M', process.execPath, script, file, String(maxFlows)]] : [process.execPath, [script, file, String(maxFlows)]];
    const r = spawnSync(full[0], full[1], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) return { failed: (r.stderr || String(r.error)).split('\n').filter(Boolean).slice(-3).join(' ') };
    const j = JSON.parse(r.stdout);
    const m = /__RSS__(\d+)/.exec(r.stderr);
    return { ...j, rssMB: (m ? Number(m[1]) : j.rssKiB) / 1024 };
  };
  const baseFile = path.join(dir, 'one.pcap');
  writeManyFlowsPcap(baseFile, 1);
  const base = runOne(baseFile, 'default');
  const rows = ['| flows in the capture | file (MB) | flow cap | flows kept | "other flows" | time (s) | M packets/s | peak RSS (MB) | RSS per flow above a 1-flow run | --json size (MB) |', '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
  for (const n of sizes) {
    const file = path.join(dir, `flows-${n}.pcap`);
    const packets = writeManyFlowsPcap(file, n);
    const mb = fs.statSync(file).size / 1e6;
    for (const maxFlows of ['default', ...(uncapped.includes(n) ? [n] : [])]) {
      const r = runOne(file, maxFlows);
      const capText = maxFlows === 'default' ? `default (${cap.DEFAULT_MAX_FLOWS})` : 'none';
      if (r.failed) { rows.push(`| ${n} | ${mb.toFixed(0)} | ${capText} | – | – | – | – | – | – | failed: ${r.failed} |`); continue; }
      if (r.packets !== packets) throw new Error(`read ${r.packets} packets, expected ${packets}`);
      rows.push(`| ${n} | ${mb.toFixed(0)} | ${capText} | ${r.flows} | ${r.other} | ${(r.ms / 1000).toFixed(1)} | ${(packets / r.ms / 1000).toFixed(2)} | ${r.rssMB.toFixed(0)} | ${((r.rssMB - base.rssMB) * 1048576 / n).toFixed(0)} B | ${(r.json / 1e6).toFixed(0)} |`);
      console.log(rows[rows.length - 1]);
    }
    fs.rmSync(file, { force: true });
  }
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`\nOne UDP packet per flow (58-byte pcap records); ${cpu}, ${os.cpus().length} CPUs, Node ${process.version}; a 1-flow run peaks at ${base.rssMB.toFixed(0)} MB.\n\n${rows.join('\n')}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

// ---- read the source records once ----
const recs = [];
const reader = await cap.openCapture(source);
let linkType = 1;
for (;;) {
  const s = reader.next();
  if (s === cap.END) break;
  if (s === cap.NEED_MORE) { await reader.fill(); continue; }
  linkType = reader.linkType;
  recs.push({ sec: reader.sec, usec: Math.floor(reader.nsec / 1000), wire: reader.wirelen, data: Buffer.from(reader.buf.subarray(reader.dataOff, reader.dataOff + reader.caplen)) });
}
await reader.close();
const span = recs[recs.length - 1].sec * 1e6 + recs[recs.length - 1].usec - (recs[0].sec * 1e6 + recs[0].usec) + 1000;

// ---- write the big captures ----
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-bench-capture-'));
const pcapPath = path.join(dir, 'big.pcap');
const ngPath = path.join(dir, 'big.pcapng');
const gzPath = path.join(dir, 'big.pcap.gz');
function writeBig() {
  const fp = fs.openSync(pcapPath, 'w');
  const fn = fs.openSync(ngPath, 'w');
  const h = Buffer.alloc(24);
  h.writeUInt32LE(0xa1b2c3d4, 0); h.writeUInt16LE(2, 4); h.writeUInt16LE(4, 6); h.writeUInt32LE(262144, 16); h.writeUInt32LE(linkType, 20);
  fs.writeSync(fp, h);
  const shb = Buffer.alloc(28);
  shb.writeUInt32LE(0x0a0d0d0a, 0); shb.writeUInt32LE(28, 4); shb.writeUInt32LE(0x1a2b3c4d, 8); shb.writeUInt16LE(1, 12);
  shb.writeBigInt64LE(-1n, 16); shb.writeUInt32LE(28, 24);
  const idb = Buffer.alloc(20);
  idb.writeUInt32LE(1, 0); idb.writeUInt32LE(20, 4); idb.writeUInt16LE(linkType, 8); idb.writeUInt32LE(262144, 12); idb.writeUInt32LE(20, 16);
  fs.writeSync(fn, Buffer.concat([shb, idb]));
  let bp = Buffer.alloc(8 << 20), np = 0;
  let bn = Buffer.alloc(8 << 20), nn = 0;
  let n = 0;
  for (let rep = 0; n < target; rep++) {
    for (const r of recs) {
      if (n++ >= target) break;
      const t = r.sec * 1e6 + r.usec + rep * span;
      const sec = Math.floor(t / 1e6), usec = t - sec * 1e6;
      if (np + 16 + r.data.length > bp.length) { fs.writeSync(fp, bp, 0, np); np = 0; }
      bp.writeUInt32LE(sec, np); bp.writeUInt32LE(usec, np + 4); bp.writeUInt32LE(r.data.length, np + 8); bp.writeUInt32LE(r.wire, np + 12);
      r.data.copy(bp, np + 16); np += 16 + r.data.length;
      const pad = (4 - (r.data.length % 4)) % 4, len = 32 + r.data.length + pad;
      if (nn + len > bn.length) { fs.writeSync(fn, bn, 0, nn); nn = 0; }
      bn.writeUInt32LE(6, nn); bn.writeUInt32LE(len, nn + 4); bn.writeUInt32LE(0, nn + 8);
      bn.writeUInt32LE(Math.floor(t / 4294967296), nn + 12); bn.writeUInt32LE(t % 4294967296, nn + 16);
      bn.writeUInt32LE(r.data.length, nn + 20); bn.writeUInt32LE(r.wire, nn + 24);
      r.data.copy(bn, nn + 28); bn.fill(0, nn + 28 + r.data.length, nn + len - 4); bn.writeUInt32LE(len, nn + len - 4); nn += len;
    }
  }
  fs.writeSync(fp, bp, 0, np); fs.writeSync(fn, bn, 0, nn);
  fs.closeSync(fp); fs.closeSync(fn);
  fs.writeFileSync(gzPath, zlib.gzipSync(fs.readFileSync(pcapPath), { level: 1 }));
  return n;
}
const packets = Math.min(writeBig(), target);
const size = (p) => fs.statSync(p).size;
console.log(`source ${source}: ${recs.length} records replicated to ${packets} packets; pcap ${(size(pcapPath) / 1e6).toFixed(1)} MB, pcapng ${(size(ngPath) / 1e6).toFixed(1)} MB, gzip ${(size(gzPath) / 1e6).toFixed(1)} MB (in ${dir})`);

// ---- runners ----
const hasTime = fs.existsSync('/usr/bin/time');
/** Runs a command, returning wall ms, peak RSS (KiB, from GNU time or the tool's own report) and stdout. */
function run(cmd, argv) {
  const full = hasTime ? ['/usr/bin/time', ['-f', '__RSS__%M', cmd, ...argv]] : [cmd, argv];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(full[0], full[1], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || r.status !== 0) throw new Error(`${cmd} failed: ${r.error ?? r.stderr}`);
  const m = /__RSS__(\d+)/.exec(r.stderr);
  return { ms, rssKiB: m ? Number(m[1]) : undefined, out: r.stdout };
}
function best(n, f) {
  let b;
  for (let i = 0; i < n; i++) { const r = f(); if (!b || r.ms < b.ms) b = r; }
  return b;
}
function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

const oursScript = path.join(dir, 'ours.cjs');
fs.writeFileSync(oursScript, `const c = require(${JSON.stringify(bundle)});
const t0 = process.hrtime.bigint();
c.analyseCaptures([process.argv[2]]).then((r) => {
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  console.log(JSON.stringify({ packets: r.packets, flows: r.flows.length, innerMs: ms, rssKiB: process.resourceUsage().maxRSS }));
});`);
const ppScript = path.join(dir, 'pcap-parser.cjs');
fs.writeFileSync(ppScript, `const pp = require(${JSON.stringify(createRequire(import.meta.url).resolve('pcap-parser'))});
let n = 0, bytes = 0; const t0 = process.hrtime.bigint();
const p = pp.parse(process.argv[2]);
p.on('packet', (k) => { n++; bytes += k.header.originalLength; });
p.on('end', () => console.log(JSON.stringify({ packets: n, innerMs: Number(process.hrtime.bigint() - t0) / 1e6 })));`);

const results = [];
function record(name, format, file, r, note = '') {
  const mb = size(file) / 1e6;
  results.push({ name, format, ms: r.ms, pps: packets / (r.ms / 1000), mbps: mb / (r.ms / 1000), rssMB: r.rssKiB ? r.rssKiB / 1024 : undefined, note });
}
function tryRun(name, format, file, f, note) {
  try { const r = f(); record(name, format, file, r, r.note ?? note); } catch (e) { console.log(`${name} (${format}) skipped: ${e.message}`); }
}

// A bare Node's start-up, timed here so the notes can say how much of our wall time it is.
const nodeStartMs = best(3, () => run(process.execPath, ['-e', '0'])).ms;
const inProcess = new Map();
for (const [format, file] of [['pcap', pcapPath], ['pcapng', ngPath], ['pcap.gz', gzPath]]) {
  tryRun('queue-lens (TypeScript)', format, file, () => {
    const r = best(3, () => run(process.execPath, [oursScript, file]));
    const j = JSON.parse(r.out);
    if (j.packets !== packets) throw new Error(`read ${j.packets} packets, expected ${packets}`);
    inProcess.set(format, packets / (j.innerMs / 1000));
    return { ...r, rssKiB: r.rssKiB ?? j.rssKiB, note: `flow table + 100 ms series; wall time incl. a bare node's start-up (${nodeStartMs.toFixed(0)} ms, timed in this run); in-process ${(packets / j.innerMs / 1000).toFixed(2)} M packets/s` };
  });
}

let cLoop;
if (have('gcc') && fs.existsSync('/usr/include/pcap/pcap.h')) {
  cLoop = path.join(dir, 'pcap-loop');
  const r = spawnSync('gcc', ['-O2', '-o', cLoop, 'scripts/bench/pcap-loop.c', '-lpcap'], { encoding: 'utf8' });
  if (r.status !== 0) { console.log(`C libpcap loop skipped: ${r.stderr}`); cLoop = undefined; }
} else console.log('C libpcap loop skipped: gcc or libpcap-dev missing');
if (cLoop) {
  for (const [format, file] of [['pcap', pcapPath], ['pcapng', ngPath]]) {
    tryRun('C libpcap 5-tuple loop', format, file, () => best(3, () => run(cLoop, [file])), 'gcc -O2, pcap_next_ex');
  }
}
if (!slow) console.log('tshark and pcap-parser skipped: --no-slow');
else if (have('tshark')) {
  for (const [format, file] of [['pcap', pcapPath], ['pcapng', ngPath]]) tryRun('tshark -q -z conv,tcp', format, file, () => run('tshark', ['-r', file, '-q', '-z', 'conv,tcp']), 'one run');
} else console.log('tshark skipped: not installed');
if (slow) tryRun('pcap-parser 0.2.1', 'pcap', pcapPath, () => best(2, () => run(process.execPath, [ppScript, pcapPath])), 'reader only, no flow table');

// ---- report ----
const ref = (format) => results.find((r) => r.name.startsWith('C libpcap') && r.format === format);
const ours = (format) => results.find((r) => r.name.startsWith('queue-lens') && r.format === format);
const lines = [
  `| tool | file | M packets/s | MB/s | peak RSS (MB) | vs C loop | ours vs it | note |`,
  `|---|---|---:|---:|---:|---:|---:|---|`,
];
for (const r of results) {
  const c = ref(r.format === 'pcap.gz' ? 'pcap' : r.format);
  const o = ours(r.format);
  lines.push(`| ${r.name} | ${r.format} | ${(r.pps / 1e6).toFixed(2)} | ${r.mbps.toFixed(0)} | ${r.rssMB === undefined ? '?' : r.rssMB.toFixed(0)} | ${c ? (r.pps / c.pps).toFixed(2) + '×' : '-'} | ${o ? (o.pps / r.pps).toFixed(2) + '×' : '-'} | ${r.note} |`);
}
for (const [format, pps] of inProcess) {
  const c = ref(format === 'pcap.gz' ? 'pcap' : format);
  if (c) lines.push(`| queue-lens, in-process | ${format} | ${(pps / 1e6).toFixed(2)} | – | – | ${(pps / c.pps).toFixed(2)}× | – | from opening the file to the flow table; excludes Node's start-up and module loading, includes JIT warm-up |`);
}
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = `${packets} packets (${recs.length}-record ${path.basename(source)} replicated), pcap ${(size(pcapPath) / 1e6).toFixed(0)} MB; ${cpu}, ${os.cpus().length} CPUs, Node ${process.version}; files in the page cache; best of 3 (tshark once).`;
console.log(`\n${header}\n\n${lines.join('\n')}`);
if (write) {
  fs.mkdirSync('docs', { recursive: true });
  fs.writeFileSync('docs/bench-capture.md', `# Capture reader benchmark\n\nMeasured by \`npm run bench:capture -- --write\` on ${new Date().toISOString().slice(0, 10)}: ${header}\n\n${lines.join('\n')}\n`);
}
if (!process.env.BENCH_KEEP) fs.rmSync(dir, { recursive: true, force: true });
