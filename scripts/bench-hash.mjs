// Hash-engine benchmark: table-driven vs bit-serial Toeplitz in the same run, and the planner
// over 64k ports × n queues. Bundles src/core/hashing with esbuild first, so it does not depend
// on the rest of the tree compiling. `--write` also records the figures in docs/bench-hash.md.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const outfile = path.resolve('.cache/bench-hash/hashing.cjs');
await esbuild.build({ entryPoints: ['src/core/hashing/index.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'es2022', outfile, logLevel: 'warning' });
const h = createRequire(import.meta.url)(outfile);

// Reproducible random 4-tuples (xorshift32).
let x = 0x2545f491;
const rnd = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
const N = 1 << 16;
const src = new Uint32Array(N), dst = new Uint32Array(N), sp = new Uint16Array(N), dp = new Uint16Array(N);
const bufs = [];
for (let i = 0; i < N; i++) {
  src[i] = rnd(); dst[i] = rnd(); sp[i] = rnd() & 0xffff; dp[i] = rnd() & 0xffff;
  const b = Buffer.alloc(12);
  b.writeUInt32BE(src[i], 0); b.writeUInt32BE(dst[i], 4); b.writeUInt16BE(sp[i], 8); b.writeUInt16BE(dp[i], 10);
  bufs.push(new Uint8Array(b));
}

const hasher = new h.ToeplitzHasher(h.MS_RSS_KEY);
for (let i = 0; i < N; i += 97) {
  const ref = h.toeplitzReference(h.MS_RSS_KEY, bufs[i]);
  if (hasher.hashV4(src[i], dst[i], sp[i], dp[i]) !== ref || hasher.hashBytes(bufs[i]) !== ref) throw new Error(`fast path differs from reference at ${i}`);
}

/** Run fn(count) repeatedly for ~minMs after a warm-up; return operations per second. */
function rate(fn, perCall, minMs = 700) {
  fn(); fn();
  let calls = 0;
  const t0 = performance.now();
  let t = t0;
  while (t - t0 < minMs) { fn(); calls++; t = performance.now(); }
  return (calls * perCall) / ((t - t0) / 1000);
}

let sink = 0;
const fastV4 = rate(() => { let a = 0; for (let i = 0; i < N; i++) a ^= hasher.hashV4(src[i], dst[i], sp[i], dp[i]); sink ^= a; }, N);
const fastBytes = rate(() => { let a = 0; for (let i = 0; i < N; i++) a ^= hasher.hashBytes(bufs[i]); sink ^= a; }, N);
const M = 4096;
const reference = rate(() => { let a = 0; for (let i = 0; i < M; i++) a ^= h.toeplitzReference(h.MS_RSS_KEY, bufs[i]); sink ^= a; }, M);
const flow = h.parseFlow({ proto: 'tcp', src: { ip: '10.0.0.1', port: 0 }, dst: { ip: '10.0.0.2', port: 5001 } });
const preset = h.compilePreset('nic-rss-toeplitz', 8);
const presetRate = rate(() => { let a = 0; for (let i = 0; i < N; i++) { flow.sport = i; a ^= preset.flowQueue(flow).queue; } sink ^= a; }, N);
const xen = h.compilePreset('windows-pv-8.1', 8);
const xenRate = rate(() => { let a = 0; for (let i = 0; i < N; i++) { flow.sport = i; a ^= xen.flowQueue(flow).queue; } sink ^= a; }, N);
const sipSeed = { seed: 0x0f0e0d0c0b0a09080706050403020100n };
const sip = h.compilePreset('linux-netfront', 8, sipSeed);
const sipRate = rate(() => { let a = 0; for (let i = 0; i < 8192; i++) { flow.sport = i; a ^= sip.flowQueue(flow).queue; } sink ^= a; }, 8192);

// Planner: every client port 1..65535, 8 flows, n = 1..8 queues.
const plannerRows = [];
for (const name of ['nic-rss-toeplitz', 'windows-pv-8.1', 'windows-pv-8.2-rss']) {
  const times = [];
  for (let n = 1; n <= 8; n++) {
    const req = { preset: name, src: '10.0.0.1', dst: { ip: '10.0.0.2', port: 5001 }, flows: 8, queues: n, ports: [1, 65535] };
    h.planPorts(req);
    const t0 = performance.now();
    const plan = h.planPorts(req);
    times.push(performance.now() - t0);
    if (!plan.anyPorts) throw new Error(`no plan for ${name} n=${n}`);
  }
  plannerRows.push({ name, total: times.reduce((a, b) => a + b, 0), max: Math.max(...times) });
}

const M_ = (v) => (v / 1e6).toFixed(1);
const lines = [
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} CPUs), node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| What | Rate |',
  '|---|---|',
  `| Toeplitz IPv4 4-tuple, table-driven (\`hashV4\`, no buffer) | ${M_(fastV4)} M hashes/s |`,
  `| Toeplitz 12-byte input, table-driven (\`hashBytes\`) | ${M_(fastBytes)} M hashes/s |`,
  `| Toeplitz 12-byte input, bit-serial reference | ${M_(reference)} M hashes/s |`,
  `| speed-up of the table-driven path | ${(fastV4 / reference).toFixed(0)}× |`,
  `| preset \`nic-rss-toeplitz\` (hash + table lookup per flow) | ${M_(presetRate)} M flows/s |`,
  `| preset \`windows-pv-8.1\` (XENVIF hash8 % n) | ${M_(xenRate)} M flows/s |`,
  `| preset \`linux-netfront\` with a seed (SipHash-2-4, 48 B) | ${M_(sipRate)} M flows/s |`,
  '',
  '| Planner: 8 flows, ports 1–65535, n = 1..8 | total for all 8 n | slowest single n |',
  '|---|---|---|',
  ...plannerRows.map((r) => `| \`${r.name}\` | ${r.total.toFixed(1)} ms | ${r.max.toFixed(1)} ms |`),
];
const text = lines.join('\n');
console.log(text);
if (sink === 0.5) console.log('');
if (process.argv.includes('--write')) {
  fs.mkdirSync('docs', { recursive: true });
  fs.writeFileSync('docs/bench-hash.md', `# Hashing benchmark (\`npm run bench:hash\`)\n\n${text}\n`);
  console.log('\nwrote docs/bench-hash.md');
}
