import { ChunkReader, END, NEED_MORE, PACKET } from './chunkReader';
import { cutShortWarning, MAX_RECORD } from './errors';
import { isSupportedLinkType, linkTypeLabel, MAX_SNAPLEN, supportedLinkTypes } from './linkTypes';

const HEADER = 24;
const RECORD = 16;

/** Classic libpcap files: a1b2c3d4 (µs) or a1b23c4d (ns) magic, either byte order. */
export class PcapReader extends ChunkReader {
  readonly format = 'pcap';
  private le = true;
  private nsPerUnit = 1000;
  private snaplen = 0;
  private maxCaplen = MAX_RECORD;
  /** Above the snap length, records are still read up to this (libpcap's maximum for the link type), with one warning. */
  private hardCaplen = MAX_RECORD;
  /** A timestamp fraction at or above this is not a fraction (1e6 µs or 1e9 ns). */
  private fracLimit = 1e6;
  private badFractions = 0;

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
    this.fracLimit = this.nsPerUnit === 1 ? 1e9 : 1e6;
    const major = this.le ? b.readUInt16LE(4) : b.readUInt16BE(4);
    if (major !== 2) this.fail(4, `unsupported pcap version ${major}`);
    this.snaplen = this.le ? b.readUInt32LE(16) : b.readUInt32BE(16);
    if (this.snaplen > 0 && this.snaplen < MAX_RECORD) {
      this.maxCaplen = this.snaplen;
      this.hardCaplen = Math.max(this.snaplen, MAX_SNAPLEN);
    }
    // The low 16 bits are the link type; bits 16-25 are reserved (libpcap rejects them set); the top 6 carry FCS information.
    const field = this.le ? b.readUInt32LE(20) : b.readUInt32BE(20);
    const lt = field & 0xffff;
    if ((field & 0x03ff0000) !== 0) this.fail(20, `bad link-layer type field 0x${(field >>> 0).toString(16)}: reserved bits not zero`);
    if (!isSupportedLinkType(lt)) this.fail(20, `unsupported link type ${linkTypeLabel(lt)}; supported: ${supportedLinkTypes()}`);
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
    if (caplen > this.maxCaplen) this.overSnaplen(p, caplen);
    if (avail < RECORD + caplen) {
      if (this.eof) return this.cutShort(p);
      this.need = RECORD + caplen;
      return NEED_MORE;
    }
    sec >>>= 0;
    frac >>>= 0;
    let nsec = frac * this.nsPerUnit;
    if (frac >= this.fracLimit) {
      // As tshark reads it: µs × 1000 in 32-bit arithmetic (wiretap's), then the excess carried into the seconds.
      nsec = this.nsPerUnit === 1 ? frac : Math.imul(frac, 1000) >>> 0;
      sec += Math.floor(nsec / 1e9);
      nsec %= 1e9;
      this.badFraction();
    }
    this.sec = sec;
    this.nsec = nsec;
    this.caplen = caplen;
    this.wirelen = wirelen >>> 0;
    this.dataOff = p + RECORD;
    this.pos = p + RECORD + caplen;
    return PACKET;
  }

  /** A record longer than the snap length: read, as libpcap does, up to the link type's maximum (warned once). */
  private overSnaplen(p: number, caplen: number): void {
    if (caplen > this.hardCaplen) {
      this.fail(p + 8, this.hardCaplen === MAX_RECORD
        ? `record length ${caplen} exceeds the 256 MiB limit`
        : `record length ${caplen} exceeds the snap length ${this.snaplen} and the ${this.hardCaplen}-byte maximum for link type ${linkTypeLabel(this.linkType)}`);
    }
    this.warnings.push(`${this.file}: records longer than the snap length ${this.snaplen} (the first, ${caplen} bytes, at byte offset ${this.offsetOf(p)}); ` +
      `read as libpcap and tshark do, up to ${this.hardCaplen} bytes.`);
    this.maxCaplen = this.hardCaplen;
  }

  /** A timestamp fraction of a second or more: counted, and named in one warning at the end. */
  private badFraction(): void {
    this.badFractions++;
  }

  /** The end of the file: the one warning for invalid timestamp fractions, if any. */
  private end_(): number {
    const n = this.badFractions;
    if (n > 0) {
      const unit = this.nsPerUnit === 1 ? 'nanoseconds ≥ 1e9' : 'microseconds ≥ 1e6';
      this.warnings.push(`${this.file}: ${n} packet${n === 1 ? '' : 's'} with an invalid timestamp fraction (${unit}); ` +
        'read as tshark reads them (µs × 1000 in 32 bits, the excess carried into the seconds).');
      this.badFractions = 0;
    }
    return END;
  }

  private short(avail: number): number {
    if (!this.eof) {
      this.need = RECORD;
      return NEED_MORE;
    }
    return avail === 0 ? this.end_() : this.cutShort(this.pos);
  }

  private cutShort(p: number): number {
    this.warnings.push(cutShortWarning(this.file, this.offsetOf(p)));
    this.pos = this.end;
    return this.end_();
  }
}
