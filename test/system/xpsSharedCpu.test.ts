/**
 * System test (root): XPS masks that fold two tx queues onto one CPU, seen by `queue-lens record`'s trace. A veth
 * with 4 tx queues whose masks send CPU 0's packets to queues 0 and 1 and CPU 1's to queues 2 and 3, per-port htb
 * leaves as the ground truth of each stream's queue (vethLab.ts), and iperf3 client and server pinned to CPU 0
 * (taskset). The analysis (`queue-lens observed RUN`) must name CPU 0 as the busy queues' CPU, from the trace
 * (measured), agreeing with the XPS masks record saved; `queue-lens config RUN` carries the same traced CPUs. Root,
 * bpftrace, iperf3 and taskset only; skipped otherwise. (Moved here from test/unit/config, where it had no trace.)
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths';
import { createVethLab, labSkipReason, portQueues, waitListening } from './vethLab';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const QUEUES = 4;
const STREAMS = 8;
const CPORT = 47000;
const RATE_MBIT = 40;

const skip = labSkipReason(['iperf3', 'bpftrace', 'taskset']) ??
  (os.cpus().length < 2 ? 'needs 2 CPUs: skipped' : fs.existsSync(cli) ? undefined : `${cli} is not built (npm run build): skipped`);

interface QueueCpu { queue: number; cpu: number | null; basis: string | null; configCpu: number | null; configBasis: string | null }
interface Observed {
  source: string;
  busyQueues: number;
  queueBytes: number[];
  streams: Array<{ localPort: number; queue: number | null }>;
  queueConfig?: { queueCpu?: { busyQueues: number[]; busyCpus: number[]; sharedCpus: Array<{ cpu: number; queues: number[] }>; cpuBasis: string; tracedCpus: number[] | null; queueCpu: QueueCpu[]; sentence: string } };
}

const cliJson = <T>(args: string[]): T => {
  const r = spawnSync(process.execPath, [cli, ...args, '--json'], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as T;
};

describe('system: XPS folding two queues onto one CPU, confirmed by the trace (root)', () => {
  it('the busy queues are CPU 0\'s, the analysis names CPU 0 from the trace, and the htb leaves agree', { skip, timeout: 240_000 }, async (t) => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-xps-'));
    const out = path.join(tmp, 'run');
    const ports = Array.from({ length: STREAMS }, (_, i) => CPORT + i);
    // queues 0, 1 → CPU 0 (mask 1); queues 2, 3 → CPU 1 (mask 2)
    const lab = createVethLab({ queues: QUEUES, ports, rateMbit: RATE_MBIT, xpsCpus: ['1', '1', '2', '2'] });
    try {
      // the server on CPU 0 too: the ACKs it sends are then handled on CPU 0, so no send is made from CPU 1
      lab.start(lab.nsB, ['taskset', '-c', '0', 'iperf3', '-s', '-1', '-B', lab.ipB]);
      await waitListening(lab, lab.nsB, 5201);
      const r = spawnSync(process.execPath, [cli, 'record', out, '--dev', lab.devA, '--netns', lab.nsA, '--',
        'ip', 'netns', 'exec', lab.nsA, 'taskset', '-c', '0', 'iperf3', '-c', lab.ipB, '-P', String(STREAMS), '-t', '2', '--cport', String(CPORT), '-J'],
      { encoding: 'utf8', timeout: 150_000, killSignal: 'SIGKILL', maxBuffer: 64 * 2 ** 20 });
      assert.equal(r.status, 0, r.stderr);
      const m = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8')) as { trace: { recorded: boolean; reason?: string }; counters: Array<{ source: string; before: string; after: string }>; config: Record<string, string> };
      assert.equal(m.trace.recorded, true, m.trace.reason);
      // record saved what config reads: the masks and the host's CPUs
      for (const label of ['sysfs queues (xps_cpus, xps_rxqs, rps_cpus)', 'CPUs online', '/proc/cmdline']) assert.ok(m.config[label], label);

      // ground truth: every stream's htb leaf is on queue 0 or 1 (CPU 0's mask)
      const cls = m.counters.find((x) => x.source === 'tc-class')!;
      const truth = portQueues(fs.readFileSync(path.join(out, cls.before), 'utf8'), fs.readFileSync(path.join(out, cls.after), 'utf8'), ports);
      assert.equal(truth.size, STREAMS, `streams in the htb leaves: ${[...truth.keys()].join(' ')}`);
      for (const [port, qs] of truth) assert.ok([...qs.keys()].every((q) => q === 0 || q === 1), `port ${port}: queues ${[...qs.keys()].join(',')}`);

      const o = cliJson<Observed>(['observed', out]);
      assert.equal(o.source, 'trace');
      for (const s of o.streams) assert.ok(truth.get(s.localPort)?.has(s.queue as number), `port ${s.localPort}: traced queue ${s.queue} has no htb bytes`);
      const a = o.queueConfig?.queueCpu;
      assert.ok(a, 'a queue → CPU analysis on the recorded run');
      t.diagnostic(a.sentence);
      assert.ok(a.busyQueues.length >= 1 && a.busyQueues.every((q) => q === 0 || q === 1), `busy queues ${a.busyQueues.join(',')}`);
      // the shared CPU, named from the trace (measured), and the XPS mask saying the same
      assert.deepEqual(a.busyCpus, [0]);
      assert.equal(a.cpuBasis, 'measured');
      assert.deepEqual(a.tracedCpus, [0]);
      for (const q of a.queueCpu) assert.deepEqual([q.cpu, q.basis, q.configCpu, q.configBasis], [0, 'trace', 0, 'xps'], `queue ${q.queue}`);
      if (a.busyQueues.length === 2) {
        assert.deepEqual(a.sharedCpus, [{ cpu: 0, queues: [0, 1] }]);
        assert.match(a.sentence, /^CPU 0 served busy queues 0 and 1 \(measured, trace\)/);
      }
      // per-queue caps: the streams could use at most CPU 0's two queues
      const log = JSON.parse(fs.readFileSync(path.join(out, 'command.log'), 'utf8')) as { end: { sum_received: { bits_per_second: number } } };
      assert.ok(log.end.sum_received.bits_per_second < 2 * RATE_MBIT * 1e6 * 1.1, `${log.end.sum_received.bits_per_second} b/s above two queues' caps`);

      // `queue-lens config RUN`: the masks as configured, and the traced CPU of every traced tx queue
      const c = cliJson<{ queues: Array<{ queue: number; cpus: number[]; basis: string | null }>; traced: { direction: string; queues: Array<{ queue: number; cpus: number[] }> } | null }>(['config', out]);
      assert.deepEqual(c.queues.map((q) => [q.cpus, q.basis]), [[[0], 'xps'], [[0], 'xps'], [[1], 'xps'], [[1], 'xps']]);
      assert.ok(c.traced && c.traced.direction === 'tx');
      for (const q of c.traced.queues.filter((x) => o.queueBytes[x.queue] > 0 && a.busyQueues.includes(x.queue))) assert.equal(q.cpus[0], 0, `traced queue ${q.queue}`);
    } finally {
      lab.destroy();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
