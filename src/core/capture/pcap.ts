import { ChunkReader, END, NEED_MORE, PACKET } from './chunkReader';
import { cutShortWarning, MAX_RECORD } from './errors';
import { isSupportedLinkType } from './linkTypes';

const HEADER = 24;
const RECORD = 16;

/** Classic libpcap files: a1b2c3d4 (µs) or a1b23c4d (ns) magic, either byte order. */
export class PcapReader extends ChunkReader {
  readonly format = 'pcap';
  private le = true;
  private nsPerUnit = 1000;
  private snaplen = 0;
  private maxCaplen = MAX_RECORD;

  static sniff(b: Buffer): boolean {
    if (b.length < 4) return false;
    const m = b.readUInt32LE(0);
    return m === 0xa1b2c3d4 || m === 0xd4c3b2a1 || m === 0xa1b23c4d || m === 0x4d3cb2a1;
  }

  async open(): Promise<void> {
    this.need = HEADER;
    await this.fill();
    if (this.end < HEADER) this.fail(this.end, `truncated pcap file header: ${this.end} of ${HEADER} bytes`);
    const b = this.buf;
    const m = b.readUInt32LE(0);
    if (m === 0xa1b2c3d4 || m === 0xa1b23c4d) this.le = true;
    else if (m === 0xd4c3b2a1 || m === 0x4d3cb2a1) this.le = false;
    else this.fail(0, 'not a pcap file (bad magic)');
    this.nsPerUnit = m === 0xa1b23c4d || m === 0x4d3cb2a1 ? 1 : 1000;
    const major = this.le ? b.readUInt16LE(4) : b.readUInt16BE(4);
    if (major !== 2) this.fail(4, `unsupported pcap version ${major}`);
    this.snaplen = this.le ? b.readUInt32LE(16) : b.readUInt32BE(16);
    if (this.snaplen > 0 && this.snaplen < MAX_RECORD) this.maxCaplen = this.snaplen;
    // The top bits carry FCS information (LT_FCS_*); the link type is the low 16.
    const lt = (this.le ? b.readUInt32LE(20) : b.readUInt32BE(20)) & 0xffff;
    if (!isSupportedLinkType(lt)) this.fail(20, `unsupported link type ${lt}`);
    this.linkType = lt;
    this.noteLinkType(lt);
    this.interfaces.push({ name: '', linkType: lt, tsresol: this.nsPerUnit === 1 ? 1e-9 : 1e-6 });
    this.pos = HEADER;
    this.need = 0;
  }

  next(): number {
    const p = this.pos;
    const avail = this.end - p;
    if (avail < RECORD) return this.short(avail);
    const b = this.buf;
    let sec: number, frac: number, caplen: number, wirelen: number;
    if (this.le) {
      sec = b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24);
      frac = b[p + 4] | (b[p + 5] << 8) | (b[p + 6] << 16) | (b[p + 7] << 24);
      caplen = b[p + 8] | (b[p + 9] << 8) | (b[p + 10] << 16) | (b[p + 11] << 24);
      wirelen = b[p + 12] | (b[p + 13] << 8) | (b[p + 14] << 16) | (b[p + 15] << 24);
    } else {
      sec = (b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3];
      frac = (b[p + 4] << 24) | (b[p + 5] << 16) | (b[p + 6] << 8) | b[p + 7];
      caplen = (b[p + 8] << 24) | (b[p + 9] << 16) | (b[p + 10] << 8) | b[p + 11];
      wirelen = (b[p + 12] << 24) | (b[p + 13] << 16) | (b[p + 14] << 8) | b[p + 15];
    }
    caplen >>>= 0;
    if (caplen > this.maxCaplen) {
      this.fail(p + 8, caplen > MAX_RECORD
        ? `record length ${caplen} exceeds the 256 MiB limit`
        : `record length ${caplen} exceeds the snap length ${this.snaplen}`);
    }
    if (avail < RECORD + caplen) {
      if (this.eof) return this.cutShort(p);
      this.need = RECORD + caplen;
      return NEED_MORE;
    }
    this.sec = sec >>> 0;
    this.nsec = (frac >>> 0) * this.nsPerUnit;
    this.caplen = caplen;
    this.wirelen = wirelen >>> 0;
    this.dataOff = p + RECORD;
    this.pos = p + RECORD + caplen;
    return PACKET;
  }

  private short(avail: number): number {
    if (!this.eof) {
      this.need = RECORD;
      return NEED_MORE;
    }
    return avail === 0 ? END : this.cutShort(this.pos);
  }

  private cutShort(p: number): number {
    this.warnings.push(cutShortWarning(this.file, this.offsetOf(p)));
    this.pos = this.end;
    return END;
  }
}
