import { ChunkReader, END, NEED_MORE, openCapture } from '../../../src/core/capture';

export interface RecordView { sec: number; nsec: number; caplen: number; wirelen: number; linkType: number; data: Buffer }

/** Every record our reader yields, copied out (tests only; the analyser never copies). */
export async function readRecords(file: string, chunkSize?: number): Promise<{ records: RecordView[]; reader: ChunkReader }> {
  const reader = await openCapture(file, chunkSize);
  const records: RecordView[] = [];
  try {
    for (;;) {
      const s = reader.next();
      if (s === END) break;
      if (s === NEED_MORE) { await reader.fill(); continue; }
      records.push({
        sec: reader.sec, nsec: reader.nsec, caplen: reader.caplen, wirelen: reader.wirelen, linkType: reader.linkType,
        data: Buffer.from(reader.buf.subarray(reader.dataOff, reader.dataOff + reader.caplen)),
      });
    }
  } finally {
    await reader.close();
  }
  return { records, reader };
}
