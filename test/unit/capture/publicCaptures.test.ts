// Public captures (tcpdump's, Zeek's, libpcap's and Suricata's test files) through every encapsulation and link type we read: flow tables equal the
// reference each file's make-reference.mjs derived from tshark's own dissection, and what we cannot read is named.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyseCaptures, FlowJson, FlowReport } from '../../../src/core/flows';
import { fixturesDir } from '../../helpers/paths';

const dir = path.join(fixturesDir, 'public-captures');
interface Reference { file: string; format: string; packets: number; bytes: number; flows: FlowJson[] }

const key = (f: { proto: string; a: { ip: string; port: number }; b: { ip: string; port: number } }): string =>
  `${f.proto} ${f.a.ip}:${f.a.port} > ${f.b.ip}:${f.b.port}`;

function assertFlowsEqual(ours: FlowReport, ref: Reference): void {
  assert.equal(ours.format, ref.format);
  assert.equal(ours.packets, ref.packets, 'packets');
  assert.equal(ours.bytes, ref.bytes, 'bytes');
  const byKey = new Map(ours.flows.map((f) => [key(f), f]));
  assert.deepEqual([...byKey.keys()].sort(), ref.flows.map(key).sort(), 'same flows, same A side');
  for (const r of ref.flows) {
    const o = byKey.get(key(r))!;
    assert.deepEqual({ aToB: o.aToB, bToA: o.bToA }, { aToB: r.aToB, bToA: r.bToA }, key(r));
    assert.ok(Math.abs(o.start - r.start) <= 1e-6, `${key(r)} start ${o.start} vs ${r.start}`);
    assert.ok(Math.abs(o.duration - r.duration) <= 1e-6, `${key(r)} duration ${o.duration} vs ${r.duration}`);
  }
}

const refs = fs.readdirSync(dir).filter((f) => f.endsWith('.reference.json')).sort();

const read = (name: string): Promise<FlowReport> => analyseCaptures([path.join(dir, name)]);

describe('public captures equal tshark', () => {
  it('there are references to compare with', () => assert.ok(refs.length >= 20, `${refs.length} references`));
  for (const r of refs) {
    const ref = JSON.parse(fs.readFileSync(path.join(dir, r), 'utf8')) as Reference;
    it(ref.file, async () => {
      assertFlowsEqual(await read(ref.file), ref);
      // Records that cross every chunk boundary give the same table.
      assert.deepEqual(await analyseCaptures([path.join(dir, ref.file)], { chunkSize: 97 }), await read(ref.file));
    });
  }
});

describe('public captures: carriers, fragments and what is not decoded', () => {
  it('GRE: inner flows name their carrier, the outer address pair (a NIC hashes it without ports)', async () => {
    const r = await read('zeek-gre-sample.pcap');
    assert.ok(r.flows.length >= 5);
    for (const f of r.flows) assert.deepEqual(f.carrier, { kind: 'gre', a: '172.27.1.66', b: '66.59.109.137' }, key(f));
    assert.ok(r.flows.every((f) => f.tunnel === undefined), 'no UDP carrier');
  });
  it('IP-in-IP: 4in4, 4in6, 6in4, 6in6 and 6in6in6 name their outermost carrier', async () => {
    const outer: Record<string, string> = {};
    for (const f of ['4in4', '4in6', '6in4', '6in6', '6in6in6']) {
      const r = await read(`zeek-${f}.pcap`);
      assert.equal(r.flows.length, 1, f);
      assert.equal(r.flows[0].carrier?.kind, 'ip-in-ip', f);
      outer[f] = r.flows[0].carrier!.a.includes(':') ? 'v6' : 'v4';
    }
    assert.deepEqual(outer, { '4in4': 'v4', '4in6': 'v6', '6in4': 'v4', '6in6': 'v6', '6in6in6': 'v6' });
  });
  it('ERSPAN II and keyed Ethernet-over-GRE (NVGRE) carry the session / VSID', async () => {
    const ii = await read('tcpdump-erspan-type-ii-2.pcap');
    assert.ok(ii.flows.length === 4 && ii.flows.every((f) => f.carrier?.kind === 'erspan' && typeof f.carrier.id === 'number'));
    const nv = await read('zeek-erspan.pcap');
    assert.ok(nv.flows.every((f) => f.carrier?.kind === 'nvgre'));
  });
  it('GTP-U, VXLAN-GPE, GRE-in-UDP and AYIYA: the inner flow links to its outer UDP flow, which is in the table', async () => {
    for (const [file, kind] of [['zeek-gtp7_ipv6.pcap', 'gtp-u'], ['tcpdump-nsh-over-vxlan-gpe.pcap', 'vxlan-gpe'], ['zeek-gre-over-udp-4754.pcap', 'gre-udp'], ['zeek-ayiya3.pcap', 'ayiya']]) {
      const r = await read(file);
      const inner = r.flows.filter((f) => f.tunnel?.kind === kind);
      assert.ok(inner.length > 0, file);
      for (const f of inner) {
        const t = f.tunnel!;
        assert.ok(r.flows.some((o) => o.proto === 'udp' && key(o) === key({ proto: 'udp', a: t.a, b: t.b })), `${file}: carrier ${key({ proto: 'udp', a: t.a, b: t.b })}`);
      }
    }
    const gtp = await read('zeek-gtp7_ipv6.pcap');
    assert.ok(gtp.flows.some((f) => f.tunnel?.vni !== undefined && f.tunnel.vni > 0x7fffffff), 'a TEID above 2^31 stays unsigned');
  });
  it('IPv6 fragments join their datagram by the fragment header id; one whose first fragment is missing is named', async () => {
    const r = await read('zeek-ipv6-fragmented-dns.pcap');
    const frag = r.flows.filter((f) => f.fragments);
    assert.equal(frag.length, 1);
    assert.equal(frag[0].fragments!.bytes, frag[0].bToA.bytes, 'the fragmented answer: every packet of it a fragment');
    assert.deepEqual(r.warnings, ['1 IP fragment (404 bytes) of datagrams never completed in the capture (a fragment missing, or cut short by the snap length): counted in the totals, in no flow, as tshark counts them.']);
  });
  it('fragmented GRE datagrams (Zeek erspan.pcap): the later fragments count in the flows inside', async () => {
    const r = await read('zeek-erspan.pcap');
    assert.ok(r.flows.filter((f) => f.fragments).length >= 2);
  });
  it('GTP-U with fragmented outer datagrams: four whose second fragment is not in the capture are in no flow, as in tshark, and named', async () => {
    // frames 56, 80, 90, 92 of the file (1514 bytes each): tshark leaves them unreassembled and counts them nowhere
    const r = await read('zeek-gtp1_gn_normal_incl_fragmentation.pcap');
    assert.deepEqual(r.warnings, [`4 IP fragments (${4 * 1514} bytes) of datagrams never completed in the capture (a fragment missing, or cut short by the snap length): counted in the totals, in no flow, as tshark counts them.`]);
  });
  it('Zeek\'s fragment traces: overlapping and duplicate fragments all count in their datagram; an incomplete one in no flow', async () => {
    // fragmented-1: a second offset-0 fragment, longer and conflicting, completes the datagram (tshark lists all three)
    const one = await read('zeek-fragmented-1.pcap');
    assert.deepEqual(one.flows.map((f) => [key(f), f.aToB.packets, f.fragments?.count]), [['udp 164.1.123.163:123 > 164.1.123.61:137', 3, 3]]);
    // fragmented-4: the last fragment comes before the one filling the gap; the datagram completes at that one
    const four = await read('zeek-fragmented-4.pcap');
    assert.equal(four.flows.find((f) => f.a.port === 7790)?.fragments?.count, 4);
    // fragmented-2 (a gap never filled) and -3 (no last fragment): no flow at all, as tshark lists none
    for (const [file, n] of [['zeek-fragmented-2.pcap', 3], ['zeek-fragmented-3.pcap', 5]] as const) {
      const r = await read(file);
      assert.deepEqual(r.flows, [], file);
      assert.match(r.warnings.join('\n'), new RegExp(`^${n} IP fragments \\(\\d+ bytes\\) of datagrams never completed`), file);
    }
  });
  it('a first fragment with only 8 bytes of its TCP header (Suricata bug 6887) makes its flow, the header read reassembled', async () => {
    const r = await read('suricata-defrag-bug-6887-ipv4-tcp-syn.pcap');
    assert.deepEqual(r.flows.map((f) => [key(f), f.aToB.packets]), [['tcp 1.1.1.1:12345 > 2.2.2.2:8080', 3]]);
  });
  it('what is not decoded is counted and named', async () => {
    assert.deepEqual((await read('tcpdump-macsec-encrypted.pcap')).warnings, ['1 packet in MACsec (802.1AE) frames not decoded (encrypted or modified payload).']);
    assert.deepEqual((await read('tcpdump-erspan-type-iii-ft-7.pcap')).warnings,
      ['58 packets in ERSPAN with a frame type or version we do not decode (GRE protocol types seen: 0x22eb).']);
  });
  it('an unencrypted MACsec frame is read through', async () => assert.equal((await read('tcpdump-macsec-short-valid.pcap')).flows.length, 1));
  it('a record above the snap length is read, with one warning', async () => {
    const r = await read('tcpdump-bootp_asan.pcap');
    assert.equal(r.flows.length, 1);
    assert.deepEqual(r.warnings, [`${path.join(dir, 'tcpdump-bootp_asan.pcap')}: records longer than the snap length 53 (the first, 90 bytes, at byte offset 24); read as libpcap and tshark do, up to 262144 bytes.`]);
  });
  it('invalid timestamp fractions are read as tshark reads them, and warned', async () => {
    const r = await read('tcpdump-timestamp_invalid_micro.pcap');
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0], /2 packets with an invalid timestamp fraction \(microseconds ≥ 1e6\)/);
    // nanoseconds 10⁹ and 2³¹: tshark holds (1 s, 1 147 483 649 ns) after the first record, 2.147483649 s
    const nano = await read('tcpdump-timestamp_invalid_nano.pcap');
    assert.match(nano.warnings.join('\n'), /2 packets with an invalid timestamp fraction/);
    assert.ok(Math.abs(nano.flows[0].duration - 2.147483649) < 1e-9, String(nano.flows[0].duration));
  });
  it('Wi-Fi: radiotap, 802.11, PPI and Aruba GRE carry 802.11 data frames to their flows', async () => {
    for (const [file, lt] of [['zeek-radiotap.pcap', 127], ['zeek-wlanmon.pcap', 105], ['tcpdump-ieee802.11_htc.pcap', 127], ['libpcap-http_PPI.pcap', 192]] as const) {
      const r = await read(file);
      assert.deepEqual(r.linkTypes, [lt], file);
      assert.ok(r.flows.length > 0, file);
      assert.deepEqual(r.warnings, [], file);
    }
    const aruba = await read('zeek-gre-aruba.pcap');
    assert.equal(aruba.flows.length, 23);
    assert.ok(aruba.flows.every((f) => f.carrier?.kind === 'gre'), 'each flow names its GRE carrier');
  });
  it('an A-MSDU\'s subframes are each counted, as tshark\'s taps count them: one frame, two packets of its flow', async () => {
    const r = await read('zeek-gre-aruba-amsdu.pcap');
    assert.equal(r.packets, 1);
    assert.equal(r.flows.length, 1);
    assert.deepEqual(r.flows[0].aToB, { packets: 2, bytes: 2 * r.bytes });
  });
  it('hand-built radiotap: data pad, four addresses, HT control, FCS, QoS Null, three A-MSDU subframes (7 flows, as tshark)', async () => {
    const r = await read('handbuilt-radiotap.pcap');
    assert.deepEqual(r.flows.map((f) => f.a.port).sort(), [1000, 1001, 1002, 1003, 1005, 1006, 1007]);
    assert.deepEqual(r.warnings, ['1 packet in protected (encrypted) 802.11 data frames not decoded.']);
  });
  it('protected (encrypted) 802.11 frames are counted and named', async () => {
    assert.deepEqual((await read('libpcap-wpa-Induction.pcap')).warnings, ['2 packets in protected (encrypted) 802.11 data frames not decoded.']);
    assert.deepEqual((await read('zeek-gre-aruba-ccmp.pcap')).warnings, ['2 packets in protected (encrypted) 802.11 data frames not decoded.']);
  });
  it('malformed headers tshark throws on are in no flow, and named: IPv4 options, TCP options, TCP headers past the packet', async () => {
    for (const file of ['suricata-bug-7414-ip_secopt.pcap', 'suricata-firewall-decode-malformed-ipv4.pcap']) {
      assert.deepEqual((await read(file)).warnings, ['1 packet rejected as tshark does: an IPv4 option shorter than its fixed fields (tshark reports a malformed packet).'], file);
    }
    const tcp = (n: number): string => `${n} packet${n === 1 ? '' : 's'} rejected as tshark does: TCP header running past the packet, or a SACK/MPTCP option shorter than its fields (tshark reports a malformed packet).`;
    for (const [file, n] of [['suricata-tcp-empty-sack.pcap', 1], ['tcpdump-mptcp-dss-oobr.pcap', 1], ['suricata-mac-eve-packet.pcap', 2], ['suricata-transform-base64-7296.pcap', 2], ['suricata-bug-76.pcap', 1], ['handbuilt-tcp-options.pcap', 98]] as const) {
      assert.ok((await read(file)).warnings.includes(tcp(n)), file);
    }
  });
  it('no phantom flows where tshark lists no conversation', async () => {
    for (const file of ['tcpdump-mptcp-dss-oobr.pcap', 'suricata-mac-eve-packet.pcap', 'suricata-decode-too-small.pcap']) assert.deepEqual((await read(file)).flows, [], file);
  });
  it('a source route\'s last hop is the destination tshark\'s taps count', async () => {
    const r = await read('suricata-detect-ipopts.pcap');
    assert.deepEqual(r.flows.map((f) => f.b.ip).sort(), ['13.14.15.16', '5.6.7.8', '8.8.8.8']);
  });
  it('link types named in the report', async () => {
    for (const [file, lt] of [['tcpdump-nflog.pcap', 239], ['tcpdump-ipoib.pcap', 242], ['tcpdump-LINKTYPE_PKTAP.pcap', 258], ['tcpdump-bgp-aigp.pcap', 178], ['tcpdump-bgp_vpn_attrset.pcap', 9],
      ['tcpdump-arcnet-rfc1051-arp-icmp-http.pcap', 129], ['tcpdump-arcnet-rfc1201-arp-icmp-http.pcap', 129], ['tcpdump-LINKTYPE_USER2_PKTAP.pcap', 149]] as const) {
      const r = await read(file);
      assert.deepEqual(r.linkTypes, [lt], file);
      assert.ok(r.flows.length > 0, file);
    }
  });
});

describe('a headers-only capture (snap length 60 over TCP timestamps) keeps its flows', () => {
  it('TCP headers cut by the snap length count in their flows (tshark throws there; the ports are all there)', async () => {
    // The real iperf2 capture rewritten with every record cut to 60 bytes, as `tcpdump -s 60` (or editcap -s 60) writes it.
    const src = fs.readFileSync(path.join(fixturesDir, 'iperf2-tcp8-text', 'capture.pcap'));
    const parts: Buffer[] = [Buffer.from(src.subarray(0, 24))];
    parts[0].writeUInt32LE(60, 16);
    for (let o = 24; o + 16 <= src.length;) {
      const incl = src.readUInt32LE(o + 8);
      const rec = Buffer.from(src.subarray(o, o + 16 + Math.min(incl, 60)));
      rec.writeUInt32LE(Math.min(incl, 60), 8);
      parts.push(rec);
      o += 16 + incl;
    }
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ql-snap-'));
    const cut = path.join(tmp, 'snap60.pcap');
    fs.writeFileSync(cut, Buffer.concat(parts));
    const whole = await analyseCaptures([path.join(fixturesDir, 'iperf2-tcp8-text', 'capture.pcap')]);
    const r = await analyseCaptures([cut]).finally(() => fs.rmSync(tmp, { recursive: true, force: true }));
    assert.deepEqual(r.flows.map((f) => [key(f), f.aToB.packets, f.bToA.packets]), whole.flows.map((f) => [key(f), f.aToB.packets, f.bToA.packets]));
    assert.deepEqual(r.warnings, []);
  });
});
