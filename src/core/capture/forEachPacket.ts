// The one packet loop: every reader of a capture's packets (the flow table, the senders' TTLs, the wire bytes) goes
// over openCapture + decodePacket here. Streaming in constant memory: one packet at a time, in the reader's buffer.
import { ChunkReader, DEFAULT_CHUNK, NEED_MORE, PACKET } from './chunkReader';
import { Decoded, decodePacket } from './decode';
import { abortError } from './errors';
import { openCapture } from './open';

export interface PacketLoopOptions {
  /** Packets visited at most (all files together); the rest is not read. */
  limit?: number;
  signal?: AbortSignal;
  /** Read size in bytes (default 2 MiB); tests use tiny chunks to cross record boundaries. */
  chunkSize?: number;
  /** Accept FIFOs (the CLI, for paths the user typed); otherwise only regular files are read. */
  allowFifo?: boolean;
  /** After each read and once at the end: bytes read so far (compressed bytes for gzip) of the files' sizes. */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** The decoder state to fill: a caller that decodes inner layers itself passes its own. */
  decoded?: Decoded;
}

/**
 * One packet: its reader (time, lengths, link type, bytes at buf[dataOff, dataOff + caplen), pcapng options), valid
 * during the call only; decodePacket's outcome (FLOW, IP_TUNNEL, FRAGMENT, AMSDU, NONE) and the fields it decoded.
 */
export type PacketVisit = (r: ChunkReader, status: number, d: Decoded) => void;

/** What a file said besides its packets: format, link types, interfaces, comments, section header, warnings, gzip or not. */
export type CaptureFacts = Pick<ChunkReader, 'file' | 'format' | 'linkTypes' | 'interfaces' | 'comments' | 'sectionHeader' | 'warnings' | 'src'>;

/**
 * Visits every packet of the files, merged by timestamp when there are several, and returns what each file said
 * besides its packets (its warnings included). Format errors throw CaptureFormatError naming the file and byte offset;
 * an abort throws an AbortError. The files are closed either way.
 */
export async function forEachPacket(files: string | readonly string[], visit: PacketVisit, opts: PacketLoopOptions = {}): Promise<CaptureFacts[]> {
  const paths = typeof files === 'string' ? [files] : files;
  if (paths.length === 0) throw new Error('no capture file given');
  const { signal } = opts;
  const readers: ChunkReader[] = [];
  try {
    for (const p of paths) {
      if (signal?.aborted) throw abortError(signal);
      readers.push(await openCapture(p, opts.chunkSize ?? DEFAULT_CHUNK, { allowFifo: opts.allowFifo, signal }));
    }
    const loop = new PacketLoop(readers, visit, opts);
    if (readers.length === 1) await loop.one(readers[0]);
    else await loop.merged();
    loop.progress();
    return readers;
  } finally {
    await Promise.all(readers.map((r) => r.close().catch(() => undefined)));
  }
}

class PacketLoop {
  private readonly dec: Decoded;
  private readonly total: number;
  /** Packets to visit at most. */
  private readonly left: number;

  constructor(private readonly readers: ChunkReader[], private readonly visit: PacketVisit, private readonly opts: PacketLoopOptions) {
    this.dec = opts.decoded ?? new Decoded();
    this.total = readers.reduce((n, r) => n + r.src.size, 0);
    this.left = opts.limit ?? Infinity;
  }

  /** Between reads: stops on an abort, says how far the read is. */
  progress(): void {
    const { signal, onProgress } = this.opts;
    if (signal?.aborted) throw abortError(signal);
    onProgress?.(this.readers.reduce((n, r) => n + r.src.consumed, 0), this.total);
  }

  /** One file: no merge, the tightest loop (a small-integer count, compared with the limit only when there is one). */
  async one(r: ChunkReader): Promise<void> {
    const d = this.dec;
    const visit = this.visit;
    const limited = this.left !== Infinity;
    for (let n = 0; !limited || n < this.left;) {
      const s = r.next();
      if (s === PACKET) {
        n++;
        visit(r, decodePacket(d, r.buf, r.dataOff, r.dataOff + r.caplen, r.linkType), d);
      } else if (s === NEED_MORE) {
        await r.fill();
        this.progress();
      } else break;
    }
  }

  /** Several files: a k-way merge by timestamp over the files' current packets. */
  async merged(): Promise<void> {
    const heads: ChunkReader[] = [];
    for (const r of this.readers) if ((await this.advance(r, r.next())) === PACKET) heads.push(r);
    const d = this.dec;
    for (let left = this.left; heads.length > 0 && left > 0; left--) {
      let bi = 0;
      for (let i = 1; i < heads.length; i++) {
        const h = heads[i];
        const m = heads[bi];
        if (h.sec < m.sec || (h.sec === m.sec && h.nsec < m.nsec)) bi = i;
      }
      const r = heads[bi];
      this.visit(r, decodePacket(d, r.buf, r.dataOff, r.dataOff + r.caplen, r.linkType), d);
      // awaited only at a chunk's end, not per packet
      let s = r.next();
      if (s === NEED_MORE) s = await this.advance(r, s);
      if (s !== PACKET) heads.splice(bi, 1);
    }
  }

  /** Reads on while a file needs more bytes for its next record; its state then (PACKET or END). */
  private async advance(r: ChunkReader, s: number): Promise<number> {
    while (s === NEED_MORE) {
      await r.fill();
      this.progress();
      s = r.next();
    }
    return s;
  }
}
