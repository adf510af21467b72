// Exact queues from captures: pcapng epb_queue / epb_hash, and a folder of one capture per queue. The fixtures are
// hand-built (test/fixtures/capture-queues/make_fixtures.py) from real runs of measured-queues, whose per-port htb
// classes are the ground truth (truth.json); tshark is the reference for what the pcapng's options say.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { describe, it } from 'node:test';
import { NONE } from '../../../src/core/capture/decode';
import { forEachPacket } from '../../../src/core/capture/forEachPacket';
import { captureWireBytes } from '../../../src/core/analysis/observed/wireBytes';
import { observeCaptureQueues } from '../../../src/core/analysis/observed/fromCaptureQueues';
import { QUEUE_CAPTURE_NAME, readRun } from '../../../src/core/runs/readRun';
import { runReport } from '../../../src/core/runs/runReport';
import { runView } from '../../../src/extension/views/runView';
import { fixturesDir } from '../../helpers/paths';
import { runCli } from '../sweep/helpers';

const measured = path.join(fixturesDir, 'measured-queues');
const here = path.join(fixturesDir, 'capture-queues');
const RUNS = ['q3-k8-t1', 'q4-k8-t1'];

interface Truth { queues: number; portQueue: Record<string, number> }
interface Exact {
  source: string; how: string; queues: number; streamsPerQueue: number[];
  streams: Array<{ localPort: number; queue: number | null; moved: boolean; source: string; hash?: { algorithm: number; algorithmName: string; hex: string } }>;
}
const truthOf = (run: string): Truth => JSON.parse(fs.readFileSync(path.join(measured, run, 'truth.json'), 'utf8')) as Truth;
const portQueues = (o: Exact): Record<string, number | null> => Object.fromEntries(o.streams.map((s) => [String(s.localPort), s.queue]));

/**
 * tshark's `-Y tcp -T fields -e tcp.srcport -e tcp.dstport -e frame.interface_queue` of a fixture, committed beside
 * it (`X.tshark-queues.tsv`, made with tshark 4.0.17; tests never run tshark).
 */
function tsharkQueues(file: string): string {
  return fs.readFileSync(file.replace(/\.pcapng$/, '.tshark-queues.tsv'), 'utf8');
}

/** The CRC32 (big-endian hex) of the last captured frame each TCP source port sent: what make_fixtures wrote. */
async function lastCrcBySport(file: string): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  await forEachPacket(file, (r, st, d) => {
    if (st === NONE) return;
    out.set(d.sport, zlib.crc32(r.buf.subarray(r.dataOff, r.dataOff + r.caplen)).toString(16).padStart(8, '0'));
  });
  return out;
}

describe('pcapng epb_queue / epb_hash', () => {
  for (const run of RUNS) {
    const file = path.join(here, `${run}-epb.pcapng`);

    it(`${run}: the reader's frames per (flow, queue) equal tshark's frame.interface_queue`, async () => {
      const ts = tsharkQueues(file);
      const want = new Map<string, number>();
      for (const line of ts.split('\n').filter((l) => l !== '')) {
        const [sp, dp, q] = line.split('\t');
        const k = `${sp}>${dp}@${q === '' ? '-' : q}`;
        want.set(k, (want.get(k) ?? 0) + 1);
      }
      const w = await captureWireBytes(file);
      const got = new Map<string, number>();
      for (const f of w.flows.values()) {
        const queued = (f.queues ?? []).reduce((a, q) => a + q.frames, 0);
        for (const q of f.queues ?? []) got.set(`${f.srcPort}>${f.dstPort}@${q.queue}`, q.frames);
        if (f.frames > queued) got.set(`${f.srcPort}>${f.dstPort}@-`, f.frames - queued);
      }
      assert.deepEqual(new Map([...got].sort()), new Map([...want].sort()));
    });

    it(`${run}: observed states every stream's queue from the capture, equal to truth.json, with its CRC32 epb_hash`, async () => {
      const r = await runCli(['observed', path.join(measured, run), '--capture', file, '--json']);
      assert.equal(r.code, 0, r.err);
      const o = JSON.parse(r.out) as Exact;
      const truth = truthOf(run);
      assert.equal(o.source, 'capture-queue');
      assert.equal(o.how, 'epb_queue');
      assert.equal(o.streams.length, 8);
      assert.deepEqual(portQueues(o), truth.portQueue);
      assert.ok(o.streams.every((s) => s.source === 'capture-queue' && !s.moved));
      const crc = await lastCrcBySport(path.join(measured, run, 'capture.pcap'));
      for (const s of o.streams) assert.deepEqual(s.hash, { algorithm: 2, algorithmName: 'CRC32', hex: crc.get(s.localPort) });
    });
  }

  it('a capture without the options costs nothing and is not an exact source: the counters answer', async () => {
    const w = await captureWireBytes(path.join(measured, 'q4-k8-t1', 'capture.pcap'));
    assert.ok([...w.flows.values()].every((f) => f.queues === undefined && f.hash === undefined));
    const run = readRun(path.join(measured, 'q4-k8-t1'));
    assert.equal(await observeCaptureQueues(run), undefined);
    const r = await runCli(['observed', path.join(measured, 'q4-k8-t1'), '--json']);
    assert.equal(r.code, 0, r.err);
    assert.equal((JSON.parse(r.out) as { source?: string; bytesSource: string }).bytesSource, 'capture');
  });
});

describe('one capture per queue', () => {
  it('names: q0.pcap, queue-3.pcapng, rx-2.pcap, tx_1.pcap.gz are accepted; capture.pcap, q.pcap, queue3x.pcap are not', () => {
    for (const n of ['q0.pcap', 'queue-3.pcapng', 'rx-2.pcap', 'tx_1.pcap.gz', 'Q12.cap']) assert.ok(QUEUE_CAPTURE_NAME.test(n), n);
    for (const n of ['capture.pcap', 'q.pcap', 'queue3x.pcap', 'q-1.txt']) assert.ok(!QUEUE_CAPTURE_NAME.test(n), n);
  });

  for (const run of RUNS) {
    const dir = path.join(here, 'per-queue', run);
    it(`${run}: every stream's queue is the file it appears in, equal to truth.json (CLI and the run view's report agree)`, async () => {
      const r = await runCli(['observed', dir, '--json']);
      assert.equal(r.code, 0, r.err);
      const o = JSON.parse(r.out) as Exact;
      assert.equal(o.source, 'capture-queue');
      assert.equal(o.how, 'per-queue captures');
      assert.deepEqual(portQueues(o), truthOf(run).portQueue);
      const rep = await runReport(dir);
      assert.deepEqual(rep.observed, o);
      // the run view (the worker's report drawn): measured by the capture, each flow's queue as in truth.json
      const v = runView(rep);
      assert.equal(v.observedBy, 'capture');
      assert.deepEqual(Object.fromEntries(v.observed!.streams.map((s) => [String(s.localPort), s.queue])), truthOf(run).portQueue);
      assert.ok(v.observed!.streams.every((s) => s.measured === `q${s.queue} (measured)`));
    });
  }

  it('two captures naming one queue are refused with both names', () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-cq-'));
    try {
      for (const n of ['q1.pcap', 'queue-1.pcap']) fs.copyFileSync(path.join(here, 'per-queue', 'q4-k8-t1', 'q1.pcap'), path.join(d, n));
      assert.throws(() => readRun(d), /two captures name queue 1 \(q1\.pcap, queue-1\.pcap\)|two captures name queue 1 \(queue-1\.pcap, q1\.pcap\)/);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
