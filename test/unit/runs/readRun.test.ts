// The run reader on real logs and counters: whose log is whose by content, both ends read, real ambiguities named,
// a recorded folder read by its run.json, a one-queue device measured as one busy queue.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { logStreams, logTolerance, observeRunInputs } from '../../../src/core/analysis/observed/observeRun';
import { RUN_MANIFEST_FORMAT, RunManifest } from '../../../src/core/runs/manifest';
import { readRun } from '../../../src/core/runs/readRun';
import { readRunLog, RunLog } from '../../../src/core/runs/runLogs';
import { fixturesDir, repoRoot } from '../../helpers/paths';
import { runCli } from '../sweep/helpers';

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-readrun-'));
after(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** A folder made of fixture files under new names: name → fixture path (relative to test/fixtures). */
function folder(name: string, files: Record<string, string>): string {
  const d = path.join(tmpRoot, name);
  fs.mkdirSync(d, { recursive: true });
  for (const [to, from] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(d, to)), { recursive: true });
    fs.copyFileSync(path.join(fixturesDir, from), path.join(d, to));
  }
  return d;
}

const q5 = 'measured-queues/q5-k8-t1';
const q5Files = {
  'qdisc-before.txt': `${q5}/qdisc-before.txt`, 'qdisc-after.txt': `${q5}/qdisc-after.txt`,
  'ethtool-before.txt': `${q5}/ethtool-before.txt`, 'ethtool-after.txt': `${q5}/ethtool-after.txt`,
};
const truthQ5 = JSON.parse(fs.readFileSync(path.join(fixturesDir, q5, 'truth.json'), 'utf8')) as { portQueue: Record<string, number>; busyQueues: number };

describe('run logs: the client\'s and the server\'s told apart by content', () => {
  const cases: Array<[string, string, string]> = [
    ['iperf2-tcp8-text', 'iperf2', 'text'], ['iperf3-tcp8-json', 'iperf3', 'json'], ['iperf3-udp4-text', 'iperf3', 'text'],
  ];
  for (const [dir, tool, format] of cases) {
    it(`${dir}: client.out is the client's, server.out the server's (${tool} ${format})`, () => {
      const c = readRunLog(path.join(fixturesDir, dir, 'client.out')) as RunLog;
      const s = readRunLog(path.join(fixturesDir, dir, 'server.out')) as RunLog;
      assert.equal(c.side, 'client');
      assert.equal(s.side, 'server');
      assert.equal(c.log.tool, tool);
      assert.equal(c.log.format, format);
    });

    it(`${dir}: both logs in one folder under names that say nothing: the client's is the run's, the server's its peer`, async () => {
      // the server's log named first, so a choice by order or name would take it
      const d = folder(`both-${dir}`, { 'a.log': `${dir}/server.out`, 'b.log': `${dir}/client.out` });
      const run = readRun(d);
      assert.equal(path.basename(run.log!.file), 'b.log');
      assert.equal(run.log!.side, 'client');
      assert.equal(path.basename(run.peer!.file), 'a.log');
      assert.deepEqual(run.warnings, []);
    });
  }

  it('iperf 2 CSV does not say which end wrote it: the two logs of one run are a named ambiguity, not an error', () => {
    const d = folder('csv-both', { 'client.csv.log': 'iperf2-tcp8-csv/client.out', 'server.csv.log': 'iperf2-tcp8-csv/server.out' });
    const run = readRun(d);
    assert.equal(path.basename(run.log!.file), 'client.csv.log');
    assert.equal(run.warnings.length, 1);
    assert.match(run.warnings[0], /client\.csv\.log, server\.csv\.log hold the same streams in iperf 2's CSV form, which does not say which end wrote it/);
  });

  it('two client logs of different runs are refused, naming both', () => {
    const d = folder('two-clients', { 'one.log': 'iperf2-tcp8-text/client.out', 'two.json': 'iperf3-tcp8-json/client.out' });
    assert.throws(() => readRun(d), /2 client logs \(one\.log, two\.json\): name one with --log/);
  });

  it('a server log alone is read, and the warning says the streams are as the server saw them', () => {
    const d = folder('server-only', { 'server.log': 'iperf3-udp4-text/server.out' });
    const run = readRun(d);
    assert.equal(run.log!.side, 'server');
    assert.match(run.warnings.join('\n'), /only the server's log \(server\.log\)/);
  });
});

describe('run folders a user makes by hand', () => {
  it('client.json + server.json is no longer refused: the client\'s log is matched, 8 of 8 streams on their true queues', async () => {
    // the server's log of another run beside it: read, found not to be this run's, and said so
    const d = folder('client-server-json', { ...q5Files, 'client.json': `${q5}/client.json`, 'server.json': 'iperf3-tcp8-json/server.out', 'capture.pcap': `${q5}/capture.pcap` });
    const r = await runCli(['observed', d, '--json']);
    assert.equal(r.code, 0, r.err);
    const o = JSON.parse(r.out) as { log: string; busyQueues: number; streams: Array<{ localPort: number; queue: number | null }>; warnings: string[] };
    assert.equal(path.basename(o.log), 'client.json');
    assert.equal(o.busyQueues, truthQ5.busyQueues);
    assert.equal(o.streams.length, 8);
    for (const s of o.streams) assert.equal(s.queue, truthQ5.portQueue[String(s.localPort)], `port ${s.localPort}`);
    assert.match(o.warnings.join('\n'), /server\.json is a server's log, but none of the 8 streams of the client's client\.json are in it/);
  });

  it('client.txt (iperf3 text) + server.json: the client\'s log is taken, the streams were sent (tx), never "received by this host"', async () => {
    const d = folder('client-txt-server-json', { ...q5Files, 'client.txt': 'iperf3-udp4-text/client.out', 'server.json': 'iperf3-tcp8-json/server.out' });
    const run = readRun(d);
    assert.equal(path.basename(run.log!.file), 'client.txt');
    assert.equal(run.log!.side, 'client');
    const o = await observeRunInputs(run);
    assert.equal(o.counters.direction, 'tx');
    assert.doesNotMatch(JSON.stringify(o), /received by this host/);
    const cli = await runCli(['observed', d]);
    assert.doesNotMatch(cli.out + cli.err, /received by this host/);
    assert.match(cli.out, /streams: .*client\.txt/);
  });

  it('iperf 2: the server\'s log beside the client\'s lends its receiver totals (the client\'s log has only the sender\'s)', () => {
    const d = folder('iperf2-both', { 'client.log': 'iperf2-tcp8-text/client.out', 'server.log': 'iperf2-tcp8-text/server.out' });
    const run = readRun(d);
    assert.equal(path.basename(run.peer!.file), 'server.log');
    const alone = logStreams(run.log!.log, run.log!.file);
    const withPeer = logStreams(run.log!.log, run.log!.file, run.peer);
    assert.equal(alone.tolerance, logTolerance(false));
    assert.equal(withPeer.tolerance, logTolerance(true));
    // each stream's bytes are now what the server received
    const server = readRunLog(path.join(fixturesDir, 'iperf2-tcp8-text/server.out')) as RunLog;
    const received = new Map(server.log.tests[0].streams.map((s) => [s.remote!.port, s.totals!.bytes]));
    for (const s of withPeer.streams) assert.equal(s.bytes, received.get(s.localPort), `port ${s.localPort}`);
  });
});

describe('a log named beside its folder', () => {
  it('the counters beside it are found by its name (tc/q5-t2.after.txt), as the editor\'s annotations ask', () => {
    const dir = path.join(repoRoot, 'samples', 'experiment');
    const run = readRun(dir, { log: path.join(dir, 'q5-t2.iperf.log') });
    assert.equal(run.counters?.files.after, path.join(dir, 'tc', 'q5-t2.after.txt'));
    assert.equal(run.counters?.files.before, path.join(dir, 'tc', 'q5-t2.before.txt'));
    // relative paths too (the CLI's)
    const relDir = path.relative(process.cwd(), dir);
    const rel = readRun(relDir, { log: path.join(relDir, 'q5-t2.iperf.log') });
    assert.equal(rel.counters?.files.after, path.join(relDir, 'tc', 'q5-t2.after.txt'));
  });
});

describe('a one-queue device (no mq): measured as 1 of 1 busy', () => {
  const oneQ = 'one-queue-run';
  it('without a queue count, the non-mq root is not taken for one queue (it could be shared by many)', () => {
    const d = folder('oneq-unknown', { 'client.json': `${oneQ}/client.json`, 'qdisc-before.txt': `${oneQ}/qdisc-before.txt`, 'qdisc-after.txt': `${oneQ}/qdisc-after.txt` });
    const run = readRun(d);
    assert.equal(run.counters, undefined);
    assert.match(run.warnings.join('\n'), /not mq/);
  });

  it('a recorded run whose configuration says one tx queue: `observed` says 1 of 1 busy, every stream on q0', async () => {
    const d = folder('oneq-recorded', {
      'client.json': `${oneQ}/client.json`, 'counters/qdisc-before.txt': `${oneQ}/qdisc-before.txt`,
      'counters/qdisc-after.txt': `${oneQ}/qdisc-after.txt`, 'config/queues.txt': `${oneQ}/queues.txt`,
    });
    const m: RunManifest = {
      format: RUN_MANIFEST_FORMAT, command: ['iperf3', '-c', '10.77.0.2', '-P', '4', '-t', '2', '-J'], device: 'vA', netns: '',
      start: '2026-12-06T22:40:00.000Z', end: '2026-12-06T22:40:02.100Z', exitCode: 0, log: 'client.json', tools: {},
      trace: { recorded: false, reason: 'hand-written manifest for this test' },
      counters: [{ source: 'tc-qdisc', before: 'counters/qdisc-before.txt', after: 'counters/qdisc-after.txt' }],
      config: { 'queues (ls /sys/class/net/DEV/queues)': 'config/queues.txt' }, notRecorded: [],
    };
    fs.writeFileSync(path.join(d, 'run.json'), JSON.stringify(m));
    const r = await runCli(['observed', d, '--json']);
    assert.equal(r.code, 0, r.err);
    const o = JSON.parse(r.out) as { queues: number; busyQueues: number; streams: Array<{ queue: number | null }> };
    assert.equal(o.queues, 1);
    assert.equal(o.busyQueues, 1);
    assert.equal(o.streams.length, 4);
    assert.ok(o.streams.every((s) => s.queue === 0));
    const text = await runCli(['observed', d]);
    assert.match(text.out, /measured: 1 of 1 queues busy/);
  });

  it('a sweep run folder named for one queue (q1-…) gets its counters: 1 of 1 busy, measured', async () => {
    const d = folder('oneq-sweep', {
      'q1-t1/client.json': `${oneQ}/client.json`, 'q1-t1/qdisc-before.txt': `${oneQ}/qdisc-before.txt`, 'q1-t1/qdisc-after.txt': `${oneQ}/qdisc-after.txt`,
      ...Object.fromEntries(Object.entries({ ...q5Files, 'client.json': `${q5}/client.json` }).map(([k, v]) => [`q5-t1/${k}`, v])),
    });
    const r = await runCli(['sweep', d, '--json']);
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out) as { runs: Array<{ queues: number; spread?: { source: string; occupied: number } }> };
    const one = s.runs.find((x) => x.queues === 1)!;
    assert.equal(one.spread?.source, 'observed');
    assert.equal(one.spread?.occupied, 1);
    assert.equal(s.runs.find((x) => x.queues === 5)!.spread?.occupied, truthQ5.busyQueues);
  });
});

describe('a sweep of recorded runs', () => {
  it('a folder of run folders recorded by queue-lens record: read by their run.json, each stream’s queue from the trace', async () => {
    const d = path.join(tmpRoot, 'recorded-sweep');
    fs.cpSync(path.join(repoRoot, 'samples', 'recorded', 'iperf3-p8-q4'), path.join(d, 'a'), { recursive: true });
    fs.cpSync(path.join(fixturesDir, 'recorded-interval', 'run'), path.join(d, 'b'), { recursive: true });
    // the same run with its trace withheld: the counters answer (busy queues), as for any run without a trace
    fs.cpSync(path.join(fixturesDir, 'recorded-interval', 'run'), path.join(d, 'c'), { recursive: true });
    const m = JSON.parse(fs.readFileSync(path.join(d, 'c', 'run.json'), 'utf8')) as RunManifest;
    fs.writeFileSync(path.join(d, 'c', 'run.json'), JSON.stringify({ ...m, trace: { recorded: false, reason: 'withheld by this test' } }));
    const r = await runCli(['sweep', d, '--json']);
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out) as { runs: Array<{ name: string; queues: number; spread?: { source: string; occupied: number; loads?: number[] } }> };
    assert.deepEqual(s.runs.map((x) => [x.name, x.queues]), [['a', 4], ['b', 4], ['c', 4]].map(([n, q]) => [path.join(n as string, 'command.log'), q]));
    for (const [i, sub] of [[0, 'a'], [1, 'b']] as const) {
      // a traced run: every stream's queue from the trace, as `queue-lens observed` gives it
      const o = JSON.parse((await runCli(['observed', path.join(d, sub), '--json'])).out) as { source: string; streamsPerQueue: number[]; busyQueues: number };
      assert.equal(o.source, 'trace');
      assert.equal(s.runs[i].spread?.source, 'observed');
      assert.deepEqual(s.runs[i].spread?.loads, o.streamsPerQueue, sub);
      assert.equal(s.runs[i].spread?.occupied, o.busyQueues);
    }
    const c = s.runs[2].spread!;
    assert.equal(c.source, 'observed');
    assert.equal(c.occupied, 4);
  });
});

describe('each input read once', () => {
  it('a sweep of the measured-queues runs reads each run’s log and each counter file once (it read each log four times)', async () => {
    const { loadSweepFolderWithCaptures } = await import('../../../src/core/analysis/sweep/sweepLoader');
    const reads = new Map<string, number>();
    // the module object itself (the namespace import is a read-only view of it): every reader calls through it
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const nodeFs = require('node:fs') as { readFileSync: typeof fs.readFileSync };
    const original = nodeFs.readFileSync;
    // count every whole-file read the loader makes, by file
    nodeFs.readFileSync = ((file: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
      if (typeof file === 'string') reads.set(file, (reads.get(file) ?? 0) + 1);
      return (original as (...a: unknown[]) => unknown)(file, ...rest);
    }) as typeof fs.readFileSync;
    let loaded;
    try {
      loaded = await loadSweepFolderWithCaptures(path.join(fixturesDir, 'measured-queues'));
    } finally {
      nodeFs.readFileSync = original;
    }
    assert.equal(loaded.runs.length, 6);
    assert.ok(loaded.runs.every((r) => r.counters), 'every run has its counters');
    const logs = [...reads].filter(([f]) => f.endsWith('client.json'));
    assert.equal(logs.length, 6);
    for (const [f, n] of reads) assert.equal(n, 1, `${f} read ${n} times`);
  });
});

describe('one route for counter files: the editor reads what the CLI reads', () => {
  it('a /sys/class/net/DEV folder: the worker\'s counters job says what `queue-lens counters` says (the editor could not read folders)', async () => {
    const { readCountersJob } = await import('../../../src/extension/worker/countersJob');
    // a folder shaped as /sys/class/net/DEV: queues/tx-0 and rx-0 with one attribute each (one queue each way, as loopback has)
    const dev = path.join(tmpRoot, 'sysfs', 'lo0');
    for (const q of ['tx-0', 'rx-0']) {
      fs.mkdirSync(path.join(dev, 'queues', q), { recursive: true });
      fs.writeFileSync(path.join(dev, 'queues', q, q.startsWith('tx') ? 'tx_timeout' : 'rps_cpus'), '0\n');
    }
    const cli = await runCli(['counters', dev]);
    assert.equal(cli.code, 2);
    assert.match(cli.err, /lo0 has 1 tx and 1 rx queues, but sysfs keeps no per-queue packet or byte counters/);
    await assert.rejects(readCountersJob(dev, undefined), (e: Error) => cli.err.includes(e.message));
  });
});
