// System test (root): a veth in two namespaces with 4 tx queues whose XPS masks fold queues 0 and 1 onto CPU 0 and
// queues 2 and 3 onto CPU 1, per-queue htb caps with one leaf per client port (ground truth of each stream's queue),
// an iperf3 client pinned to CPU 0. The configuration read back from sysfs names CPU 0 as shared by the busy queues,
// and the per-port htb leaves confirm every stream left through a queue of CPU 0. Skips without root or tools.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeQueueCpus } from '../../../src/core/analysis/queueCpu/queueCpu';
import { busyQueueList } from '../../../src/core/analysis/sweep/sweepCpuSteps';
import { explainQueueConfig, loadConfigInputs } from '../../../src/core/config';
import { counterDelta, readCounters } from '../../../src/core/counters';
import { runCli } from '../sweep/helpers';

const TOOLS = ['ip', 'tc', 'iperf3', 'taskset'];
const onPath = (t: string): boolean => (process.env.PATH ?? '').split(':').some((d) => d && fs.existsSync(path.join(d, t)));
const skip = process.getuid?.() !== 0 ? 'needs root (network namespaces, tc, sysfs XPS masks)'
  : TOOLS.find((t) => !onPath(t)) ? `${TOOLS.find((t) => !onPath(t))} not found`
    : os.cpus().length < 2 ? 'needs 2 CPUs' : false;

const ID = `${process.pid % 100000}`;
const NS_A = `qlxps${ID}a`;
const NS_B = `qlxps${ID}b`;
const DEV_A = `qx${ID}a`;
const DEV_B = `qx${ID}b`;
const IP_A = '10.93.0.1';
const IP_B = '10.93.0.2';
const QUEUES = 4;
const STREAMS = 8;
const CPORT = 43000;
const RATE_MBIT = 40;
const sh = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8', timeout: 20_000 });
const hex = (n: number): string => n.toString(16);

function setup(): void {
  sh('ip', ['netns', 'add', NS_A]);
  sh('ip', ['netns', 'add', NS_B]);
  sh('ip', ['link', 'add', DEV_A, 'netns', NS_A, 'numtxqueues', String(QUEUES), 'numrxqueues', String(QUEUES), 'type', 'veth',
    'peer', 'name', DEV_B, 'netns', NS_B, 'numtxqueues', String(QUEUES), 'numrxqueues', String(QUEUES)]);
  for (const [ns, dev, ip] of [[NS_A, DEV_A, IP_A], [NS_B, DEV_B, IP_B]]) {
    sh('ip', ['-n', ns, 'addr', 'add', `${ip}/24`, 'dev', dev]);
    sh('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    sh('ip', ['-n', ns, 'link', 'set', dev, 'up']);
  }
  // XPS: queues 0, 1 → CPU 0; queues 2, 3 → CPU 1 (two queues share each CPU)
  const masks = ['1', '1', '2', '2'];
  sh('ip', ['netns', 'exec', NS_A, 'sh', '-c', masks.map((m, q) => `echo ${m} > /sys/class/net/${DEV_A}/queues/tx-${q}/xps_cpus`).join('; ')]);
  sh('tc', ['-n', NS_A, 'qdisc', 'add', 'dev', DEV_A, 'root', 'handle', '1:', 'mq']);
  for (let q = 0; q < QUEUES; q++) {
    const major = hex(16 + q);
    sh('tc', ['-n', NS_A, 'qdisc', 'add', 'dev', DEV_A, 'parent', `1:${hex(q + 1)}`, 'handle', `${major}:`, 'htb', 'default', 'ff']);
    sh('tc', ['-n', NS_A, 'class', 'add', 'dev', DEV_A, 'parent', `${major}:`, 'classid', `${major}:1`, 'htb', 'rate', `${RATE_MBIT}mbit`, 'ceil', `${RATE_MBIT}mbit`]);
    for (let s = 0; s < STREAMS; s++) {
      sh('tc', ['-n', NS_A, 'class', 'add', 'dev', DEV_A, 'parent', `${major}:1`, 'classid', `${major}:${hex(16 + s)}`, 'htb', 'rate', `${RATE_MBIT * 1000 / STREAMS}kbit`, 'ceil', `${RATE_MBIT}mbit`]);
      sh('tc', ['-n', NS_A, 'filter', 'add', 'dev', DEV_A, 'parent', `${major}:`, 'protocol', 'ip', 'prio', '1', 'u32', 'match', 'ip', 'sport', String(CPORT + s), '0xffff', 'flowid', `${major}:${hex(16 + s)}`]);
    }
    sh('tc', ['-n', NS_A, 'class', 'add', 'dev', DEV_A, 'parent', `${major}:1`, 'classid', `${major}:ff`, 'htb', 'rate', '1mbit', 'ceil', `${RATE_MBIT}mbit`]);
  }
}

function cleanup(): void {
  for (const ns of [NS_A, NS_B]) { try { sh('ip', ['netns', 'del', ns]); } catch { /* not there */ } }
}

/** Bytes per client port and the queue whose htb leaf counted them (after − before). */
function portQueues(before: string, after: string): Map<number, number> {
  const leaf = (text: string): Map<string, number> => {
    const m = new Map<string, number>();
    const re = /^class htb ([0-9a-f]+):([0-9a-f]+) parent [0-9a-f]+:1 [^\n]*\n\s*Sent (\d+) bytes/gm;
    for (let x = re.exec(text); x; x = re.exec(text)) m.set(`${x[1]}:${x[2]}`, Number(x[3]));
    return m;
  };
  const b = leaf(before);
  const out = new Map<number, number>();
  for (const [id, bytes] of leaf(after)) {
    const [major, minor] = id.split(':').map((h) => parseInt(h, 16));
    if (minor === 0xff) continue;
    if (bytes - (b.get(id) ?? 0) > 100_000) out.set(CPORT + minor - 16, major - 16);
  }
  return out;
}

describe('XPS folding two queues onto one CPU, on a real veth', { skip }, () => {
  it('names CPU 0 as shared by the busy queues; the htb leaves put every stream on a queue of CPU 0', async () => {
    const run = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-xps-'));
    let server: ReturnType<typeof spawn> | undefined;
    try {
      cleanup();
      setup();
      server = spawn('ip', ['netns', 'exec', NS_B, 'iperf3', '-s', '-B', IP_B, '-1'], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 500));
      const qdisc = (): string => sh('tc', ['-n', NS_A, '-s', 'qdisc', 'show', 'dev', DEV_A]);
      const cls = (): string => sh('tc', ['-n', NS_A, '-s', 'class', 'show', 'dev', DEV_A]);
      const qBefore = qdisc();
      const cBefore = cls();
      const log = sh('ip', ['netns', 'exec', NS_A, 'taskset', '-c', '0', 'iperf3', '-c', IP_B, '-P', String(STREAMS), '-t', '2', '--cport', String(CPORT), '-J']);
      const qAfter = qdisc();
      const cAfter = cls();
      // the configuration as record saves it: ethtool -l is n/a for veth here, so the sysfs masks and the CPUs
      fs.mkdirSync(path.join(run, 'config'));
      fs.writeFileSync(path.join(run, 'config', 'sysfs-queues.txt'), sh('ip', ['netns', 'exec', NS_A, 'sh', '-c', `grep . /sys/class/net/${DEV_A}/queues/*/xps_cpus /sys/class/net/${DEV_A}/queues/*/rps_cpus`]));
      fs.writeFileSync(path.join(run, 'config', 'nproc'), `${os.cpus().length}\n`);
      const loaded = loadConfigInputs([run]);
      const config = explainQueueConfig(loaded.pieces);
      assert.equal(config.effective, QUEUES);
      assert.deepEqual(config.queues.map((q) => [q.xpsCpus, q.cpus, q.basis]), [[[0], [0], 'xps'], [[0], [0], 'xps'], [[1], [1], 'xps'], [[1], [1], 'xps']]);

      const delta = counterDelta({ snap: readCounters(qBefore, 'qdisc-before'), file: 'qdisc-before' }, { snap: readCounters(qAfter, 'qdisc-after'), file: 'qdisc-after' });
      const busy = busyQueueList(delta.tx.map((c) => c.bytes ?? 0));
      // measured: only the queues of CPU 0's XPS mask carried the streams
      assert.ok(busy.length >= 1 && busy.every((q) => q === 0 || q === 1), `busy queues ${busy.join(',')}`);
      const a = analyzeQueueCpus(config, busy);
      assert.deepEqual(a.busyCpus, [0]);
      if (busy.length === 2) {
        assert.deepEqual(a.sharedCpus, [{ cpu: 0, queues: [0, 1] }]);
        assert.match(a.sentence, /^CPU 0 served busy queues 0 and 1 \(configured/);
      }
      // the ground truth of each stream's queue: its htb leaf
      const truth = portQueues(cBefore, cAfter);
      assert.equal(truth.size, STREAMS, `streams seen in the htb leaves: ${[...truth].join(' ')}`);
      assert.ok([...truth.values()].every((q) => q === 0 || q === 1), `leaves: ${[...truth].join(' ')}`);
      // per-queue caps: the run could use at most the two queues of CPU 0 (measured throughput, iperf3)
      const bps = (JSON.parse(log) as { end: { sum_received: { bits_per_second: number } } }).end.sum_received.bits_per_second;
      assert.ok(bps < 2 * RATE_MBIT * 1e6 * 1.1, `${bps} b/s above two queues' caps`);
      // and the CLI says the same
      const cli = await runCli(['config', run, '--json']);
      assert.equal(cli.code, 0, cli.err);
      assert.deepEqual((JSON.parse(cli.out) as { queues: Array<{ cpus: number[] }> }).queues.map((q) => q.cpus), [[0], [0], [1], [1]]);
    } finally {
      server?.kill();
      cleanup();
      fs.rmSync(run, { recursive: true, force: true });
    }
  });
});
