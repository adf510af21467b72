// What a pcapng file says of the machine that wrote it: its first Section Header Block's options. The preset picker
// takes the OS as a hint of the sender's (a capture is usually taken on the sender).
import { openCapture } from './open';

/** shb_hardware (2), shb_os (3), shb_userappl (4), each absent when the section has none. */
export interface SectionHeaderFacts {
  /** Untrusted text as written in the file (cut to 256 bytes): escape before showing. */
  hardware?: string;
  os?: string;
  application?: string;
}

/**
 * The first section header's facts, read by the pcapng reader (a gzip-compressed capture too); empty for a pcap file.
 * Reads a 64 KiB chunk and its read-ahead (more only when the section header itself is longer).
 */
export async function sectionHeaderFacts(file: string): Promise<SectionHeaderFacts> {
  // a small chunk: the header and what follows it in the first read are all that is parsed
  const r = await openCapture(file, 64 * 1024);
  try {
    // the section header is the first block: the first step parses it
    if (r.format === 'pcapng') r.next();
    return r.sectionHeader;
  } finally {
    await r.close().catch(() => undefined);
  }
}
