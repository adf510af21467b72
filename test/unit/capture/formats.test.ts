// Hand-made captures for every format feature and link layer the issue lists.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyseCaptures, FlowReport } from '../../../src/core/flows';
import { formatIPv6 } from '../../../src/core/capture/address';
import { cat, eth, geneve, ipv4, ipv6, Ng, pcapFile, sll1, sll2, tcp, udp, vxlan, writeTemp } from './builders';
import { readRecords } from './records';

const v4 = (sp = 1000, dp = 80) => ipv4('10.0.0.1', '10.0.0.2', 6, tcp(sp, dp));
const v4back = (sp = 1000, dp = 80) => ipv4('10.0.0.2', '10.0.0.1', 6, tcp(dp, sp));

async function one(data: Buffer, linkType: number): Promise<FlowReport> {
  return analyseCaptures([writeTemp(`lt${linkType}-${data.length}.pcap`, pcapFile([{ sec: 5, frac: 0, data }], { linkType }))]);
}

function only(r: FlowReport): string {
  assert.equal(r.flows.length, 1, JSON.stringify(r.flows));
  const f = r.flows[0];
  return `${f.proto} ${f.a.ip}:${f.a.port} ${f.b.ip}:${f.b.port}`;
}

describe('link layers', () => {
  it('Ethernet with a stack of 802.1ad + 802.1Q + 802.1Q tags', async () => {
    assert.equal(only(await one(eth(0x0800, v4(), [[0x88a8, 200], [0x8100, 300], [0x8100, 7]]), 1)), 'tcp 10.0.0.1:1000 10.0.0.2:80');
  });
  it('Linux cooked v1 and v2', async () => {
    assert.equal(only(await one(sll1(0x0800, v4()), 113)), 'tcp 10.0.0.1:1000 10.0.0.2:80');
    assert.equal(only(await one(sll2(0x86dd, ipv6('fd00::1', 'fd00::2', 17, udp(5, 6))), 276)), 'udp fd00::1:5 fd00::2:6');
  });
  it('raw IP 101, 228, 229', async () => {
    assert.equal(only(await one(v4(), 101)), 'tcp 10.0.0.1:1000 10.0.0.2:80');
    assert.equal(only(await one(ipv6('2001:db8::1', '2001:db8::2', 6, tcp(1, 2)), 101)), 'tcp 2001:db8::1:1 2001:db8::2:2');
    assert.equal(only(await one(v4(), 228)), 'tcp 10.0.0.1:1000 10.0.0.2:80');
    assert.equal(only(await one(ipv6('::1', '::2', 17, udp(1, 2)), 229)), 'udp ::1:1 ::2:2');
  });
  it('BSD loopback in either byte order, and OpenBSD loop', async () => {
    assert.equal(only(await one(cat([2, 0, 0, 0], v4()), 0)), 'tcp 10.0.0.1:1000 10.0.0.2:80');
    assert.equal(only(await one(cat([0, 0, 0, 30], ipv6('::1', '::1', 6, tcp(9, 10))), 0)), 'tcp ::1:9 ::1:10');
    assert.equal(only(await one(cat([0, 0, 0, 2], v4()), 108)), 'tcp 10.0.0.1:1000 10.0.0.2:80');
  });
  it('non-IP frames count in the totals but make no flow', async () => {
    const r = await one(eth(0x0806, Buffer.alloc(28)), 1);
    assert.equal(r.packets, 1);
    assert.equal(r.flows.length, 0);
  });
});

describe('encapsulations without a public capture here (byte-exact hand-built frames)', () => {
  const inner = ipv4('10.0.0.1', '10.0.0.2', 6, tcp(1000, 80));
  it('802.1BR E-tag: 6 bytes, then the ethertype', async () => {
    assert.equal(only(await one(eth(0x893f, cat(Buffer.alloc(6), [0x08, 0x00], inner)), 1)), 'tcp 10.0.0.1:1000 10.0.0.2:80');
  });
  it('FDDI (link type 10): frame control, two addresses, LLC/SNAP', async () => {
    const fddi = cat([0x50], Buffer.alloc(12), [0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00], inner);
    assert.equal(only(await one(fddi, 10)), 'tcp 10.0.0.1:1000 10.0.0.2:80');
  });
  it('PPI (link type 192) over Ethernet and 802.11; over a link type we do not decode (Prism) it is named in a warning', async () => {
    const hdr = (dlt: number): Buffer => { const h = Buffer.alloc(8); h.writeUInt16LE(8, 2); h.writeUInt32LE(dlt, 4); return h; };
    assert.equal(only(await one(cat(hdr(1), eth(0x0800, inner)), 192)), 'tcp 10.0.0.1:1000 10.0.0.2:80');
    // 802.11 QoS data from the DS (fc 0x88, flags 0x02), three addresses, sequence, QoS control, then LLC/SNAP
    const wlanQos = cat([0x88, 0x02, 0, 0], Buffer.alloc(20), [0, 0], [0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00], inner);
    assert.equal(only(await one(cat(hdr(105), wlanQos), 192)), 'tcp 10.0.0.1:1000 10.0.0.2:80');
    const r = await one(cat(hdr(119), Buffer.alloc(40)), 192);
    assert.equal(r.flows.length, 0);
    assert.match(r.warnings.join('\n'), /^1 packet not decoded: link-layer header .* carrying a link type we do not decode\.$/);
  });
  it('PPP in HDLC framing (link type 50) and Cisco HDLC (104)', async () => {
    assert.equal(only(await one(cat([0xff, 0x03, 0x00, 0x21], inner), 50)), 'tcp 10.0.0.1:1000 10.0.0.2:80');
    assert.equal(only(await one(cat([0x0f, 0x00, 0x08, 0x00], inner), 104)), 'tcp 10.0.0.1:1000 10.0.0.2:80');
  });
  it('IPsec ESP is named as not decoded; TCP data offset below 5 and UDP length below 8 are rejected and named', async () => {
    const esp = await one(eth(0x0800, ipv4('10.0.0.1', '10.0.0.2', 50, Buffer.alloc(40))), 1);
    assert.deepEqual(esp.warnings, ['1 packet in IPsec ESP not decoded (encrypted).']);
    const t = tcp(1000, 80);
    t[12] = 4 << 4;
    const bad = await one(eth(0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, t)), 1);
    assert.deepEqual([bad.flows.length, bad.warnings], [0, ['1 packet rejected as tshark does: TCP data offset below 5 (header shorter than 20 bytes).']]);
    const u = udp(53, 53, 4);
    u.writeUInt16BE(7, 4);
    const badU = await one(eth(0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, u)), 1);
    assert.deepEqual([badU.flows.length, badU.warnings], [0, ['1 packet rejected as tshark does: UDP length below 8.']]);
  });
  it('IPv4 total length shorter than its header is rejected and named', async () => {
    const p = ipv4('10.0.0.1', '10.0.0.2', 6, tcp(1000, 80));
    p.writeUInt16BE(19, 2);
    const r = await one(eth(0x0800, p), 1);
    assert.deepEqual([r.flows.length, r.warnings.length], [0, 1]);
    assert.match(r.warnings[0], /IPv4 total length shorter than its header/);
  });
  it('any number of IPv6 extension headers within the packet', async () => {
    const ext = Array.from({ length: 40 }, () => ({ type: 60 }));
    assert.equal(only(await one(eth(0x86dd, ipv6('fd00::1', 'fd00::2', 6, tcp(4000, 5201), ext)), 1)), 'tcp fd00::1:4000 fd00::2:5201');
  });
});

describe('network layer', () => {
  it('IPv4 options and fragments: the later fragment joins the first (which carries the ports) by IP ID', async () => {
    // 104 bytes at offset 0, then the last 100 at 104 (13 × 8): the datagram is complete, so it counts.
    const recs = [
      { sec: 1, frac: 0, data: eth(0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, udp(7, 8, 96), { options: 8, more: true })) },
      { sec: 1, frac: 1, data: eth(0x0800, ipv4('10.0.0.1', '10.0.0.2', 17, Buffer.alloc(100), { fragOffset: 13 })) },
    ];
    const r = await analyseCaptures([writeTemp('frag.pcap', pcapFile(recs))]);
    assert.equal(only(r), 'udp 10.0.0.1:7 10.0.0.2:8');
    assert.equal(r.flows[0].aToB.packets, 2);
    assert.deepEqual(r.flows[0].fragments, { count: 2, bytes: r.bytes });
    assert.equal(r.packets, 2);
  });
  it('IPv6 hop-by-hop, routing, destination options and an atomic fragment header; a fragment without its first is warned', async () => {
    const ext = [{ type: 0 }, { type: 43 }, { type: 60 }, { type: 44, fragOffset: 0 }];
    const recs = [
      { sec: 1, frac: 0, data: eth(0x86dd, ipv6('fd00:201::1', 'fd00:201::2', 6, tcp(4000, 5201), ext)) },
      { sec: 1, frac: 5, data: eth(0x86dd, ipv6('fd00:201::1', 'fd00:201::2', 6, tcp(4000, 5201), [{ type: 44, fragOffset: 100 }])) },
    ];
    const r = await analyseCaptures([writeTemp('v6ext.pcap', pcapFile(recs))]);
    assert.equal(only(r), 'tcp fd00:201::1:4000 fd00:201::2:5201');
    assert.equal(r.flows[0].aToB.packets, 1);
    assert.equal(r.flows[0].fragments, undefined, 'offset 0 without more-fragments is a whole datagram');
    assert.ok(r.warnings.some((w) => /^1 IP fragment \(\d+ bytes\) of datagrams never completed/.test(w)), r.warnings.join('\n'));
  });
  it('RFC 5952 address text', () => {
    assert.equal(formatIPv6(0x20010db8, 0, 0, 1), '2001:db8::1');
    assert.equal(formatIPv6(0x20010db8, 0, 0x10000, 1), '2001:db8::1:0:0:1');
    assert.equal(formatIPv6(0x20010000, 0x10000, 0, 0x1), '2001:0:1::1');
    assert.equal(formatIPv6(0, 0, 0, 0), '::');
    assert.equal(formatIPv6(0x20010db8, 0xaaaa, 0xbbbb, 0xcccc0001), '2001:db8:0:aaaa:0:bbbb:cccc:1');
    assert.equal(formatIPv6(0, 0, 0xffff, 0x0a000001), '::ffff:10.0.0.1');
  });
});

describe('flows', () => {
  it('A is the sender of the first packet; bytes are wire lengths (GSO frames count in full)', async () => {
    const recs = [
      { sec: 100, frac: 500000, data: eth(0x0800, v4back()), wirelen: 60 },
      { sec: 100, frac: 600000, data: eth(0x0800, v4()), wirelen: 65000 },
      { sec: 101, frac: 100000, data: eth(0x0800, v4()), wirelen: 60 },
    ];
    const r = await analyseCaptures([writeTemp('dir.pcap', pcapFile(recs))], { binMs: 500 });
    const f = r.flows[0];
    assert.deepEqual([f.a, f.b], [{ ip: '10.0.0.2', port: 80 }, { ip: '10.0.0.1', port: 1000 }]);
    assert.deepEqual([f.aToB, f.bToA], [{ packets: 1, bytes: 60 }, { packets: 2, bytes: 65060 }]);
    assert.equal(f.start, 0);
    assert.equal(f.duration, 0.6);
    assert.equal(r.start, 100.5);
    assert.deepEqual(f.series, { aToB: [60, 0], bToA: [65000, 60] });
    assert.deepEqual(r.timeline, { packets: [2, 1], bytes: [65060, 60] });
  });
  it('VXLAN over IPv6 and Geneve (with options, Ethernet and IP payloads) link inner to outer flows', async () => {
    const inner = eth(0x0800, ipv4('192.168.0.1', '192.168.0.2', 17, udp(111, 222)));
    const recs = [
      { sec: 1, frac: 0, data: eth(0x86dd, ipv6('fd00::a', 'fd00::b', 17, udp(40000, 4789, vxlan(42, inner)))) },
      { sec: 1, frac: 1, data: eth(0x0800, ipv4('1.1.1.1', '2.2.2.2', 17, udp(50000, 6081, geneve(7, 0x6558, inner, 2)))) },
      { sec: 1, frac: 2, data: eth(0x0800, ipv4('1.1.1.1', '2.2.2.2', 17, udp(50001, 6081, geneve(8, 0x0800, v4())))) },
    ];
    const r = await analyseCaptures([writeTemp('tunnels.pcap', pcapFile(recs))]);
    const desc = r.flows.map((f) => `${f.proto} ${f.a.ip}:${f.a.port}>${f.b.ip}:${f.b.port}${f.tunnel ? ` in ${f.tunnel.kind} ${f.tunnel.vni} ${f.tunnel.a.ip}:${f.tunnel.a.port}` : ''}`);
    assert.deepEqual(desc, [
      'udp fd00::a:40000>fd00::b:4789',
      'udp 192.168.0.1:111>192.168.0.2:222 in vxlan 42 fd00::a:40000',
      'udp 1.1.1.1:50000>2.2.2.2:6081',
      'udp 1.1.1.1:50001>2.2.2.2:6081',
      'tcp 10.0.0.1:1000>10.0.0.2:80 in geneve 8 1.1.1.1:50001',
    ]);
    assert.equal(r.flows[1].aToB.packets, 2, 'the same inner flow arrived through two tunnels');
  });
});

describe('pcap variants', () => {
  const recs = [{ sec: 1_700_000_000, frac: 123456789, data: eth(0x0800, v4()) }, { sec: 1_700_000_001, frac: 1, data: eth(0x0800, v4back()) }];
  it('nanosecond and big-endian files read alike', async () => {
    for (const [le, nano] of [[true, true], [false, true], [false, false]]) {
      const rs = nano ? recs : recs.map((r) => ({ ...r, frac: Math.floor(r.frac / 1000) }));
      const { records } = await readRecords(writeTemp(`v-${le}-${nano}.pcap`, pcapFile(rs, { le, nano })));
      assert.deepEqual(records.map((r) => [r.sec, r.nsec]), nano ? [[1_700_000_000, 123456789], [1_700_000_001, 1]] : [[1_700_000_000, 123456000], [1_700_000_001, 0]]);
    }
  });
});

describe('pcapng', () => {
  it('sections of both byte orders, several interfaces, tsresol/tsoffset, EPB/SPB/PB, ISB, NRB and custom blocks, comments', async () => {
    const le = new Ng(true);
    const be = new Ng(false);
    const hostile = '<img src=x onerror=alert(1)>';
    const file = cat(
      le.shb('first section'),
      le.idb(1, { name: 'eth0', comment: hostile }),
      le.idb(113, { name: 'any', tsresol: 9 }),
      le.idb(101, { tsresol: 0x80 | 20, tsoffset: 1000n }),
      le.nrb(),
      le.epb(0, 1_700_000_000_000_000n, eth(0x0800, v4()), { comment: 'first packet' }),
      le.custom(),
      le.epb(1, 1_700_000_000_500_000_000n, sll1(0x0800, v4back())),
      le.epb(2, 5n << 20n, v4(1, 2)),
      le.isb(0, 17n),
      be.shb(),
      be.idb(229, { snaplen: 64 }),
      be.spb(ipv6('::1', '::2', 17, udp(3, 4))),
      be.opb(0, 1_700_000_002_000_000n, ipv6('::2', '::1', 17, udp(4, 3))),
      le.shb(),
      le.idb(276, { tsresol: 6 }),
      le.epb(0, 1_700_000_003_000_000n, sll2(0x0800, v4()), { wirelen: 9000 }),
    );
    const path = writeTemp('features.pcapng', file);
    const { records } = await readRecords(path, 48);
    assert.deepEqual(records.map((r) => [r.linkType, r.sec, r.nsec]), [
      [1, 1_700_000_000, 0],
      [113, 1_700_000_000, 500_000_000],
      [101, 1005, 0],
      [229, 1005, 0], // SPB: no timestamp of its own, keeps the previous one
      [229, 1_700_000_002, 0],
      [276, 1_700_000_003, 0],
    ]);
    const r = await analyseCaptures([path], { chunkSize: 48 });
    assert.equal(r.format, 'pcapng');
    assert.deepEqual(r.linkTypes, [1, 113, 101, 229, 276]);
    assert.deepEqual(r.comments, ['first section', hostile, 'first packet']);
    assert.deepEqual(r.interfaces.map((i) => [i.name, i.linkType, i.tsresol, i.drops]), [
      ['eth0', 1, 1e-6, 17], ['any', 113, 1e-9, undefined], ['', 101, 2 ** -20, undefined], ['', 229, 1e-6, undefined], ['', 276, 1e-6, undefined],
    ]);
    assert.equal(r.packets, 6);
    const tcp1000 = r.flows.find((f) => f.a.port === 1000)!;
    assert.deepEqual([tcp1000.aToB, tcp1000.bToA], [{ packets: 2, bytes: 9000 + 0 + eth(0x0800, v4()).length }, { packets: 1, bytes: sll1(0x0800, v4back()).length }]);
    const v6 = r.flows.find((f) => f.proto === 'udp')!;
    assert.deepEqual([v6.a, v6.b, v6.aToB.packets, v6.bToA.packets], [{ ip: '::1', port: 3 }, { ip: '::2', port: 4 }, 1, 1]);
  });
});

describe('several files', () => {
  it('a rotated set is merged by time', async () => {
    const mk = (sec: number, frac: number, sp: number) => ({ sec, frac, data: eth(0x0800, v4(sp)) });
    const a = writeTemp('rot0.pcap', pcapFile([mk(10, 0, 1), mk(10, 300000, 2), mk(11, 0, 1)]));
    const b = writeTemp('rot1.pcapng', (() => {
      const ng = new Ng();
      return cat(ng.shb(), ng.idb(1), ng.epb(0, 10_100_000n, eth(0x0800, v4(2))), ng.epb(0, 10_200_000n, eth(0x0800, v4(3))));
    })());
    const r = await analyseCaptures([b, a], { binMs: 100 });
    assert.equal(r.file, 'rot1.pcapng, rot0.pcap');
    assert.equal(r.packets, 5);
    assert.equal(r.start, 10);
    assert.equal(r.duration, 1);
    assert.deepEqual(r.flows.map((f) => [f.a.port, f.aToB.packets, f.start]), [[1, 2, 0], [2, 2, 0.1], [3, 1, 0.2]]);
    assert.deepEqual(r.timeline.packets.slice(0, 4), [1, 1, 1, 1]);
  });
});

describe('progress and cancellation', () => {
  const big = writeTemp('big.pcap', pcapFile(Array.from({ length: 20000 }, (_, i) => ({ sec: 1, frac: i, data: eth(0x0800, v4(i % 500)) }))));
  it('reports progress up to the file size', async () => {
    const seen: [number, number][] = [];
    await analyseCaptures([big], { chunkSize: 65536, onProgress: (d, t) => seen.push([d, t]) });
    assert.ok(seen.length > 3);
    const [done, total] = seen[seen.length - 1];
    assert.equal(done, total);
  });
  it('an aborted signal rejects with AbortError, before and during reading', async () => {
    const ac = new AbortController();
    ac.abort();
    await assert.rejects(analyseCaptures([big], { signal: ac.signal }), { name: 'AbortError' });
    const ac2 = new AbortController();
    await assert.rejects(analyseCaptures([big], { signal: ac2.signal, chunkSize: 4096, onProgress: (d) => { if (d > 100000) ac2.abort(); } }), { name: 'AbortError' });
  });
});
