import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { pipeline } from 'node:stream';
import { CaptureFormatError } from './errors';

/** Bytes of a capture file, plain or gzip-compressed, read in caller-sized pieces. */
export interface ByteSource {
  /** Copies up to `len` bytes into `buf` at `off`; resolves 0 at the end of the data. */
  read(buf: Buffer, off: number, len: number): Promise<number>;
  /** Bytes of the file on disk consumed so far (compressed bytes for gzip): drives progress. */
  readonly consumed: number;
  /** Size of the file on disk; 0 when unknown (a pipe), so progress totals may then be 0. */
  readonly size: number;
  /** Length of the decoded data when known (plain files): lets readers refuse lengths beyond the end early. */
  readonly dataLength: number | undefined;
  readonly compressed: boolean;
  close(): Promise<void>;
}

class FileSource implements ByteSource {
  consumed = 0;
  readonly compressed = false;
  constructor(private readonly fh: fs.promises.FileHandle, readonly size: number) {}
  get dataLength(): number { return this.size; }
  async read(buf: Buffer, off: number, len: number): Promise<number> {
    const { bytesRead } = await this.fh.read(buf, off, len, this.consumed);
    this.consumed += bytesRead;
    return bytesRead;
  }
  close(): Promise<void> { return this.fh.close(); }
}

/**
 * A FIFO, character device or other non-seekable file (e.g. `mkfifo` fed by `tcpdump -w -` or a generator):
 * read sequentially at the current position, size unknown (reported as 0), so captures larger than any disk fit.
 */
class PipeSource implements ByteSource {
  consumed = 0;
  readonly size = 0;
  readonly dataLength = undefined;
  readonly compressed = false;
  /** Bytes read while sniffing the magic number, handed out first. */
  private head: Buffer;
  constructor(private readonly fh: fs.promises.FileHandle, head: Buffer) {
    this.head = head;
    this.consumed = head.length;
  }
  async read(buf: Buffer, off: number, len: number): Promise<number> {
    if (this.head.length > 0) {
      const n = this.head.copy(buf, off, 0, Math.min(len, this.head.length));
      this.head = this.head.subarray(n);
      return n;
    }
    const { bytesRead } = await this.fh.read(buf, off, len, null);
    this.consumed += bytesRead;
    return bytesRead;
  }
  close(): Promise<void> { return this.fh.close(); }
}

/** Streams through zlib so memory stays flat whatever the uncompressed size. */
class GzipSource implements ByteSource {
  readonly compressed = true;
  readonly dataLength = undefined;
  private readonly raw: fs.ReadStream;
  private readonly iter: AsyncIterator<Buffer>;
  private pending: Buffer | undefined;
  private done = false;
  constructor(file: string, readonly size: number) {
    this.raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    const gunzip = zlib.createGunzip({ chunkSize: 1 << 20 });
    pipeline(this.raw, gunzip, () => { /* errors surface through the iterator */ });
    this.iter = gunzip[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }
  get consumed(): number { return this.raw.bytesRead; }
  async read(buf: Buffer, off: number, len: number): Promise<number> {
    if (!this.pending || this.pending.length === 0) {
      if (this.done) return 0;
      const r = await this.iter.next();
      if (r.done) { this.done = true; return 0; }
      this.pending = r.value;
    }
    const n = Math.min(len, this.pending.length);
    this.pending.copy(buf, off, 0, n);
    this.pending = this.pending.subarray(n);
    return n;
  }
  async close(): Promise<void> {
    this.done = true;
    this.raw.destroy();
    await this.iter.return?.();
  }
}

/** Opens a capture, choosing gzip by its magic bytes (1f 8b), never by its name. */
export async function openSource(file: string): Promise<ByteSource> {
  const fh = await fs.promises.open(file, 'r');
  try {
    const st = await fh.stat();
    if (!st.isFile()) {
      // Not seekable: sniff without a position, and keep what was read.
      const head = Buffer.alloc(2);
      let got = 0;
      for (let n = -1; got < 2 && n !== 0; got += n) n = (await fh.read(head, got, 2 - got, null)).bytesRead;
      if (got === 2 && head[0] === 0x1f && head[1] === 0x8b) {
        throw new CaptureFormatError(file, 0, 'gzip-compressed data from a pipe is not supported; decompress it before the pipe');
      }
      return new PipeSource(fh, head.subarray(0, got));
    }
    const size = st.size;
    const magic = Buffer.alloc(2);
    const { bytesRead } = await fh.read(magic, 0, 2, 0);
    if (bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b) {
      await fh.close();
      return new GzipSource(file, size);
    }
    return new FileSource(fh, size);
  } catch (e) {
    await fh.close();
    throw e;
  }
}
