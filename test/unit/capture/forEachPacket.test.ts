// The one packet loop, on real captures: every packet once (counts as capinfos reports them, read by hand once:
// tcpdump-pptp.pcap 23 packets, iperf2-tcp8-text/capture.pcap 3633; the per-queue captures q0, q1, q2 of one run
// 1286, 1244 and 1376, each in time order), merged in time order across files, a limit, an abort, and a broken file.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { FLOW } from '../../../src/core/capture/decode';
import { CaptureFormatError } from '../../../src/core/capture/errors';
import { forEachPacket } from '../../../src/core/capture/forEachPacket';
import { fixturesDir } from '../../helpers/paths';

const PPTP = path.join(fixturesDir, 'public-captures', 'tcpdump-pptp.pcap');
const IPERF = path.join(fixturesDir, 'iperf2-tcp8-text', 'capture.pcap');
const QUEUES = ['q0', 'q1', 'q2'].map((q) => path.join(fixturesDir, 'capture-queues', 'per-queue', 'q3-k8-t1', `${q}.pcap`));

describe('forEachPacket', () => {
  it('visits every packet once, decoded, and returns what the file said besides', async () => {
    let n = 0;
    let flows = 0;
    const files = await forEachPacket(PPTP, (_r, st) => { n++; if (st === FLOW) flows++; });
    assert.equal(n, 23);
    assert.ok(flows > 0 && flows <= n);
    assert.equal(files.length, 1);
    assert.equal(files[0].format, 'pcap');
    assert.deepEqual(files[0].linkTypes, [1]);
  });

  it('merges several files by timestamp, with progress up to the files\' sizes', async () => {
    const times: number[] = [];
    const from = new Set<string>();
    let last = [0, 0];
    await forEachPacket(QUEUES, (r) => { times.push(r.sec + r.nsec * 1e-9); from.add(r.file); }, { chunkSize: 4096, onProgress: (done, total) => { last = [done, total]; } });
    assert.equal(times.length, 1286 + 1244 + 1376);
    assert.equal(from.size, 3);
    assert.ok(times.every((t, i) => i === 0 || t >= times[i - 1]), 'time order');
    assert.equal(last[0], last[1]);
  });

  it('stops after `limit` packets, across files too', async () => {
    let n = 0;
    await forEachPacket(IPERF, () => { n++; }, { limit: 100, chunkSize: 4096 });
    assert.equal(n, 100);
    n = 0;
    await forEachPacket([IPERF, PPTP], () => { n++; }, { limit: 3000 });
    assert.equal(n, 3000);
  });

  it('an abort between reads ends the loop with an AbortError', async () => {
    const ac = new AbortController();
    let n = 0;
    await assert.rejects(forEachPacket(IPERF, () => { if (++n === 50) ac.abort(); }, { chunkSize: 4096, signal: ac.signal }), { name: 'AbortError' });
    assert.ok(n < 3633, `${n} packets visited`);
  });

  it('a capture cut inside a record: the packets before it, and a warning naming the file and offset', async () => {
    const file = path.join(fixturesDir, 'bad', 'truncated-mid-record.pcap');
    let n = 0;
    const [facts] = await forEachPacket(file, () => { n++; });
    assert.ok(n >= 1);
    assert.match([...facts.warnings].join('\n'), /truncated-mid-record\.pcap.*byte offset \d+/);
    await assert.rejects(forEachPacket(path.join(fixturesDir, 'bad', 'not-a-capture.pcap'), () => undefined), (e: unknown) => e instanceof CaptureFormatError && e.offset === 0);
  });
});
