import { ByteSource } from './source';
import { CaptureFormatError } from './errors';
import { WarningLog } from './warnings';
import { errorMessage } from '../text';
import type { InterfaceInfo } from './interfaceInfo';
import type { SectionHeaderFacts } from './sectionHeader';

export const PACKET = 1;
export const NEED_MORE = 0;
export const END = -1;

export const DEFAULT_CHUNK = 2 << 20;

/**
 * A fixed-size buffer over a ByteSource. Readers parse complete records from buf[pos..end)
 * synchronously and ask for more (NEED_MORE) only at a record that crosses the chunk end;
 * fill() then moves the tail to the front and reads on. The buffer grows only for a record
 * larger than the chunk, and never past the end of a plain file.
 */
export abstract class ChunkReader {
  buf: Buffer;
  pos = 0;
  end = 0;
  /** File (or decompressed) offset of buf[0]. */
  base = 0;
  eof = false;
  /** Bytes needed from pos before the next record can be parsed. */
  need = 0;

  // The current packet, valid until the next call to next() or fill().
  sec = 0;
  nsec = 0;
  caplen = 0;
  wirelen = 0;
  dataOff = 0;
  linkType = 0;
  /** pcapng epb_queue of the current packet (option 6), -1 when absent. */
  epbQueue = -1;
  /** pcapng epb_hash of the current packet (option 3): algorithm byte (0 2s complement, 1 XOR, 2 CRC32, 3 MD5, 4 SHA-1, 5 Toeplitz), -1 when absent; the hash bytes at buf[epbHashOff, +epbHashLen). */
  epbHashAlgo = -1;
  epbHashOff = 0;
  epbHashLen = 0;

  /** Bounded: the first messages word for word, the rest counted by kind. */
  readonly warnings = new WarningLog();
  readonly interfaces: InterfaceInfo[] = [];
  readonly comments: string[] = [];
  /** pcapng: the first section header's hardware, OS and application (untrusted text); empty for pcap. */
  readonly sectionHeader: SectionHeaderFacts = {};
  readonly linkTypes: number[] = [];
  abstract readonly format: 'pcap' | 'pcapng';

  /** `buf` may already hold the first `end` bytes of the data (read to sniff the format). */
  constructor(readonly src: ByteSource, readonly file: string, buf: Buffer, end = 0, eof = false) {
    this.buf = buf;
    this.end = end;
    this.eof = eof;
  }

  /** Parses the file header; throws CaptureFormatError when this is not a capture of the kind. */
  abstract open(): Promise<void>;
  /** PACKET (fields set), NEED_MORE (await fill()) or END. Never allocates for a packet. */
  abstract next(): number;

  /** Reads on so that at least `need` bytes (and ideally a whole chunk) follow pos, or eof. */
  async fill(): Promise<void> {
    if (this.pending && (await this.takePrefetch())) return;
    if (this.pos > 0) {
      this.buf.copy(this.buf, 0, this.pos, this.end);
      this.base += this.pos;
      this.end -= this.pos;
      this.pos = 0;
    }
    const want = Math.max(this.need, this.end + 1);
    if (want > this.buf.length) {
      // Grow only as far as the data can actually go, so a hostile length cannot balloon memory.
      const left = this.src.dataLength === undefined ? want : this.src.dataLength - this.base;
      const cap = Math.min(want, Math.max(left, this.end + 1));
      if (cap > this.buf.length) this.resize(cap);
    }
    while (this.end < this.buf.length && !this.eof) {
      const n = await this.read(this.buf, this.end, this.buf.length - this.end);
      if (n === 0) this.eof = true;
      this.end += n;
    }
    this.prefetch();
  }

  // Read-ahead: while the caller parses this chunk, the next one is read into a spare buffer
  // after RESERVE bytes of room, so the unparsed tail can be put in front of it and the buffers swapped.
  private spare: Buffer | undefined;
  private pending: Promise<number> | undefined;
  private static readonly RESERVE = 64 * 1024;

  private prefetch(): void {
    if (this.eof) return;
    const R = ChunkReader.RESERVE;
    this.spare ??= Buffer.allocUnsafe(R + Math.max(this.buf.length, 64 * 1024));
    this.pending = this.read(this.spare, R, this.spare.length - R);
    // An abandoned read (abort) may reject while no one awaits it yet; fill() or close() still sees the rejection.
    this.pending.catch(() => undefined);
  }

  /** Uses the read-ahead; true when the buffer now holds what next() asked for. */
  private async takePrefetch(): Promise<boolean> {
    const n = await this.pending!;
    this.pending = undefined;
    const spare = this.spare!;
    const R = ChunkReader.RESERVE;
    if (n === 0) {
      this.eof = true;
      return false;
    }
    const tail = this.end - this.pos;
    if (tail <= R) {
      this.buf.copy(spare, R - tail, this.pos, this.end);
      this.base += this.pos - (R - tail);
      // The old buffer becomes the next spare unless it grew for one huge record.
      this.spare = this.buf.length > 2 * R && this.buf.length <= 2 * spare.length ? this.buf : undefined;
      this.buf = spare;
      this.pos = R - tail;
      this.end = R + n;
    } else {
      // A long record straddles the chunk end: append the read-ahead behind it.
      this.buf.copy(this.buf, 0, this.pos, this.end);
      this.base += this.pos;
      this.end = tail;
      this.pos = 0;
      if (this.end + n > this.buf.length) this.resize(this.end + n);
      spare.copy(this.buf, this.end, R, R + n);
      this.end += n;
    }
    if (this.end - this.pos >= Math.max(this.need, 1)) {
      this.prefetch();
      return true;
    }
    return false;
  }

  private resize(cap: number): void {
    const bigger = Buffer.allocUnsafe(cap);
    this.buf.copy(bigger, 0, this.pos, this.end);
    this.end -= this.pos;
    this.base += this.pos;
    this.pos = 0;
    this.buf = bigger;
  }

  /** One read; a gzip stream that ends early is a cut-short file, corrupt gzip data a format error. */
  private async read(buf: Buffer, off: number, len: number): Promise<number> {
    try {
      return await this.src.read(buf, off, len);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('Z_')) throw e;
      if (code === 'Z_BUF_ERROR') {
        this.warnings.push(`The file "${this.file}" appears to have been cut short: its gzip stream ends early (after ${this.src.consumed} compressed bytes).`);
        return 0;
      }
      throw new CaptureFormatError(this.file, this.src.consumed, `corrupt gzip data (${errorMessage(e)}) in the compressed file`);
    }
  }

  /** Offset in the file of buf[p] (decompressed offset for gzip). */
  offsetOf(p: number): number {
    return this.base + p;
  }

  protected fail(p: number, detail: string): never {
    throw new CaptureFormatError(this.file, this.base + p, this.src.compressed ? `${detail} in the decompressed data` : detail);
  }

  protected noteLinkType(lt: number): void {
    if (!this.linkTypes.includes(lt)) this.linkTypes.push(lt);
  }

  async close(): Promise<void> {
    await this.pending?.catch(() => 0);
    this.pending = undefined;
    await this.src.close();
  }
}
