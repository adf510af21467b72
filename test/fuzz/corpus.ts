// The seeds the fuzzer mutates: every capture and iperf log of the shared fixtures, small heads of the
// captures (so most cases run fast), and pcapng re-encodings of the pcap heads (more pcapng to splice).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixturesDir } from '../helpers/paths';
import { cat, Ng } from '../unit/capture/builders';

/** A length-like field of the original bytes that mutations may set to hostile values. */
export interface Field { off: number; size: 2 | 4; le: boolean; what: string }

export interface CaptureSeed {
  kind: 'capture';
  name: string;
  bytes: Buffer;
  /** Suffix for the temp file; the reader sniffs magic bytes, so this only helps a human. */
  ext: string;
  fields: Field[];
  /** pcapng blocks as [offset, length] of the original bytes (empty for pcap, gzip, bad files). */
  blocks: [number, number][];
  /** True when `bytes` is plain pcap/pcapng that may be gzip-wrapped after mutation. */
  plain: boolean;
}

export interface LogSeed { kind: 'log'; name: string; text: string }

export type Seed = CaptureSeed | LogSeed;

const HEAD_PACKETS = 120;

function walk(dir: string, out: string[]): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Record and header fields of a classic pcap, and the offset after `maxRecords` records. */
function indexPcap(b: Buffer, maxRecords: number): { fields: Field[]; end: number; records: [number, number][] } {
  const magic = b.readUInt32LE(0);
  const le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const u32 = (p: number): number => (le ? b.readUInt32LE(p) : b.readUInt32BE(p));
  const fields: Field[] = [
    { off: 4, size: 2, le, what: 'version' },
    { off: 16, size: 4, le, what: 'snaplen' },
    { off: 20, size: 4, le, what: 'linktype' },
  ];
  const records: [number, number][] = [];
  let p = 24;
  while (p + 16 <= b.length && records.length < maxRecords) {
    const caplen = u32(p + 8);
    if (p + 16 + caplen > b.length) break;
    fields.push({ off: p, size: 4, le, what: 'ts_sec' }, { off: p + 8, size: 4, le, what: 'caplen' }, { off: p + 12, size: 4, le, what: 'wirelen' });
    records.push([p, 16 + caplen]);
    p += 16 + caplen;
  }
  return { fields, end: p, records };
}

/** Block structure of a pcapng (each section in its own byte order), up to `maxPackets` packet blocks. */
function indexPcapng(b: Buffer, maxPackets: number): { fields: Field[]; blocks: [number, number][]; end: number } {
  const fields: Field[] = [];
  const blocks: [number, number][] = [];
  let le = true;
  let p = 0;
  let packets = 0;
  while (p + 12 <= b.length && packets < maxPackets) {
    if (b.readUInt32LE(p) === 0x0a0d0d0a) le = b.readUInt32LE(p + 8) === 0x1a2b3c4d;
    const u32 = (q: number): number => (le ? b.readUInt32LE(q) : b.readUInt32BE(q));
    const type = u32(p);
    const len = u32(p + 4);
    if (len < 12 || p + len > b.length) break;
    fields.push({ off: p + 4, size: 4, le, what: 'block length' }, { off: p + len - 4, size: 4, le, what: 'block trailer' });
    let opts = -1;
    if (type === 6 && len >= 32) {
      fields.push({ off: p + 8, size: 4, le, what: 'interface id' }, { off: p + 20, size: 4, le, what: 'epb caplen' }, { off: p + 24, size: 4, le, what: 'epb wirelen' });
      opts = p + 28 + ((u32(p + 20) + 3) & ~3);
      packets++;
    } else if (type === 1 && len >= 20) {
      fields.push({ off: p + 8, size: 2, le, what: 'idb linktype' }, { off: p + 12, size: 4, le, what: 'idb snaplen' });
      opts = p + 16;
    } else if (type === 0x0a0d0d0a && len >= 28) {
      fields.push({ off: p + 12, size: 2, le, what: 'shb major' });
      opts = p + 24;
    } else if (type === 3) packets++;
    // Option lengths: the TLVs are where comments and interface names live.
    for (let q = opts; q >= 0 && q + 4 <= p + len - 4; ) {
      const code = le ? b.readUInt16LE(q) : b.readUInt16BE(q);
      const n = le ? b.readUInt16LE(q + 2) : b.readUInt16BE(q + 2);
      fields.push({ off: q + 2, size: 2, le, what: `option ${code} length` });
      if (code === 0) break;
      q += 4 + ((n + 3) & ~3);
    }
    blocks.push([p, len]);
    p += len;
  }
  return { fields, blocks, end: p };
}

function captureSeed(name: string, bytes: Buffer, ext: string): CaptureSeed {
  if (bytes.length >= 24 && [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1].includes(bytes.readUInt32LE(0))) {
    return { kind: 'capture', name, bytes, ext, fields: indexPcap(bytes, Infinity).fields, blocks: [], plain: true };
  }
  if (bytes.length >= 12 && bytes.readUInt32LE(0) === 0x0a0d0d0a) {
    const { fields, blocks } = indexPcapng(bytes, Infinity);
    return { kind: 'capture', name, bytes, ext, fields, blocks, plain: true };
  }
  return { kind: 'capture', name, bytes, ext, fields: [], blocks: [], plain: false };
}

/** A pcap head re-encoded as pcapng: a section with a comment, a named interface, EPBs, an ISB and a custom block. */
function toPcapng(name: string, pcap: Buffer, records: [number, number][], le: boolean): Buffer {
  const magic = pcap.readUInt32LE(0);
  const pLe = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
  const nano = magic === 0xa1b23c4d || magic === 0x4d3cb2a1;
  const u32 = (p: number): number => (pLe ? pcap.readUInt32LE(p) : pcap.readUInt32BE(p));
  const ng = new Ng(le);
  const parts = [ng.shb(`re-encoded from ${name}`), ng.idb(u32(20) & 0xffff, { name: 'fuzz0', tsresol: nano ? 9 : 6, snaplen: u32(16) })];
  for (const [p, n] of records) {
    const ts = BigInt(u32(p)) * (nano ? 1_000_000_000n : 1_000_000n) + BigInt(u32(p + 4));
    parts.push(ng.epb(0, ts, pcap.subarray(p + 16, p + n), { wirelen: u32(p + 12) }));
  }
  parts.push(ng.isb(0, 7n), ng.custom(), ng.nrb());
  return cat(...parts);
}

let cached: Seed[] | undefined;

/** Loads the corpus once per process (deterministic order: sorted paths). */
export function loadCorpus(): Seed[] {
  if (cached) return cached;
  const seeds: Seed[] = [];
  const files = walk(fixturesDir, []).sort();
  for (const f of files) {
    const rel = path.relative(fixturesDir, f);
    const base = path.basename(f);
    if (/\.(pcap|pcapng)(\.gz)?$/.test(base)) {
      const bytes = fs.readFileSync(f);
      const ext = base.slice(base.indexOf('.'));
      const seed = captureSeed(rel, bytes, ext);
      seeds.push(seed);
      if (!seed.plain || bytes.length < 64 * 1024) continue;
      if (seed.blocks.length > 0) {
        const { end } = indexPcapng(bytes, HEAD_PACKETS);
        seeds.push(captureSeed(`${rel}[head]`, bytes.subarray(0, end), ext));
      } else {
        const { end, records } = indexPcap(bytes, HEAD_PACKETS);
        const head = bytes.subarray(0, end);
        seeds.push(captureSeed(`${rel}[head]`, head, ext));
        const le = seeds.length % 2 === 0; // alternate byte orders across fixtures
        seeds.push(captureSeed(`${rel}[head as pcapng ${le ? 'LE' : 'BE'}]`, toPcapng(rel, head, records, le), '.pcapng'));
      }
    } else if (/(^client\.out|^server\.out|^N\d+_t\d+\.txt)$/.test(base)) {
      seeds.push({ kind: 'log', name: rel, text: fs.readFileSync(f, 'utf8') });
    }
  }
  cached = seeds;
  return seeds;
}
