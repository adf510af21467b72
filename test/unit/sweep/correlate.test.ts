// Capture ↔ log on every shared fixture case that has both: streams matched to flows by 4-tuple, and the bytes
// of each side agreeing with what the capture saw (tshark's own count in reference.json).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { correlate } from '../../../src/core/analysis/correlate/correlate';
import { analyseCaptures } from '../../../src/core/flows';
import { parseIperfLog } from '../../../src/core/iperf';
import { fixtureCases, fixturesDir } from '../../helpers/paths';

interface RefFlow { proto: string; a: { ip: string; port: number }; b: { ip: string; port: number }; aToB: { bytes: number; packets: number }; bToA: { bytes: number; packets: number } }
interface Reference { flows: RefFlow[]; iperf: { streams: Array<{ id: number; local: { ip: string; port: number }; remote: { ip: string; port: number }; bytes: number }> } }

const CAPTURE = /^capture.*\.(pcap|pcapng)(\.gz)?$/;
const cases = fixtureCases().flatMap((c) => {
  const dir = path.join(fixturesDir, c);
  const capture = fs.readdirSync(dir).find((f) => CAPTURE.test(f));
  return capture && fs.existsSync(path.join(dir, 'client.out')) ? [{ name: c, dir, capture }] : [];
});

const same = (x: { ip: string; port: number }, y: { ip: string; port: number }): boolean => x.ip === y.ip && x.port === y.port;

describe('correlate: shared fixtures', () => {
  it('covers every case with a capture and a client log', () => {
    assert.deepEqual(cases.map((c) => c.name), [
      'iperf2-tcp8-csv', 'iperf2-tcp8-text', 'iperf3-reverse-vlan', 'iperf3-tcp8-json', 'iperf3-tcp8-vxlan', 'iperf3-udp4-text',
    ]);
  });

  for (const c of cases) {
    it(`${c.name}: every stream has its flow; bytes agree with the capture`, async () => {
      const report = await analyseCaptures([path.join(c.dir, c.capture)]);
      const log = parseIperfLog(fs.readFileSync(path.join(c.dir, 'client.out'), 'utf8'), 'client.out');
      const ref = JSON.parse(fs.readFileSync(path.join(c.dir, 'reference.json'), 'utf8')) as Reference;
      const r = correlate(report, log);
      const streams = log.tests.flatMap((t) => t.streams);
      assert.equal(r.unmatchedStreams.length, 0, JSON.stringify(r.unmatchedStreams));
      assert.equal(r.matched.length, streams.length);
      assert.equal(r.matched.length, ref.iperf.streams.length);
      assert.equal(new Set(r.matched.map((m) => m.flowIndex)).size, r.matched.length, 'one flow per stream');
      assert.equal(r.matched.length + r.unmatchedFlows.length, report.flows.length);
      for (const m of r.matched) {
        const f = report.flows[m.flowIndex];
        const s = streams.find((x) => x.id === m.streamId)!;
        // the same 4-tuple, in one direction or the other
        assert.ok((same(f.a, s.local!) && same(f.b, s.remote!)) || (same(f.a, s.remote!) && same(f.b, s.local!)), `stream ${s.id}`);
        assert.equal(f.proto, s.protocol);
        // the data direction is the sender's: -R (reverse) sends from the server
        assert.ok(same(m.from, s.role === 'sender' ? s.local! : s.remote!));
        // iperf's figure is the log's own
        const refStream = ref.iperf.streams.find((x) => x.id === m.streamId)!;
        assert.equal(m.iperf.bytes, refStream.bytes);
        // the capture's bytes in the data direction are tshark's for that flow and direction
        const rf = ref.flows.find((x) => x.proto === f.proto && ((same(x.a, m.from) && same(x.b, m.to)) || (same(x.b, m.from) && same(x.a, m.to))))!;
        assert.ok(rf, `no tshark flow for stream ${m.streamId}`);
        const refData = same(rf.a, m.from) ? rf.aToB : rf.bToA;
        assert.equal(m.capture.bytes, refData.bytes);
        assert.equal(m.capture.packets, refData.packets);
        // wire bytes = payload + headers: a little above iperf's payload count, never below (the capture holds the whole run)
        assert.ok(m.byteRatio >= 1 && m.byteRatio < 1.05, `stream ${m.streamId}: ${m.byteRatio}`);
        if (m.iperf.receivedBytes !== undefined) assert.ok(m.capture.bytes >= m.iperf.receivedBytes);
        // and the rates measured both ways agree within 5 %
        assert.ok(Math.abs(m.capture.bitsPerSecond / m.iperf.bitsPerSecond - 1) < 0.05, `${m.capture.bitsPerSecond} vs ${m.iperf.bitsPerSecond}`);
      }
    });
  }

  it('iperf3 control connections and VXLAN carriers are left over, and named as such', async () => {
    const dir = path.join(fixturesDir, 'iperf3-tcp8-vxlan');
    const r = correlate(await analyseCaptures([path.join(dir, 'capture-vxlan.pcap')]), parseIperfLog(fs.readFileSync(path.join(dir, 'client.out'), 'utf8')));
    assert.ok(r.matched.every((m) => m.tunnelled));
    assert.ok(r.unmatchedFlows.some((f) => f.proto === 'tcp' && (f.a.port === 5201 || f.b.port === 5201)), 'control connection');
    const carried = r.unmatchedFlows.flatMap((f) => f.carries ?? []).sort((a, b) => a - b);
    assert.deepEqual(carried, r.matched.map((m) => m.flowIndex).sort((a, b) => a - b));
  });

  it('a stream whose flow is not in the capture is listed, with why', () => {
    const log = parseIperfLog(fs.readFileSync(path.join(fixturesDir, 'iperf3-tcp8-json', 'client.out'), 'utf8'));
    const r = correlate({ flows: [] }, log);
    assert.equal(r.matched.length, 0);
    assert.equal(r.unmatchedStreams.length, 8);
    assert.ok(r.unmatchedStreams.every((s) => s.reason === 'no flow with this 4-tuple in the capture' && s.local && s.remote));
  });

  it('IPv4-mapped and differently spelt IPv6 addresses are the same endpoint', () => {
    const log = parseIperfLog(fs.readFileSync(path.join(fixturesDir, 'iperf3-tcp8-json', 'client.out'), 'utf8'));
    const s = log.tests[0].streams[0];
    const flow = {
      proto: 'tcp' as const,
      a: { ip: `::ffff:${s.local!.ip}`, port: s.local!.port },
      b: { ip: s.remote!.ip, port: s.remote!.port },
      aToB: { packets: 10, bytes: 15000 }, bToA: { packets: 5, bytes: 330 }, start: 0, duration: 1,
    };
    const r = correlate({ flows: [flow] }, log);
    assert.equal(r.matched.length, 1);
    assert.equal(r.matched[0].streamId, s.id);
    assert.equal(r.matched[0].capture.bytes, 15000);
  });
});
