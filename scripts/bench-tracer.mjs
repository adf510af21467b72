// `npm run bench:tracer`: what the tracer costs. iperf3 throughput over a veth (4 tx queues, no rate cap) recorded
// by `queue-lens record` with the tracer and with --no-trace, interleaved in the same invocation (A B A B ...), so
// the shared machine's load falls on both alike. Reports each pair and the median ratio (goal: under 3 % lost).
// Root only (namespaces, bpftrace). Uses only addresses inside the namespaces it creates, and removes them.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'dist', 'cli.js');
const lab = require(path.join(root, 'out', 'test', 'system', 'vethLab.js'));
const PAIRS = Number(process.env.PAIRS ?? 4);
const SECONDS = Number(process.env.SECONDS ?? 3);

const skip = lab.labSkipReason(['iperf3', 'bpftrace']);
if (skip) { console.error(`bench:tracer: ${skip}`); process.exit(3); }
if (!fs.existsSync(cli)) { console.error('bench:tracer: build first (npm run build)'); process.exit(3); }

const L = lab.createVethLab({ queues: 4, ports: [], groundTruth: false });
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-bench-'));
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

/** One recorded iperf3 run; returns the receiver's Gbit/s and the trace's coverage. */
async function once(i, traced) {
  const out = path.join(tmp, `run-${i}-${traced ? 'trace' : 'none'}`);
  L.start(L.nsB, ['iperf3', '-s', '-1', '-B', L.ipB]);
  await lab.waitListening(L, L.nsB, 5201);
  const r = spawnSync(process.execPath, [cli, 'record', out, '--dev', L.devA, '--netns', L.nsA, ...(traced ? [] : ['--no-trace']), '--',
    'ip', 'netns', 'exec', L.nsA, 'iperf3', '-c', L.ipB, '-P', '4', '-t', String(SECONDS), '-J'], { encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`record failed: ${r.stderr}`);
  const j = JSON.parse(fs.readFileSync(path.join(out, 'command.log'), 'utf8'));
  const m = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8'));
  if (traced && !m.trace.recorded) throw new Error(`no trace: ${m.trace.reason}`);
  return j.end.sum_received.bits_per_second / 1e9;
}

try {
  const rows = [];
  for (let i = 0; i < PAIRS; i++) {
    // alternate which goes first, so a trend in the machine's load does not favour one side
    const first = i % 2 === 0;
    const a = first ? await once(i, false) : undefined;
    const b = await once(i, true);
    const a2 = first ? a : await once(i, false);
    rows.push({ without: a2, with: b, ratio: b / a2 });
    console.log(`pair ${i + 1}: without tracer ${a2.toFixed(2)} Gbit/s, with ${b.toFixed(2)} Gbit/s, ratio ${(b / a2).toFixed(3)}`);
  }
  const ratio = median(rows.map((r) => r.ratio));
  console.log(`\nmedian throughput with the tracer / without: ${ratio.toFixed(3)} (${((1 - ratio) * 100).toFixed(1)} % lost; goal < 3 %)`);
  console.log(`median without ${median(rows.map((r) => r.without)).toFixed(2)} Gbit/s, with ${median(rows.map((r) => r.with)).toFixed(2)} Gbit/s; ${PAIRS} pairs of ${SECONDS} s iperf3 -P 4 runs, ${os.cpus().length} CPUs`);
} finally {
  L.destroy();
  fs.rmSync(tmp, { recursive: true, force: true });
}
