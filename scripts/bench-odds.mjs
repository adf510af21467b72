// Odds-engine benchmark. Builds the CLI as `npm run build` does (esbuild, src/cli/main.ts, node,
// cjs) into .cache/bench-odds/cli.js, then in the same run times, alternately, a bare `node -e 0`
// and `node cli.js spread --flows K --queues A-B --json` for each case, and prints the median
// wall-clock ratio to the bare start-up. Ratios, not seconds, are what docs/odds.md records: the
// machine is shared, and both sides slow down together.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const outfile = path.resolve('.cache/bench-odds/cli.js');
await esbuild.build({
  entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'es2022', outfile,
  logLevel: 'warning', banner: { js: '#!/usr/bin/env node' }, external: ['@duckdb/node-api'], // as scripts/build.mjs: a native module, loaded only by the dataset audit
});

// Each child also reports its own CPU time (user + system) at exit, which a busy machine disturbs
// much less than wall-clock time.
const preload = path.resolve('.cache/bench-odds/cpu-at-exit.cjs');
fs.writeFileSync(preload, "process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write(`\\nCPU_US ${u.user + u.system}\\n`); });\n");

const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const cases = [
  { name: '256 flows, n = 1..64 (target ≤ 10×)', args: ['--flows', '256', '--queues', '1-64'] },
  { name: '64 flows, n = 1..64', args: ['--flows', '64', '--queues', '1-64'] },
  { name: '128 flows, n = 1..32', args: ['--flows', '128', '--queues', '1-32'] },
  { name: '256 flows, n = 1..64, preset nic-rss-toeplitz (128-entry table: unequal weights)', args: ['--flows', '256', '--queues', '1-64', '--preset', 'nic-rss-toeplitz'], rounds: 3 },
  { name: '1024 flows, n = 256 only', args: ['--flows', '1024', '--queues', '256'], rounds: 3 },
];
if (process.argv.includes('--quick')) cases.pop();

function wall(argv) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--require', preload, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const cpu = Number(/CPU_US (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1000;
  return { ms, cpu, out: r.stdout };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
console.log('case | bare node -e 0 (ms wall / CPU, median) | spread (ms wall / CPU, median) | ratio wall | ratio CPU');
for (const c of cases) {
  const bare = [];
  const run = [];
  const bareCpu = [];
  const runCpu = [];
  let out = '';
  for (let i = 0; i < (c.rounds ?? rounds); i++) {
    const b = wall(['-e', '0']);
    bare.push(b.ms);
    bareCpu.push(b.cpu);
    const r = wall([outfile, 'spread', ...c.args, '--json']);
    run.push(r.ms);
    runCpu.push(r.cpu);
    out = r.out;
  }
  const rows = JSON.parse(out).queues;
  const sum = Math.max(...rows.map((q) => Math.abs(Object.values(q.maxLoad).reduce((s, p) => s + p, 0) - 1)));
  const b = median(bare);
  const s = median(run);
  const bc = median(bareCpu);
  const sc = median(runCpu);
  console.log(`${c.name} | ${b.toFixed(0)} / ${bc.toFixed(0)} | ${s.toFixed(0)} / ${sc.toFixed(0)} | ${(s / b).toFixed(1)}× | ${(sc / bc).toFixed(1)}× (max |Σp − 1| = ${sum.toExponential(1)})`);
}
