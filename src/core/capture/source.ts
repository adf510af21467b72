import * as fs from 'node:fs';
import * as net from 'node:net';
import * as zlib from 'node:zlib';
import { pipeline, Readable } from 'node:stream';
import { abortError, CaptureFormatError } from './errors';

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

export interface SourceOptions {
  /**
   * Accept a FIFO (named pipe, or a shell's `<(…)`): only the CLI sets this, for a path the user typed. The editor
   * never does, so a workspace cannot make it wait on a pipe. Devices, sockets and directories are always refused.
   */
  allowFifo?: boolean;
  /** Abandons a pending pipe read (the read rejects with AbortError and the pipe is closed). */
  signal?: AbortSignal;
}

/** An input path that is not a regular file (or a FIFO where one is allowed): refused before it is opened. */
export class NotRegularFileError extends CaptureFormatError {
  constructor(file: string, what: string) {
    super(file, 0, what);
    this.message = `${file}: ${what}; Queue Lens reads only regular files`;
  }
}

const C = fs.constants;
// O_NONBLOCK: opening a FIFO must not wait for a writer, nor a device block the thread pool. O_NOCTTY: never
// become a controlling terminal. Both are 0 (absent) on Windows, where devices cannot be named by a file path anyway.
const OPEN_FLAGS = C.O_RDONLY | (C.O_NONBLOCK ?? 0) | (C.O_NOCTTY ?? 0);

function kindOf(st: fs.Stats): string {
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isDirectory()) return 'a directory';
  if (st.isSocket()) return 'a socket';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * Checks that `file` (after following symbolic links) is a regular file, or a FIFO when allowed, without opening it:
 * opening a device can itself have effects (/dev/ptmx allocates a terminal) or block. Throws NotRegularFileError,
 * naming the link's target when `file` is a link.
 */
async function checkInputFile(file: string, allowFifo = false): Promise<fs.Stats> {
  const st = await fs.promises.stat(file);
  if (st.isFile() || (allowFifo && st.isFIFO())) return st;
  let what = `is ${kindOf(st)}`;
  const lst = await fs.promises.lstat(file).catch(() => undefined);
  if (lst?.isSymbolicLink()) {
    const target = await fs.promises.realpath(file).catch(() => undefined);
    what = `is a symbolic link to ${kindOf(st)}${target ? ` (${target})` : ''}`;
  }
  if (st.isFIFO()) what += ' (pipes are read only when named on the queue-lens command line)';
  throw new NotRegularFileError(file, what);
}

function openFd(file: string): Promise<number> {
  return new Promise((resolve, reject) => fs.open(file, OPEN_FLAGS, (e, fd) => (e ? reject(e) : resolve(fd))));
}
function fstat(fd: number): Promise<fs.Stats> {
  return new Promise((resolve, reject) => fs.fstat(fd, (e, st) => (e ? reject(e) : resolve(st))));
}
function closeFd(fd: number): Promise<void> {
  return new Promise((resolve) => fs.close(fd, () => resolve()));
}
function readAt(fd: number, buf: Buffer, off: number, len: number, pos: number): Promise<number> {
  return new Promise((resolve, reject) => fs.read(fd, buf, off, len, pos, (e, n) => (e ? reject(e) : resolve(n))));
}

/** A regular file read with positioned reads (bounded: a regular file's read always returns). */
class FileSource implements ByteSource {
  consumed = 0;
  readonly compressed = false;
  private closed = false;
  constructor(private readonly fd: number, readonly size: number) {}
  get dataLength(): number { return this.size; }
  async read(buf: Buffer, off: number, len: number): Promise<number> {
    const bytesRead = await readAt(this.fd, buf, off, len, this.consumed);
    this.consumed += bytesRead;
    return bytesRead;
  }
  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.closed = true;
    return closeFd(this.fd);
  }
}

/**
 * A readable stream pulled in caller-sized pieces: gzip-decoded regular files, and FIFOs (read through libuv's event
 * loop, not the thread pool, so a pipe that never delivers holds no thread and its read can be abandoned).
 */
class StreamSource implements ByteSource {
  readonly dataLength = undefined;
  private readonly iter: AsyncIterator<Buffer>;
  private pending: Buffer | undefined;
  private done = false;
  constructor(
    stream: Readable,
    private readonly owner: { destroy(): void },
    readonly size: number,
    readonly compressed: boolean,
    private readonly bytesIn: () => number,
    private readonly signal: AbortSignal | undefined,
  ) {
    this.iter = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  }
  get consumed(): number { return this.bytesIn(); }

  /** The next chunk, or the abort: on abort the stream is destroyed so its descriptor closes at once. */
  private next(): Promise<IteratorResult<Buffer>> {
    const s = this.signal;
    if (s?.aborted) { this.owner.destroy(); return Promise.reject(abortError(s)); }
    const p = this.iter.next();
    if (!s) return p;
    p.catch(() => undefined); // settled after an abort: nobody waits for it any more
    return new Promise((resolve, reject) => {
      const onAbort = (): void => { this.owner.destroy(); reject(abortError(s)); };
      s.addEventListener('abort', onAbort, { once: true });
      p.then(
        (v) => { s.removeEventListener('abort', onAbort); resolve(v); },
        (e: unknown) => { s.removeEventListener('abort', onAbort); reject(e); },
      );
    });
  }

  /** Reads until at least `n` bytes are buffered (or the end); returns what is buffered, without consuming it. */
  async peek(n: number): Promise<Buffer> {
    while (!this.done && (this.pending?.length ?? 0) < n) {
      const r = await this.next();
      if (r.done) { this.done = true; break; }
      this.pending = this.pending && this.pending.length > 0 ? Buffer.concat([this.pending, r.value]) : r.value;
    }
    return this.pending ?? Buffer.alloc(0);
  }

  async read(buf: Buffer, off: number, len: number): Promise<number> {
    if (!this.pending || this.pending.length === 0) {
      if (this.done) return 0;
      const r = await this.next();
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
    this.owner.destroy();
    await this.iter.return?.().catch(() => undefined);
  }
}

/**
 * Opens a capture, choosing gzip by its magic bytes (1f 8b), never by its name. Only a regular file is opened (a FIFO
 * too when `allowFifo`); a device, socket or directory, directly or through a symbolic link, is refused before it is
 * opened, and the opened descriptor is checked again (the path could be swapped in between).
 */
export async function openSource(file: string, opts: SourceOptions = {}): Promise<ByteSource> {
  const before = await checkInputFile(file, opts.allowFifo);
  const fd = await openFd(file);
  let handedOver = false;
  try {
    const st = await fstat(fd);
    if (st.dev !== before.dev || st.ino !== before.ino || !(st.isFile() || (opts.allowFifo && st.isFIFO()))) {
      throw new NotRegularFileError(file, `changed while it was being opened (now ${kindOf(st)})`);
    }
    if (st.isFIFO()) {
      // A pipe is not seekable: sniff from the stream and keep what was read.
      const sock = new net.Socket({ fd, readable: true, writable: false });
      handedOver = true;
      const src = new StreamSource(sock, sock, 0, false, () => sock.bytesRead, opts.signal);
      try {
        const head = await src.peek(2);
        if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
          throw new CaptureFormatError(file, 0, 'gzip-compressed data from a pipe is not supported; decompress it before the pipe');
        }
      } catch (e) {
        await src.close();
        throw e;
      }
      return src;
    }
    const size = st.size;
    const magic = Buffer.alloc(2);
    const got = await readAt(fd, magic, 0, 2, 0);
    if (got === 2 && magic[0] === 0x1f && magic[1] === 0x8b) {
      // Streams through zlib so memory stays flat whatever the uncompressed size.
      const raw = fs.createReadStream('', { fd, start: 0, highWaterMark: 1 << 20, autoClose: true });
      handedOver = true;
      const gunzip = zlib.createGunzip({ chunkSize: 1 << 20 });
      pipeline(raw, gunzip, () => { /* errors surface through the iterator */ });
      const owner = { destroy: (): void => { raw.destroy(); gunzip.destroy(); } };
      return new StreamSource(gunzip, owner, size, true, () => raw.bytesRead, opts.signal);
    }
    handedOver = true;
    return new FileSource(fd, size);
  } finally {
    if (!handedOver) await closeFd(fd);
  }
}
