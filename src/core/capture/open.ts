import { ChunkReader, DEFAULT_CHUNK } from './chunkReader';
import { CaptureFormatError } from './errors';
import { PcapReader } from './pcap';
import { PcapngReader } from './pcapng';
import { openSource, SourceOptions } from './source';
import { errorMessage } from '../text';

/**
 * Opens a pcap or pcapng file (either possibly gzip-compressed), chosen by magic bytes, and reads its header.
 * Only regular files (FIFOs with `opts.allowFifo`) are opened: see openSource.
 */
export async function openCapture(file: string, chunkSize = DEFAULT_CHUNK, opts: SourceOptions = {}): Promise<ChunkReader> {
  const src = await openSource(file, opts);
  try {
    const buf = Buffer.allocUnsafe(Math.max(64, chunkSize));
    let end = 0;
    let eof = false;
    while (end < 4 && !eof) {
      const n = await src.read(buf, end, buf.length - end).catch((e: unknown) => {
        if (e instanceof Error && e.name === 'AbortError') throw e;
        // zlib's "unexpected end of file": the compressed file stops before its first bytes of capture
        if ((e as { code?: string }).code === 'Z_BUF_ERROR') throw new CaptureFormatError(file, src.consumed, 'truncated gzip: the compressed file ends before the capture header, so it was cut short');
        throw new CaptureFormatError(file, src.consumed, `unreadable gzip data (${errorMessage(e)})`);
      });
      if (n === 0) eof = true;
      end += n;
    }
    if (end === 0) throw new CaptureFormatError(file, 0, src.compressed ? 'empty capture inside gzip' : 'empty file, not a capture');
    const head = buf.subarray(0, end);
    const reader = PcapReader.sniff(head)
      ? new PcapReader(src, file, buf, end, eof)
      : PcapngReader.sniff(head)
        ? new PcapngReader(src, file, buf, end, eof)
        : undefined;
    if (!reader) throw new CaptureFormatError(file, 0, 'not a pcap or pcapng capture (unknown magic number)');
    await reader.open();
    return reader;
  } catch (e) {
    await src.close().catch(() => undefined);
    throw e;
  }
}
