// The TTL each sender's packets arrive with (the preset picker's weakest OS hint), against tshark's ip.ttl/ipv6.hlim:
//   tshark -r F -Y 'tcp||udp' -T fields -e ip.src -e ip.ttl -e ipv6.src -e ipv6.hlim | sort | uniq -c
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { initialTtl, senderTtls } from '../../../src/core/capture/senderTtl';
import { suggestFromTtl } from '../../../src/extension/settings/suggest';
import { fixturesDir } from '../../helpers/paths';

describe('sender TTL', () => {
  it('a Windows client (TTL 128) and its PPTP server (64) in a tcpdump test capture, as tshark reads them', async () => {
    const ttls = await senderTtls(path.join(fixturesDir, 'public-captures', 'tcpdump-pptp.pcap'));
    assert.deepEqual(Object.fromEntries(ttls), { '10.1.1.10': 64, '10.1.1.11': 128 });
    const s = suggestFromTtl('10.1.1.11', 128, initialTtl(128), 'tcpdump-pptp.pcap');
    assert.equal(s?.preset, 'windows-pv-8.2-rss');
    assert.match(s?.evidence ?? '', /^Windows by its initial TTL 128 \(TTL 128 on 10\.1\.1\.11's packets in tcpdump-pptp\.pcap\)$/);
  });

  it('IPv6 hop limits through gzip and pcapng (an iperf3 -6 run between Linux namespaces)', async () => {
    const ttls = await senderTtls(path.join(fixturesDir, 'iperf3-tcp16-ipv6-dumpcap', 'capture.pcapng.gz'));
    assert.deepEqual(Object.fromEntries(ttls), { 'fd00:215::1': 64, 'fd00:215::2': 64 });
    assert.equal(suggestFromTtl('fd00:215::1', 64, 64, 'x')?.preset, 'linux-tx');
  });

  it('rounds a TTL up to the initial value a stack starts from; a router-like 255 suggests nothing', () => {
    assert.deepEqual([1, 32, 33, 64, 65, 117, 128, 129, 255].map(initialTtl), [32, 32, 64, 64, 128, 128, 128, 255, 255]);
    assert.equal(suggestFromTtl('192.0.2.1', 250, 255, 'x'), undefined);
  });
});
