// Which capture flows the queue view counts: a VXLAN-tunnelled stream and its carriers are one data flow.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyseCaptures } from '../../../src/core/flows';
import { captureSpreadFlows, tunnelTree } from '../../../src/extension/documents/captureFlows';
import { fixturesDir, repoRoot } from '../../helpers/paths';

const VXLAN = path.join(fixturesDir, 'iperf3-tcp8-vxlan');

describe('captureSpreadFlows on iperf3 -P 8 over VXLAN', () => {
  it('counts the 8 iperf3 streams once each (not 16), hashed by the outer UDP flow that carried them', async () => {
    const report = await analyseCaptures([path.join(VXLAN, 'capture-vxlan.pcap')]);
    // The iperf3 -J log says which 8 data streams ran (its control connection carries almost nothing).
    const log = JSON.parse(fs.readFileSync(path.join(VXLAN, 'client.out'), 'utf8')) as { start: { connected: { local_port: number }[] } };
    const ports = log.start.connected.map((c) => c.local_port).sort((a, b) => a - b);
    assert.equal(ports.length, 8);
    const { flows, note } = captureSpreadFlows(report);
    assert.equal(flows.length, 8, note);
    const inner = report.flows.filter((f) => f.tunnel && ports.includes(f.a.port));
    assert.equal(inner.length, 8);
    // Each data flow is hashed as its carrier: the outer tuple the inner flow names, not the inner tuple.
    assert.deepEqual(
      flows.map((f) => `${f.tuple.src.ip}:${f.tuple.src.port}>${f.tuple.dst.ip}:${f.tuple.dst.port}`).sort(),
      inner.map((f) => `${f.tunnel!.a.ip}:${f.tunnel!.a.port}>${f.tunnel!.b.ip}:${f.tunnel!.b.port}`).sort(),
    );
    assert.ok(flows.every((f) => f.tuple.dst.port === 4789 && f.tuple.proto === 'udp'));
    // ... and named by the inner flow it carried (the iperf3 stream), with its tunnel said in words
    assert.deepEqual(
      flows.map((f) => `${f.inner?.tuple.src.port}>${f.inner?.tuple.dst.port} ${f.inner?.tunnel} via ${f.tuple.src.port}`).sort(),
      inner.map((f) => `${f.a.port}>${f.b.port} VXLAN 42 via ${f.tunnel!.a.port}`).sort(),
    );
    assert.match(note, /8 data flows/);
    assert.match(note, /hashed by their outer UDP flow/);
  });

  it('with inner hashing chosen (a NIC with inner RSS), the same 8 data flows are hashed by the iperf3 streams themselves', async () => {
    const report = await analyseCaptures([path.join(VXLAN, 'capture-vxlan.pcap')]);
    const { flows, note } = captureSpreadFlows(report, 'inner');
    assert.equal(flows.length, 8);
    assert.ok(flows.every((f) => f.tuple.proto === 'tcp' && f.tuple.dst.port === 5201 && f.inner?.tuple === f.tuple), JSON.stringify(flows.map((f) => f.tuple)));
    assert.deepEqual(flows.map((f) => f.bytes), captureSpreadFlows(report, 'outer').flows.map((f) => f.bytes), 'the same flows, the same bytes');
    assert.match(note, /hashed by their inner flow \(queueLens\.tunnelHashing: inner/);
  });

  it('nests each inner flow under its carrier and each return carrier under its inner flow', async () => {
    const report = await analyseCaptures([path.join(VXLAN, 'capture-vxlan.pcap')]);
    const { parent, carrier } = tunnelTree(report.flows);
    report.flows.forEach((f, i) => {
      if (!f.tunnel) return;
      const up = report.flows[parent[i]];
      assert.ok(up, `inner flow ${f.a.port} has a carrier`);
      assert.deepEqual([up.a, up.b], [f.tunnel.a, f.tunnel.b]);
      assert.ok(carrier[parent[i]]);
      // its return traffic: the outer flow from the far tunnel end whose bytes equal the inner flow's B→A bytes
      const back = report.flows.findIndex((_g, j) => parent[j] === i);
      assert.ok(back >= 0, `inner flow ${f.a.port} has its return carrier nested`);
      assert.equal(report.flows[back].aToB.bytes, f.bToA.bytes);
      assert.equal(report.flows[back].a.ip, f.tunnel.b.ip);
    });
    // Every inner flow's two carriers are carriers; the 9 tunnelled flows (8 streams + control) have 18.
    const tunnelled = report.flows.filter((f) => f.tunnel).length;
    assert.equal(tunnelled, 9);
    assert.equal(carrier.filter(Boolean).length, 2 * tunnelled + 1, 'plus the stray one-packet return flow of the first VXLAN packet');
  });

  it('still gives the 8 iperf2 streams of the sample capture (with its stray VXLAN packets) as its data flows', async () => {
    const report = await analyseCaptures([path.join(repoRoot, 'samples', 'iperf2-8-streams.pcap')]);
    const { flows } = captureSpreadFlows(report);
    assert.equal(flows.length, 8);
    assert.ok(flows.every((f) => f.tuple.proto === 'tcp' && f.tuple.dst.port === 5001), JSON.stringify(flows.map((f) => f.tuple)));
    assert.ok(flows.every((f) => f.inner === undefined), 'no tunnel, no inner name');
  });
});
