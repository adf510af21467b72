// The tunnel kinds named once: every kind the decoders open is in the list, with a number the flow table can hold, and
// the names the report writes are the list's (checked against tshark's references through the capture tests).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TUNNEL_KINDS, tunnelId, tunnelKind, tunnelTitle } from '../../../src/core/capture/tunnelKinds';
import { analyseCaptures } from '../../../src/core/flows';
import { eth, geneve, ipv4, pcapFile, tcp, udp, vxlan, writeTemp } from './builders';

describe('tunnel kinds', () => {
  it('numbers 1.. in order (0 is "no tunnel"), names and UDP ports each used once', () => {
    assert.deepEqual(TUNNEL_KINDS.map((k) => k.id), TUNNEL_KINDS.map((_, i) => i + 1));
    assert.equal(new Set(TUNNEL_KINDS.map((k) => k.name)).size, TUNNEL_KINDS.length);
    const ports = TUNNEL_KINDS.flatMap((k) => ('udpPort' in k ? [k.udpPort] : []));
    assert.equal(new Set(ports).size, ports.length);
    for (const k of TUNNEL_KINDS) {
      assert.equal(tunnelKind(k.id), k);
      assert.equal(tunnelId(k.name), k.id);
    }
    assert.equal(tunnelKind(0), undefined);
    assert.equal(tunnelKind(TUNNEL_KINDS.length + 1), undefined);
    assert.equal(tunnelTitle('mpls-udp'), 'MPLS over UDP');
  });

  it('a UDP kind is found on its port from the list, and the report names it by the list', async () => {
    const inner = (port: number): Buffer => eth(0x0800, ipv4('10.1.0.1', '10.1.0.2', 6, tcp(port, 5201)));
    const frames = [
      eth(0x0800, ipv4('192.0.2.1', '192.0.2.2', 17, udp(50000, tunnelKind(tunnelId('vxlan'))!.udpPort!, vxlan(42, inner(40000))))),
      eth(0x0800, ipv4('192.0.2.1', '192.0.2.3', 17, udp(50001, tunnelKind(tunnelId('geneve'))!.udpPort!, geneve(7, 0x6558, inner(40001))))),
    ];
    const file = writeTemp('tunnel-kinds.pcap', pcapFile(frames.map((data, i) => ({ sec: 1 + i, frac: 0, data }))));
    const r = await analyseCaptures([file]);
    assert.deepEqual(r.flows.filter((f) => f.tunnel).map((f) => [f.tunnel!.kind, f.tunnel!.vni, f.tunnel!.b.port]), [['vxlan', 42, 4789], ['geneve', 7, 6081]]);
  });
});
