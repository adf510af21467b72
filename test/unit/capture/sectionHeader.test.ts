// The pcapng section header's hardware, OS and application, as the core pcapng reader reads them. The expected texts
// were read once by hand with `capinfos F` (Wireshark 4.0.17's "Capture hardware", "Capture oper-sys" and
// "Capture application" lines); tests do not run it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { sectionHeaderFacts } from '../../../src/core/capture/sectionHeader';
import { suggestFromShb } from '../../../src/extension/settings/suggest';
import { fixturesDir } from '../../helpers/paths';

const DUMPCAP = 'Dumpcap (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3)';

describe('pcapng section header facts', () => {
  it('a dumpcap capture: hardware, OS and application, as capinfos prints them', async () => {
    const facts = await sectionHeaderFacts(path.join(fixturesDir, 'iperf3-tcp8-json', 'capture.pcapng'));
    assert.deepEqual(facts, { hardware: 'AMD EPYC (with SSE4.2)', os: 'Linux 6.18.44-fc-v657', application: DUMPCAP });
    assert.deepEqual(suggestFromShb(facts, 'capture.pcapng'), { preset: 'linux-tx', evidence: 'Linux 6.18.44 in capture.pcapng (the capturing host)' });
  });

  it('through gzip (the old byte walker skipped compressed captures)', async () => {
    const facts = await sectionHeaderFacts(path.join(fixturesDir, 'iperf3-tcp16-ipv6-dumpcap', 'capture.pcapng.gz'));
    assert.deepEqual(facts, { hardware: 'AMD EPYC (with SSE4.2)', os: 'Linux 6.18.44-fc-v782', application: DUMPCAP });
  });

  it('only the options a file has: a hand-built capture names its application alone; a pcap file has no section header', async () => {
    assert.deepEqual(await sectionHeaderFacts(path.join(fixturesDir, 'capture-queues', 'q3-k8-t1-epb.pcapng')), { application: 'queue-lens make_fixtures.py (hand-built)' });
    const pcap = await sectionHeaderFacts(path.join(fixturesDir, 'public-captures', 'tcpdump-pptp.pcap'));
    assert.deepEqual(pcap, {});
    assert.equal(suggestFromShb(pcap, 'tcpdump-pptp.pcap'), undefined);
  });

  it('the OS text is the file\'s: control characters never reach the suggestion', () => {
    const s = suggestFromShb({ os: '64-bit Windows 10 (22H2)\u001b[2J\n' }, 'x.pcapng');
    assert.deepEqual(s, { preset: 'windows-pv-8.2-rss', evidence: '64-bit Windows 10 (22H2) [2J in x.pcapng (the capturing host)' });
  });
});
