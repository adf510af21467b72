// One IPv6 text form (RFC 5952, capture/address.ts) wherever a packet's address becomes text: the flow report, the
// senders' TTLs and the wire bytes all print what tshark prints. The expected texts are tshark's, from the fixtures'
// reference.json (made by make-reference.mjs from tshark's ip/ipv6 fields; tests never run tshark).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { senderTtls } from '../../../src/core/capture/senderTtl';
import { captureWireBytes } from '../../../src/core/analysis/observed/wireBytes';
import { analyseCaptures } from '../../../src/core/flows';
import { fixturesDir } from '../../helpers/paths';

interface Ref { flows: { a: { ip: string }; b: { ip: string } }[] }

/** Captures whose tshark reference names IPv6 addresses, with those addresses. */
function ipv6Cases(): { file: string; tshark: Set<string> }[] {
  const pub = path.join(fixturesDir, 'public-captures');
  const refs = fs.readdirSync(pub).filter((n) => n.endsWith('.reference.json')).map((n) => [path.join(pub, n.replace(/\.reference\.json$/, '')), path.join(pub, n)]);
  refs.push([path.join(fixturesDir, 'iperf3-tcp16-ipv6-dumpcap', 'capture.pcapng.gz'), path.join(fixturesDir, 'iperf3-tcp16-ipv6-dumpcap', 'reference.json')]);
  return refs.map(([file, ref]) => {
    const r = JSON.parse(fs.readFileSync(ref, 'utf8')) as Ref;
    return { file, tshark: new Set(r.flows.flatMap((f) => [f.a.ip, f.b.ip]).filter((ip) => ip.includes(':'))) };
  }).filter((c) => c.tshark.size > 0);
}

describe('IPv6 text as tshark prints it', () => {
  it('the flow report, the senders\' TTLs and the wire bytes print the same addresses as tshark, on every capture with IPv6', async () => {
    const cases = ipv6Cases();
    assert.ok(cases.length >= 12, `${cases.length} captures with IPv6 references`);
    const seen = new Set<string>();
    for (const { file, tshark } of cases) {
      const report = await analyseCaptures([file]);
      const ours = new Set(report.flows.flatMap((f) => [f.a.ip, f.b.ip]).filter((ip) => ip.includes(':')));
      assert.deepEqual([...ours].sort(), [...tshark].sort(), path.basename(file));
      const wire = await captureWireBytes(file);
      const ttl = await senderTtls(file);
      for (const ip of [...[...wire.flows.values()].flatMap((f) => [f.src, f.dst]), ...ttl.keys()].filter((a) => a.includes(':'))) {
        assert.ok(tshark.has(ip), `${path.basename(file)}: ${ip} is not how tshark prints any of ${[...tshark].join(', ')}`);
        seen.add(ip);
      }
    }
    // leading zeros dropped (6d4), a lone zero group kept (…:fe88:0), the longest zero run as "::"
    for (const ip of ['2001:470:1f11:81f:d138:5f55:6d4:1fe2', 'fe80::ce05:eff:fe88:0', 'fe80::a667:6ff:fef7:ec54', 'fd00:215::1']) assert.ok(seen.has(ip), ip);
  });
});
