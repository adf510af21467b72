// The analysis worker as the extension host drives it: the compiled worker entry, its typed protocol, its
// answers against the same core calls made here directly, cancellation and a worker that dies.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { correlate } from '../../../src/core/analysis/correlate/correlate';
import { queueSpread } from '../../../src/core/analysis/spread/queueSpread';
import { analyseCaptures } from '../../../src/core/flows';
import { planPorts } from '../../../src/core/hashing';
import { parseIperfLog } from '../../../src/core/iperf';
import { AnalysisService, JobCancelledError } from '../../../src/extension/worker/analysisService';
import { MAX_TABLE_FILE_BYTES, readTableFile } from '../../../src/extension/settings/tableFile';
import { fixturesDir } from '../../helpers/paths';

// out/src/extension/worker/analysisWorker.js, compiled beside this test's own output
const WORKER = path.join(__dirname, '..', '..', '..', 'src', 'extension', 'worker', 'analysisWorker.js');
const VXLAN = path.join(fixturesDir, 'iperf3-tcp8-vxlan');

describe('analysis worker', () => {
  const service = new AnalysisService(WORKER);

  it('reads a capture and correlates it with its iperf log exactly as core does (tunnel fields included)', async () => {
    const capture = path.join(VXLAN, 'capture-vxlan.pcap');
    const log = path.join(VXLAN, 'client.out');
    const report = await service.run({ kind: 'report', paths: [capture], binMs: 100 }).result;
    const direct = await analyseCaptures([capture], { binMs: 100 });
    assert.deepEqual(report, direct);
    const flows = report.flows.map(({ series: _s, ...f }) => f);
    const got = await service.run({ kind: 'correlate', capture: { file: 'capture-vxlan.pcap', flows }, logPath: log, logName: 'client.out' }).result;
    const want = correlate({ ...direct, file: 'capture-vxlan.pcap' }, parseIperfLog(fs.readFileSync(log, 'utf8'), 'client.out'));
    assert.deepEqual(got, want);
    assert.equal(got.matched.length, 8);
    assert.equal(got.matched.filter((m) => m.tunnelled).length, 8, 'every stream ran inside the VXLAN tunnel');
    assert.equal(got.unmatchedFlows.filter((f) => f.carries).length, 8, 'the outer UDP flows carry them');
  });

  it('computes a spread and a plan as the core functions do', async () => {
    const flows = Array.from({ length: 8 }, (_, i) => ({ tuple: { proto: 'tcp' as const, src: { ip: '10.0.0.1', port: 40000 + i }, dst: { ip: '10.0.0.2', port: 5001 } } }));
    const spread = await service.run({ kind: 'spread', flows, preset: 'windows-pv-8.1', presetOptions: {}, model: 'B', maxQueues: 8 }).result;
    assert.deepEqual(spread, queueSpread(flows, 'windows-pv-8.1', 8, {}, 'B'));
    const req = { preset: 'windows-pv-8.1' as const, opts: {}, proto: 'tcp' as const, src: '10.201.0.1', dst: { ip: '10.201.0.2', port: 5001 }, flows: 8, queues: 8, ports: [32768, 60999] as [number, number], reverse: false };
    const plan = await service.run({ kind: 'plan', ...req }).result;
    const direct = planPorts(req);
    assert.deepEqual(plan.window, direct.window);
    assert.deepEqual(plan.anyPorts, direct.anyPorts);
    assert.deepEqual(plan.request, req, 'the request comes back without the job kind');
  });

  it('reads the preset picker’s OS hint in the worker: a pcapng SHB, a pcap sender’s TTL, a folder’s iperf logs', async () => {
    const shb = await service.run({ kind: 'presetHint', capture: path.join(fixturesDir, 'iperf3-tcp8-json', 'capture.pcapng') }).result;
    assert.deepEqual(shb, { preset: 'linux-tx', evidence: 'Linux 6.18.44 in capture.pcapng (the capturing host)' });
    // a pcap names no OS: tshark shows 10.1.1.11's packets arriving with TTL 128 (Windows' initial TTL)
    const pptp = path.join(fixturesDir, 'public-captures', 'tcpdump-pptp.pcap');
    const ttl = await service.run({ kind: 'presetHint', capture: pptp, sender: '10.1.1.11' }).result;
    assert.equal(ttl?.preset, 'windows-pv-8.2-rss');
    assert.match(ttl?.evidence ?? '', /initial TTL 128 \(TTL 128 on 10\.1\.1\.11's packets in tcpdump-pptp\.pcap\)/);
    assert.equal(await service.run({ kind: 'presetHint', capture: pptp }).result, undefined, 'no sender, no SHB: no hint');
    const folder = await service.run({ kind: 'presetHint', folder: path.join(fixturesDir, 'measured-queues') }).result;
    assert.equal(folder?.preset, 'linux-tx');
    assert.match(folder?.evidence ?? '', /^Linux 6\.18\.44 in q2-k8-t1[/\\]client\.json$/);
    await assert.rejects(service.run({ kind: 'presetHint', capture: path.join(VXLAN, 'no-such.pcap'), sender: '10.0.0.1' }).result, /no-such\.pcap/);
  });

  it('reports a bad request as that job’s error, naming the file', async () => {
    const missing = path.join(VXLAN, 'no-such.log');
    await assert.rejects(service.run({ kind: 'correlate', capture: { flows: [] }, logPath: missing, logName: 'no-such.log' }).result, /no-such\.log/);
    await assert.rejects(service.run({ kind: 'sweep', dir: path.join(fixturesDir, 'no-such-folder'), preset: 'linux-tx', presetOptions: {}, model: 'A' }).result, /no-such-folder/);
  });

  it('cancels a long model B spread (1 024 flows over 1..256 queues, ~40 s of work) by message, then by terminating the worker', async () => {
    const flows = Array.from({ length: 1024 }, (_, i) => ({ tuple: { proto: 'tcp' as const, src: { ip: '10.0.0.1', port: 30000 + i }, dst: { ip: '10.0.0.2', port: 5001 } } }));
    const job = service.run({ kind: 'spread', flows, preset: 'linux-tx', presetOptions: {}, model: 'B', maxQueues: 256 });
    setTimeout(() => job.cancel(), 100);
    await assert.rejects(job.result, JobCancelledError);
  });

  it('a worker that dies rejects its job with what happened; the next job runs', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-worker-'));
    const dying = path.join(dir, 'dies.js');
    fs.writeFileSync(dying, 'process.exit(7);\n');
    await assert.rejects(new AnalysisService(dying).run({ kind: 'report', paths: [], binMs: 100 }).result, /stopped unexpectedly \(exit code 7\)/);
    const throwing = path.join(dir, 'throws.js');
    fs.writeFileSync(throwing, 'throw new Error("out of luck");\n');
    await assert.rejects(new AnalysisService(throwing).run({ kind: 'report', paths: [], binMs: 100 }).result, /the analysis worker stopped: Error: out of luck \(exit code 1\)/);
    fs.rmSync(dir, { recursive: true, force: true });
    assert.equal((await service.run({ kind: 'spread', flows: [], preset: 'linux-tx', presetOptions: {}, model: 'A', maxQueues: 2 }).result).rows.length, 2);
    assert.equal(service.busy, 0, 'finished workers are gone');
  });

  it('a fatal V8 error (heap past a 64 MiB cap) ends only the worker process: the job fails saying why, this process lives on', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-worker-'));
    const oom = path.join(dir, 'oom.js');
    // an array grown without end: in a worker thread this aborted the whole process, extension host included
    fs.writeFileSync(oom, 'const a = []; for (;;) a.push({ x: a.length });\n');
    const small = new AnalysisService(oom, { maxOldGenerationSizeMb: 64 });
    try {
      await assert.rejects(small.run({ kind: 'report', paths: [], binMs: 100 }).result, /the analysis worker stopped: .*(heap|Allocation failed|invalid array length)/i);
    } finally {
      small.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.equal((await service.run({ kind: 'spread', flows: [], preset: 'linux-tx', presetOptions: {}, model: 'A', maxQueues: 2 }).result).rows.length, 2);
  });

  it('a cancelled job\'s worker process, the spare and every running worker are gone after cancel and dispose (no orphans)', async () => {
    const own = new AnalysisService(WORKER);
    const flows = Array.from({ length: 1024 }, (_, i) => ({ tuple: { proto: 'tcp' as const, src: { ip: '10.0.0.1', port: 30000 + i }, dst: { ip: '10.0.0.2', port: 5001 } } }));
    const pids = (): number[] => [...(own as unknown as { running: Set<{ pid: number }> }).running].map((c) => c.pid);
    const alive = (pid: number): boolean => { try { process.kill(pid, 0); return true; } catch { return false; } };
    const job = own.run({ kind: 'spread', flows, preset: 'linux-tx', presetOptions: {}, model: 'B', maxQueues: 256 });
    const [cancelledPid] = pids();
    job.cancel();
    await assert.rejects(job.result, JobCancelledError);
    const running = own.run({ kind: 'spread', flows, preset: 'linux-tx', presetOptions: {}, model: 'B', maxQueues: 256 });
    running.result.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    const spare = (own as unknown as { spare?: { pid: number } }).spare?.pid;
    const runningPid = pids()[0];
    own.dispose();
    await new Promise((r) => setTimeout(r, 300));
    for (const pid of [cancelledPid, runningPid, spare].filter((p): p is number => p !== undefined)) assert.equal(alive(pid), false, `worker ${pid} still runs`);
  });
});

describe('indirection-table setting file', () => {
  it('reads ethtool -x output', async () => {
    const t = await readTableFile(path.join(fixturesDir, 'hashing', 'ethtool-x-ixgbe-8rings.txt'));
    assert.ok(t.table.length > 0);
    assert.ok(t.table.every((q) => q >= 0 && q < 8));
  });

  it('refuses a folder, a missing file and an oversized file, naming it', async () => {
    await assert.rejects(readTableFile(fixturesDir), new RegExp(`${fixturesDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a regular file`));
    await assert.rejects(readTableFile(path.join(fixturesDir, 'none.txt')), /none\.txt: no such file/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-table-'));
    const big = path.join(dir, 'big.txt');
    fs.writeFileSync(big, '0 1 2 3\n'.repeat(MAX_TABLE_FILE_BYTES / 8 + 1));
    await assert.rejects(readTableFile(big), /big\.txt is \d+ bytes; an indirection table file is at most 1048576 bytes/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('from a workspace setting, only a file inside the workspace (links followed)', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-lens-ws-'));
    const table = path.join(fixturesDir, 'hashing', 'ethtool-x-ixgbe-8rings.txt');
    fs.copyFileSync(table, path.join(ws, 'inside.txt'));
    fs.symlinkSync(table, path.join(ws, 'link-out.txt'));
    try {
      assert.ok((await readTableFile(path.join(ws, 'inside.txt'), ws)).table.length > 0);
      await assert.rejects(readTableFile(table, ws), /is outside the workspace/);
      await assert.rejects(readTableFile(path.join(ws, 'link-out.txt'), ws), /link-out\.txt is outside the workspace/);
      assert.ok((await readTableFile(table)).table.length > 0, 'the user\'s own setting may name any regular file');
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });
});
