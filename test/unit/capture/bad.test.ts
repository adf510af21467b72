// Bad input: a CaptureFormatError naming file and offset, or the flows so far plus a cut-short warning. Never a hang.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { CaptureFormatError } from '../../../src/core/capture';
import { analyseCaptures } from '../../../src/core/flows';
import { fixturesDir } from '../../helpers/paths';
import { cat, eth, ipv4, Ng, pcapFile, tcp, writeTemp } from './builders';

const pkt = eth(0x0800, ipv4('10.0.0.1', '10.0.0.2', 6, tcp(1000, 80)));
const good = (n: number) => Array.from({ length: n }, (_, i) => ({ sec: 1000, frac: i, data: pkt }));

async function formatError(file: string, offset?: number, pattern?: RegExp): Promise<void> {
  try {
    await analyseCaptures([file], { chunkSize: 64 });
  } catch (e) {
    assert.ok(e instanceof CaptureFormatError, `expected CaptureFormatError, got ${String(e)}`);
    assert.equal(e.file, file);
    assert.ok(e.message.includes(file) && e.message.includes(`offset ${e.offset}`), e.message);
    if (offset !== undefined) assert.equal(e.offset, offset, e.message);
    if (pattern) assert.match(e.message, pattern);
    return;
  }
  assert.fail(`${file} was accepted`);
}

async function cutShort(file: string, packets: number, offset: number): Promise<void> {
  for (const chunkSize of [64, undefined]) {
    const r = await analyseCaptures([file], { chunkSize });
    assert.equal(r.packets, packets);
    assert.equal(r.warnings.length, 1, r.warnings.join('\n'));
    assert.match(r.warnings[0], /appears to have been cut short in the middle of a packet/);
    assert.ok(r.warnings[0].includes(`offset ${offset}`), r.warnings[0]);
  }
}

describe('shared bad fixtures', () => {
  const bad = (f: string) => path.join(fixturesDir, 'bad', f);
  it('empty file', () => formatError(bad('empty.pcap'), 0, /empty/));
  it('not a capture', () => formatError(bad('not-a-capture.pcap'), 0, /not a pcap or pcapng/));
  it('truncated pcapng section header', () => formatError(bad('truncated-header.pcapng'), undefined, /truncated pcapng section header/));
  it('cut mid-record: flows so far and tshark-like warning', async () => {
    const r = await analyseCaptures([bad('truncated-mid-record.pcap')]);
    assert.ok(r.packets > 0 && r.flows.length > 0);
    assert.equal(r.warnings.length, 1);
    assert.match(r.warnings[0], /^The file ".*truncated-mid-record.pcap" appears to have been cut short in the middle of a packet \(at byte offset \d+\)\.$/);
  });
});

describe('hand-made bad pcap', () => {
  it('truncated file header', () => formatError(writeTemp('short.pcap', pcapFile([]).subarray(0, 10)), 10, /truncated pcap file header/));
  it('unknown link type', () => formatError(writeTemp('lt.pcap', pcapFile(good(1), { linkType: 147 })), 20, /unsupported link type 147 \(user-defined \(USER0\)\); supported: 0 \(BSD loopback\), 1 \(Ethernet\), 9 \(PPP\)/));
  it('records longer than the snap length are read up to the link type maximum, warned once (as libpcap)', async () => {
    const f = pcapFile([...good(2), { sec: 1, frac: 0, data: Buffer.alloc(300) }, { sec: 1, frac: 1, data: Buffer.alloc(400) }], { snaplen: 128 });
    const r = await analyseCaptures([writeTemp('snap.pcap', f)], { chunkSize: 64 });
    assert.equal(r.packets, 4);
    assert.equal(r.warnings.length, 1, r.warnings.join('\n'));
    assert.match(r.warnings[0], new RegExp(`records longer than the snap length 128 \\(the first, 300 bytes, at byte offset ${24 + 2 * (16 + pkt.length)}\\)`));
  });
  it('a record above both the snap length and 262144 bytes', () => {
    const f = pcapFile(good(2), { snaplen: 128 });
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(262145, 8);
    return formatError(writeTemp('snap-max.pcap', cat(f, rec, Buffer.alloc(262145))), f.length + 8, /exceeds the snap length 128 and the 262144-byte maximum for link type 1 \(Ethernet\)/);
  });
  it('reserved link-type bits set', () => formatError(writeTemp('ltres.pcap', pcapFile(good(1), { linkType: 0x00010001 })), 20, /reserved bits not zero/));
  it('record longer than 256 MiB', () => {
    const f = pcapFile(good(1), { snaplen: 0 });
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(0x20000000, 8);
    return formatError(writeTemp('huge.pcap', cat(f, rec)), f.length + 8, /256 MiB/);
  });
  it('record length beyond the end of the file is a cut-short file, read without allocating it', async () => {
    const f = pcapFile(good(3), { snaplen: 0 });
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE(200_000_000, 8);
    rec.writeUInt32LE(200_000_000, 12);
    const p = writeTemp('beyond.pcap', cat(f, rec, Buffer.alloc(100)));
    const before = process.memoryUsage().arrayBuffers;
    await cutShort(p, 3, f.length);
    assert.ok(process.memoryUsage().arrayBuffers - before < 50e6);
  });
  it('truncated record header', () => cutShort(writeTemp('rechead.pcap', pcapFile(good(2)).subarray(0, 24 + 2 * (16 + pkt.length) - pkt.length - 5)), 1, 24 + 16 + pkt.length));
  it('broken gzip', () => {
    const gz = zlib.gzipSync(pcapFile(good(50)));
    for (let i = 20; i < gz.length - 8; i++) gz[i] ^= 0x5a;
    return formatError(writeTemp('broken.pcap.gz', gz), undefined, /gzip/);
  });
  it('gzip cut short gives the packets so far and a warning', async () => {
    const gz = zlib.gzipSync(pcapFile(good(2000)), { level: 0 });
    const r = await analyseCaptures([writeTemp('cut.pcap.gz', gz.subarray(0, Math.floor(gz.length / 2)))]);
    assert.ok(r.packets > 100 && r.packets < 2000);
    assert.ok(r.warnings.some((w) => /cut short/.test(w)));
  });
  it('gzip of something that is not a capture', () => formatError(writeTemp('text.gz', zlib.gzipSync('hello world, no capture here')), 0, /not a pcap/));
  it('gzip of nothing', () => formatError(writeTemp('nothing.gz', zlib.gzipSync(Buffer.alloc(0))), 0, /empty/));
});

describe('hand-made bad pcapng', () => {
  const ng = new Ng();
  const head = cat(ng.shb(), ng.idb(1));
  const epb = ng.epb(0, 1000n, pkt);
  it('block length not a multiple of 4', () => {
    const b = Buffer.from(epb);
    b.writeUInt32LE(epb.length + 2, 4);
    return formatError(writeTemp('odd.pcapng', cat(head, epb, b)), head.length + epb.length + 4, /not a multiple of 4/);
  });
  it('block length below 12', () => {
    const b = Buffer.from(epb);
    b.writeUInt32LE(8, 4);
    return formatError(writeTemp('tiny.pcapng', cat(head, b)), head.length + 4, /below the 12-byte minimum/);
  });
  it('block length beyond 256 MiB', () => {
    const b = Buffer.from(epb);
    b.writeUInt32LE(0x20000000, 4);
    return formatError(writeTemp('hugeblock.pcapng', cat(head, b)), head.length + 4, /256 MiB/);
  });
  it('block length beyond the file is a cut-short file', () => {
    const b = Buffer.from(epb);
    b.writeUInt32LE(100_000_000, 4);
    return cutShort(writeTemp('beyondblock.pcapng', cat(head, epb, b)), 1, head.length + epb.length);
  });
  it('last block cut in the middle', () => cutShort(writeTemp('cut.pcapng', cat(head, epb, epb, epb).subarray(0, head.length + 2 * epb.length + 30)), 2, head.length + 2 * epb.length));
  it('captured length overrunning its block', () => {
    const b = Buffer.from(epb);
    b.writeUInt32LE(5000, 20);
    return formatError(writeTemp('overrun.pcapng', cat(head, b)), head.length + 20, /overruns its block/);
  });
  it('trailer length differing from the header', () => {
    const b = Buffer.from(epb);
    b.writeUInt32LE(12, b.length - 4);
    return formatError(writeTemp('trailer.pcapng', cat(head, b)), head.length + b.length - 4, /trailer/);
  });
  it('packet on an undeclared interface', () => formatError(writeTemp('noif.pcapng', cat(head, ng.epb(3, 0n, pkt))), head.length + 8, /interface 3/));
  it('an interface of an unknown link type: its packets count in the totals, in no flow, with a warning naming it', async () => {
    const r = await analyseCaptures([writeTemp('ltng.pcapng', cat(ng.shb(), ng.idb(1), ng.idb(147), ng.epb(1, 1n, pkt), ng.epb(0, 2n, pkt), ng.epb(1, 3n, pkt)))]);
    assert.equal(r.packets, 3);
    assert.equal(r.flows.length, 1);
    assert.equal(r.flows[0].aToB.packets, 1);
    assert.deepEqual(r.warnings.filter((w) => /interface 1/.test(w)).length, 1, r.warnings.join('\n'));
    assert.match(r.warnings[0], /2 packets on interface 1 with link type 147 \(user-defined \(USER0\)\), which we do not decode/);
  });
  it('pcapng version 1.1 (libpcap reads 1.0 only)', () => {
    const shb = ng.shb();
    shb.writeUInt16LE(1, 14);
    return formatError(writeTemp('v11.pcapng', cat(shb, ng.idb(1))), 12, /unsupported pcapng version 1\.1/);
  });
  it('bad byte-order magic', () => {
    const shb = ng.shb();
    shb.writeUInt32LE(0x12345678, 8);
    return formatError(writeTemp('bom.pcapng', cat(shb, ng.idb(1))), 8, /byte-order magic/);
  });
});
