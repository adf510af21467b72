// Deterministic mutations: case `index` of a run seeded `seed` is always the same bytes.
import * as zlib from 'node:zlib';
import { CaptureSeed, LogSeed, Seed } from './corpus';
import { Rng } from './rng';

export interface CaptureCase { kind: 'capture'; name: string; bytes: Buffer; ext: string; chunkSize?: number; desc: string }
export interface LogCase { kind: 'log'; name: string; text: string; desc: string }
export type FuzzCase = CaptureCase | LogCase;

/** Values a length or type field is set to: zero, tiny, odd, around the limits, all ones. */
const HOSTILE = [0, 1, 2, 3, 5, 7, 11, 12, 13, 15, 16, 27, 28, 31, 33, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff, 0x10000000, 0x10000001, 0x0fffffff];

const CHUNKS = [undefined, undefined, 64, 100, 333, 4096, 65536];

function hostile(rng: Rng, current: number, size: 2 | 4): number {
  const r = rng.int(4);
  let v: number;
  if (r === 0) v = current + rng.pick([-4, -3, -1, 1, 3, 4, 8, 4096]);
  else if (r === 1) v = rng.u32();
  else v = rng.pick(HOSTILE);
  return size === 2 ? v & 0xffff : v >>> 0;
}

function setField(b: Buffer, off: number, size: 2 | 4, le: boolean, v: number): void {
  if (off + size > b.length) return;
  if (size === 2) { if (le) b.writeUInt16LE(v, off); else b.writeUInt16BE(v, off); }
  else if (le) b.writeUInt32LE(v, off);
  else b.writeUInt32BE(v, off);
}

function readField(b: Buffer, off: number, size: 2 | 4, le: boolean): number {
  if (size === 2) return le ? b.readUInt16LE(off) : b.readUInt16BE(off);
  return le ? b.readUInt32LE(off) : b.readUInt32BE(off);
}

function randomBytes(rng: Rng, n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(256);
  return b;
}

/** Byte-level damage; offsets are biased to the first kilobyte, where headers are. */
function byteOp(rng: Rng, b: Buffer, notes: string[]): Buffer {
  const at = (): number => (rng.chance(0.3) ? rng.int(Math.min(b.length, 1024) + 1) : rng.int(b.length + 1));
  switch (rng.int(5)) {
    case 0: {
      const k = 1 + rng.int(8);
      const out = Buffer.from(b);
      for (let i = 0; i < k && out.length > 0; i++) {
        const p = Math.min(at(), out.length - 1);
        out[p] ^= 1 << rng.int(8);
      }
      notes.push(`flip${k}`);
      return out;
    }
    case 1: {
      const k = 1 + rng.int(8);
      const out = Buffer.from(b);
      for (let i = 0; i < k && out.length > 0; i++) out[Math.min(at(), out.length - 1)] = rng.int(256);
      notes.push(`set${k}`);
      return out;
    }
    case 2: {
      const p = at();
      const n = 1 + rng.int(32);
      notes.push(`ins${n}@${p}`);
      return Buffer.concat([b.subarray(0, p), randomBytes(rng, n), b.subarray(p)]);
    }
    case 3: {
      const p = at();
      const n = 1 + rng.int(64);
      notes.push(`del${n}@${p}`);
      return Buffer.concat([b.subarray(0, p), b.subarray(Math.min(b.length, p + n))]);
    }
    default: {
      const p = at();
      notes.push(`cut@${p}`);
      return b.subarray(0, p);
    }
  }
}

/** Inserts or substitutes a pcapng block taken from another seed (or this one) at a block boundary. */
function splice(rng: Rng, b: Buffer, seed: CaptureSeed, donors: CaptureSeed[], notes: string[]): Buffer {
  const donor = rng.pick(donors);
  const [dOff, dLen] = rng.pick(donor.blocks);
  const block = donor.bytes.subarray(dOff, dOff + dLen);
  if (seed.blocks.length === 0) {
    const p = rng.int(b.length + 1);
    notes.push(`splice ${donor.name}@${dOff}->${p}`);
    return Buffer.concat([b.subarray(0, p), block, b.subarray(p)]);
  }
  const [off, len] = rng.pick(seed.blocks);
  const replace = rng.chance(0.5);
  notes.push(`${replace ? 'replace' : 'splice'} ${donor.name}@${dOff}->${off}`);
  return Buffer.concat([b.subarray(0, off), block, b.subarray(replace ? off + len : off)]);
}

function captureCase(rng: Rng, seed: CaptureSeed, corpus: Seed[]): CaptureCase {
  const notes: string[] = [];
  let b: Buffer = Buffer.from(seed.bytes);
  // Field edits first, while the seed's offsets still hold.
  const nFields = seed.fields.length > 0 ? rng.int(3) : 0;
  for (let i = 0; i < nFields; i++) {
    const f = rng.pick(seed.fields);
    const v = hostile(rng, readField(b, f.off, f.size, f.le), f.size);
    setField(b, f.off, f.size, f.le, v);
    notes.push(`${f.what}@${f.off}=${v}`);
  }
  const donors = corpus.filter((s): s is CaptureSeed => s.kind === 'capture' && s.blocks.length > 0);
  if (donors.length > 0 && (seed.blocks.length > 0 ? rng.chance(0.35) : rng.chance(0.05))) b = splice(rng, b, seed, donors, notes);
  const nBytes = nFields === 0 && notes.length === 0 ? 1 + rng.int(3) : rng.int(3);
  for (let i = 0; i < nBytes; i++) b = byteOp(rng, b, notes);
  if (notes.length === 0) b = byteOp(rng, b, notes);
  let ext = seed.ext;
  if (seed.plain && rng.chance(0.04)) {
    b = zlib.gzipSync(b, { level: 1 });
    ext += '.gz';
    notes.push('gzip');
    if (rng.chance(0.5)) b = byteOp(rng, b, notes);
  }
  const chunkSize = rng.pick(CHUNKS);
  return { kind: 'capture', name: seed.name, bytes: b, ext, chunkSize, desc: `${notes.join(' ')}${chunkSize ? ` chunk=${chunkSize}` : ''}` };
}

const ODD_NUMBERS = ['NaN', 'Infinity', '-Infinity', '1e999', '-1', '-0', '0', '99999999999999999999999999', '0x10', '', '1.2.3', '1e-999', '.', '-', '4294967296', '1,5'];
const ODD_JSON = ['null', '"x"', '[]', '{}', 'true', '[1,2', '{"a":', '-1e400', '1e308'];

function logCase(rng: Rng, seed: LogSeed, corpus: Seed[]): LogCase {
  const notes: string[] = [];
  let t = seed.text;
  const n = 1 + rng.int(3);
  for (let i = 0; i < n; i++) {
    const lines = t.split('\n');
    switch (rng.int(8)) {
      case 0: { // bit flips in the UTF-8 bytes, decoded back (maybe into replacement characters)
        const b = Buffer.from(t, 'utf8');
        for (let k = 0; k < 1 + rng.int(6) && b.length > 0; k++) b[rng.int(b.length)] ^= 1 << rng.int(8);
        t = rng.chance(0.5) ? b.toString('utf8') : b.toString('latin1');
        notes.push('flip');
        break;
      }
      case 1: { // random characters inserted
        const p = rng.int(t.length + 1);
        const s = randomBytes(rng, 1 + rng.int(16)).toString('latin1');
        t = t.slice(0, p) + s + t.slice(p);
        notes.push(`ins@${p}`);
        break;
      }
      case 2: {
        const p = rng.int(t.length + 1);
        t = t.slice(0, p) + t.slice(p + 1 + rng.int(200));
        notes.push(`del@${p}`);
        break;
      }
      case 3: {
        const p = rng.int(t.length + 1);
        t = t.slice(0, p);
        notes.push(`cut@${p}`);
        break;
      }
      case 4: { // line duplicated, deleted or swapped
        const a = rng.int(lines.length);
        const c = rng.int(lines.length);
        const op = rng.int(3);
        if (op === 0) lines.splice(a, 0, lines[c]);
        else if (op === 1) lines.splice(a, 1);
        else [lines[a], lines[c]] = [lines[c], lines[a]];
        t = lines.join('\n');
        notes.push(`line${['dup', 'del', 'swap'][op]}@${a}`);
        break;
      }
      case 5: case 6: { // a number replaced by a hostile one (or, in JSON, by another type)
        const nums = [...t.matchAll(/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi)];
        if (nums.length === 0) break;
        const m = rng.pick(nums);
        const v = rng.chance(0.6) ? rng.pick(ODD_NUMBERS) : rng.pick(ODD_JSON);
        t = t.slice(0, m.index) + v + t.slice(m.index + m[0].length);
        notes.push(`num@${m.index}=${v}`);
        break;
      }
      default: { // lines spliced from another log
        const other = rng.pick(corpus.filter((s): s is LogSeed => s.kind === 'log'));
        const ol = other.text.split('\n');
        const from = rng.int(ol.length);
        const chunk = ol.slice(from, from + 1 + rng.int(8));
        lines.splice(rng.int(lines.length + 1), 0, ...chunk);
        t = lines.join('\n');
        notes.push(`splice ${other.name}:${from + 1}`);
      }
    }
  }
  return { kind: 'log', name: seed.name, text: t, desc: notes.join(' ') };
}

/** Case `index` of the run seeded `seed`. Heads are favoured over whole files so most cases take milliseconds. */
export function makeCase(corpus: Seed[], seed: number, index: number): FuzzCase {
  const rng = Rng.forCase(seed, index);
  const logs = corpus.filter((s) => s.kind === 'log');
  if (logs.length > 0 && rng.chance(0.25)) return logCase(rng, rng.pick(logs) as LogSeed, corpus);
  const caps = corpus.filter((s): s is CaptureSeed => s.kind === 'capture');
  const small = caps.filter((s) => s.bytes.length <= 256 * 1024);
  const pool = small.length > 0 && rng.chance(0.9) ? small : caps;
  return captureCase(rng, rng.pick(pool), corpus);
}
