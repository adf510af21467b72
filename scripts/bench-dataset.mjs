// Dataset benchmark: `queue-lens export --parquet` and `queue-lens audit` (DuckDB) on 100, 1 000 and 10 000 runs,
// wall time and peak memory (GNU time's maximum RSS) of each child process, with the JSON export of the same runs
// timed in the same invocation as the reference. The runs are SIMULATED: replicas of the 264 real runs in
// samples/experiment, samples/one-run-sweeps and samples/faster-queues (their logs hard-linked, their manifest
// entries copied, trials renumbered per replica), spread over hosts of at most 1 000 runs ("sim-host-H").
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const outfile = path.resolve('.cache/bench-dataset/cli.js');
await esbuild.build({
  entryPoints: ['src/cli/main.ts'], bundle: true, platform: 'node', format: 'cjs', target: 'es2022', outfile,
  external: ['@duckdb/node-api'], logLevel: 'warning', nodePaths: [path.resolve('node_modules')],
});

const sizes = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
const real = ['experiment', 'one-run-sweeps', 'faster-queues'].map((s) => {
  const dir = path.resolve('samples', s);
  return { dir, manifest: JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) };
});
const pool = real.flatMap(({ dir, manifest }) => manifest.runs.map((r) => ({ dir, run: r, kernel: manifest.kernel, date: manifest.date })));

/** N simulated runs in folders of ≤ 1 000: replica k of real run j is trial (trial + 100·k) of host ⌊i / 1000⌋. */
function makeRuns(root, n) {
  const hosts = [];
  for (let i = 0; i < n; i++) {
    const h = Math.floor(i / 1000);
    if (!hosts[h]) {
      const dir = path.join(root, `sim-host-${h}`);
      fs.mkdirSync(dir, { recursive: true });
      hosts[h] = { dir, runs: [], kernel: pool[0].kernel, date: pool[0].date };
    }
    const src = pool[i % pool.length];
    const replica = Math.floor(i / pool.length);
    const log = `r${i}-${src.run.log}`;
    fs.linkSync(path.join(src.dir, src.run.log), path.join(hosts[h].dir, log));
    hosts[h].runs.push({ ...src.run, log, trial: src.run.trial + 100 * replica + 1000 * real.findIndex((x) => x.dir === src.dir) });
  }
  for (const h of hosts) {
    fs.writeFileSync(path.join(h.dir, 'manifest.json'), JSON.stringify({ host: path.basename(h.dir), kernel: h.kernel, date: h.date, simulated: 'replicas of real sample runs', runs: h.runs }));
  }
  return hosts.map((h) => h.dir);
}

/** Wall seconds and peak RSS (MiB) of `node cli.js ...args`, stdout to a file. */
function timed(args, stdoutFile) {
  const fd = fs.openSync(stdoutFile, 'w');
  const r = spawnSync('/usr/bin/time', ['-f', 'TIME %e %M', process.execPath, outfile, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 26 });
  fs.closeSync(fd);
  const m = /TIME ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { seconds: Number(m[1]), mib: Number(m[2]) / 1024 };
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-bench-dataset-'));
const rows = [];
try {
  for (const n of sizes) {
    const dirs = makeRuns(path.join(root, `n${n}`), n);
    const ds = path.join(root, `ds${n}`);
    const json = timed(['export', ...dirs, '--json'], path.join(root, `n${n}.json`));
    const exp = timed(['export', ...dirs, '--parquet', ds], path.join(root, `n${n}.export.txt`));
    const audit = timed(['audit', ds, '--json'], path.join(root, `n${n}.audit.json`));
    const parquetBytes = spawnSync('du', ['-sb', ds], { encoding: 'utf8' }).stdout.split('\t')[0];
    const jsonBytes = fs.statSync(path.join(root, `n${n}.json`)).size;
    rows.push({ n, exp, json, audit, parquetBytes: Number(parquetBytes), jsonBytes });
    console.log(`${n} runs: export --parquet ${exp.seconds.toFixed(2)} s, ${exp.mib.toFixed(0)} MiB peak (${(exp.seconds / json.seconds).toFixed(2)}× the JSON export's ${json.seconds.toFixed(2)} s); ` +
      `audit ${audit.seconds.toFixed(2)} s, ${audit.mib.toFixed(0)} MiB peak; Parquet ${(Number(parquetBytes) / 1e6).toFixed(2)} MB vs JSON ${(jsonBytes / 1e6).toFixed(2)} MB`);
  }
  console.log('\n| runs (simulated: replicas of real runs) | export --parquet | peak RSS | × JSON export | audit (DuckDB) | peak RSS | Parquet / JSON size |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| ${r.n} | ${r.exp.seconds.toFixed(2)} s | ${r.exp.mib.toFixed(0)} MiB | ${(r.exp.seconds / r.json.seconds).toFixed(2)} | ${r.audit.seconds.toFixed(2)} s | ${r.audit.mib.toFixed(0)} MiB | ${(r.parquetBytes / 1e6).toFixed(2)} / ${(r.jsonBytes / 1e6).toFixed(2)} MB |`);
  }
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
