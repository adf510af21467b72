// Every truncation point of one small capture, pcap and pcapng: the flows of the packets wholly before
// the cut are reported (checked against a table computed here, not by the reader), with tshark's
// cut-short warning; only a cut inside the file header is a CaptureFormatError.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CaptureFormatError } from '../../../src/core/capture';
import { analyseCaptures, FlowReport } from '../../../src/core/flows';
import { cat, eth, ipv4, ipv6, Ng, pcapFile, tcp, udp, writeTemp } from '../capture/builders';

interface Pkt { proto: 'tcp' | 'udp'; src: string; dst: string; sport: number; dport: number; frame: Buffer }

/** 36 packets over five flows (TCP/UDP, IPv4/IPv6, both directions), with varied lengths. */
function packets(): Pkt[] {
  const out: Pkt[] = [];
  const flows: [Pkt['proto'], string, string, number, number][] = [
    ['tcp', '10.0.0.1', '10.0.0.2', 40000, 5201],
    ['udp', '10.0.0.1', '10.0.0.3', 53000, 53],
    ['tcp', '2001:db8::1', '2001:db8::2', 40001, 443],
    ['udp', '192.168.1.7', '10.0.0.1', 4000, 4001],
    ['tcp', '10.0.0.9', '10.0.0.1', 22, 50000],
  ];
  for (let i = 0; i < 36; i++) {
    const [proto, a, b, pa, pb] = flows[i % flows.length];
    const back = i % 3 === 2; // every third packet goes the other way
    const [src, dst, sport, dport] = back ? [b, a, pb, pa] : [a, b, pa, pb];
    const l4 = proto === 'tcp' ? tcp(sport, dport, i % 7) : udp(sport, dport, i % 5);
    const ip = src.includes(':') ? ipv6(src, dst, proto === 'tcp' ? 6 : 17, l4) : ipv4(src, dst, proto === 'tcp' ? 6 : 17, l4);
    out.push({ proto, src, dst, sport, dport, frame: eth(src.includes(':') ? 0x86dd : 0x0800, ip) });
  }
  return out;
}

interface Expected { proto: string; a: string; b: string; ab: [number, number]; ba: [number, number] }

/** The flow table of the first `n` packets, computed independently of the reader. */
function expectedFlows(pkts: Pkt[], n: number): Expected[] {
  const m = new Map<string, Expected>();
  for (const p of pkts.slice(0, n)) {
    const s = `${p.src}/${p.sport}`;
    const d = `${p.dst}/${p.dport}`;
    const key = `${p.proto} ${[s, d].sort().join(' ')}`;
    let f = m.get(key);
    if (!f) { f = { proto: p.proto, a: s, b: d, ab: [0, 0], ba: [0, 0] }; m.set(key, f); }
    const dir = f.a === s ? f.ab : f.ba;
    dir[0]++;
    dir[1] += p.frame.length;
  }
  return [...m.values()];
}

function actualFlows(r: FlowReport): Expected[] {
  return r.flows.map((f) => ({
    proto: f.proto, a: `${f.a.ip}/${f.a.port}`, b: `${f.b.ip}/${f.b.port}`,
    ab: [f.aToB.packets, f.aToB.bytes], ba: [f.bToA.packets, f.bToA.bytes],
  }));
}

/**
 * Cuts `file` at every offset and checks each result; `ends[i]` is the byte offset where packet i ends,
 * `boundaries` every offset where a record or block ends (a cut there is a complete, shorter file).
 */
async function everyCut(name: string, file: Buffer, headerEnd: number, ends: number[], boundaries: Set<number>, pkts: Pkt[]): Promise<void> {
  let errors = 0;
  for (let cut = 0; cut <= file.length; cut++) {
    const path = writeTemp(`${name}-${cut}`, file.subarray(0, cut));
    // Alternate read sizes so cuts also fall at chunk boundaries, not only inside the first chunk.
    const chunkSize = cut % 2 === 0 ? undefined : 64;
    let r: FlowReport;
    try {
      r = await analyseCaptures([path], { chunkSize });
    } catch (e) {
      assert.ok(e instanceof CaptureFormatError, `cut at ${cut}: ${String(e)}`);
      assert.ok(cut < headerEnd, `cut at ${cut} (after the ${headerEnd}-byte header) threw: ${e.message}`);
      errors++;
      continue;
    }
    assert.ok(cut >= headerEnd, `cut at ${cut} inside the header was accepted`);
    const whole = ends.filter((e) => e <= cut).length;
    assert.equal(r.packets, whole, `cut at ${cut}`);
    assert.deepEqual(actualFlows(r), expectedFlows(pkts, whole), `cut at ${cut}`);
    if (boundaries.has(cut)) assert.deepEqual(r.warnings, [], `cut at ${cut} is a record boundary`);
    else {
      assert.equal(r.warnings.length, 1, `cut at ${cut}: ${r.warnings.join(' | ')}`);
      assert.match(r.warnings[0], /cut short in the middle of a packet/);
    }
  }
  assert.equal(errors, headerEnd, 'every cut inside the header is a format error');
}

describe('every truncation point', () => {
  const pkts = packets();

  it('pcap: each of its byte offsets', { timeout: 60_000 }, async () => {
    const file = pcapFile(pkts.map((p, i) => ({ sec: 1_700_000_000, frac: i * 1000, data: p.frame })));
    const ends: number[] = [];
    let at = 24;
    for (const p of pkts) ends.push((at += 16 + p.frame.length));
    assert.equal(at, file.length);
    await everyCut('cut.pcap', file, 24, ends, new Set([24, ...ends]), pkts);
  });

  it('pcapng: each of its byte offsets (comment, ISB and custom block between packets)', { timeout: 60_000 }, async () => {
    const ng = new Ng(true);
    const shb = ng.shb('cut me anywhere');
    const parts: Buffer[] = [shb, ng.idb(1, { name: 'eth0', tsresol: 9 })];
    const ends: number[] = [];
    let at = shb.length + parts[1].length;
    for (const [i, p] of pkts.entries()) {
      const epb = ng.epb(0, 1_700_000_000_000_000_000n + BigInt(i) * 1000n, p.frame, i === 3 ? { comment: 'a comment' } : {});
      parts.push(epb);
      ends.push((at += epb.length));
      if (i === 10 || i === 20) {
        // Blocks with no packet: a cut inside them leaves the packets before them, with the warning.
        const extra = i === 10 ? ng.isb(0, 2n) : ng.custom();
        parts.push(extra);
        at += extra.length;
      }
    }
    const file = cat(...parts);
    assert.equal(at, file.length);
    const boundaries = new Set<number>();
    let q = 0;
    for (const b of parts) boundaries.add((q += b.length));
    await everyCut('cut.pcapng', file, shb.length, ends, boundaries, pkts);
  });
});
