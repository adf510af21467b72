import { ChunkReader, END, NEED_MORE, PACKET } from './chunkReader';
import { cutShortWarning, MAX_RECORD } from './errors';
import { isSupportedLinkType, linkTypeLabel } from './linkTypes';

const SHB = 0x0a0d0d0a;
const IDB = 1;
const OPB = 2; // obsolete Packet Block
const SPB = 3;
const ISB = 5;
const EPB = 6;
const BOM = 0x1a2b3c4d;
/** Comments kept word for word, each cut to MAX_COMMENT_BYTES and all together to MAX_COMMENT_TOTAL; the rest counted. */
export const MAX_COMMENTS = 1000;
export const MAX_COMMENT_BYTES = 4096;
export const MAX_COMMENT_TOTAL = 1 << 20;
/** Interface names and section-header texts kept up to this many bytes (an option may be 64 KiB). */
export const MAX_NAME_BYTES = 256;
/** Interfaces one section may declare (packets name them by a 32-bit id); the file is read up to the one past it. */
export const MAX_SECTION_INTERFACES = 65536;
/**
 * Interfaces of all sections together: each section starts its interface list afresh, so without this a file of
 * many sections would hold every section's interfaces (the per-section cap alone bounds nothing).
 */
export const MAX_FILE_INTERFACES = 1 << 20;
/** Interfaces listed in the report, across all sections; the rest are counted. */
export const MAX_LISTED_INTERFACES = 1024;

/** Per-interface state of the current section; timestamps are units of 1/div seconds plus offset. */
interface Iface {
  linkType: number;
  snaplen: number;
  div: number;
  nsPerUnit: number;
  tsoffset: number;
  info: number; // index into reader.interfaces, -1 when not listed (beyond MAX_LISTED_INTERFACES)
  /** Packets read on an interface whose link type we do not decode (counted in the totals, in no flow); -1: decoded. */
  skipped: number;
}

/**
 * pcapng: sections each with their own byte order and interfaces; EPB, SPB and obsolete PB
 * carry packets; ISB drop counts are kept; every other block (NRB, DSB, custom, unknown) is skipped.
 */
export class PcapngReader extends ChunkReader {
  readonly format = 'pcapng';
  private le = true;
  private ifaces: Iface[] = [];
  private sections = 0;
  /** Interfaces declared in all sections so far (MAX_FILE_INTERFACES). */
  private interfacesInFile = 0;
  // What the caps left out, reported by finish().
  private commentsDropped = 0;
  private commentBytesDropped = 0;
  private commentBytes = 0;
  private namesCut = 0;
  private interfacesUnlisted = 0;
  /** Interfaces of every section whose link type we do not decode, for the warning at the end. */
  private unknownIfaces: Iface[] = [];

  static sniff(b: Buffer): boolean {
    return b.length >= 4 && b.readUInt32LE(0) === SHB;
  }

  async open(): Promise<void> {
    this.need = 28;
    await this.fill();
    if (this.end < 12 || this.buf.readUInt32LE(0) !== SHB) {
      if (this.end >= 4 && this.buf.readUInt32LE(0) === SHB) this.fail(this.end, 'truncated pcapng section header');
      this.fail(0, 'not a pcapng file');
    }
    const len = this.blockLen(0);
    if (this.end < len) {
      this.need = len;
      await this.fill();
      if (this.end < len) this.fail(this.end, `truncated pcapng section header: ${this.end} of ${len} bytes`);
    }
    this.need = 0;
  }

  private u16(p: number): number {
    const b = this.buf;
    return this.le ? b[p] | (b[p + 1] << 8) : (b[p] << 8) | b[p + 1];
  }

  private u32(p: number): number {
    const b = this.buf;
    return (this.le
      ? b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)
      : (b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
  }

  /** Reads and checks a block's total length; for an SHB it first learns the section's byte order. */
  private blockLen(p: number): number {
    if (this.buf.readUInt32LE(p) === SHB) {
      const bom = this.buf.readUInt32LE(p + 8);
      if (bom === BOM) this.le = true;
      else if (bom === 0x4d3c2b1a) this.le = false;
      else this.fail(p + 8, 'bad pcapng byte-order magic');
    }
    const len = this.u32(p + 4);
    if (len < 12) this.fail(p + 4, `block length ${len} is below the 12-byte minimum`);
    if (len % 4 !== 0) this.fail(p + 4, `block length ${len} is not a multiple of 4`);
    if (len > MAX_RECORD) this.fail(p + 4, `block length ${len} exceeds the 256 MiB limit`);
    return len;
  }

  next(): number {
    for (;;) {
      const p = this.pos;
      const avail = this.end - p;
      if (avail < 12) {
        if (!this.eof) { this.need = 12; return NEED_MORE; }
        if (avail === 0) return this.finish();
        return this.cutShort(p);
      }
      const type = this.u32(p);
      const len = type === EPB ? this.epbLen(p) : this.blockLen(p);
      if (avail < len) {
        if (this.eof) return this.cutShort(p);
        this.need = len;
        return NEED_MORE;
      }
      if (this.u32(p + len - 4) !== len) this.fail(p + len - 4, `block trailer length differs from its header length ${len}`);
      this.pos = p + len;
      if (type === EPB) {
        if (this.epb(p, len)) return PACKET;
      } else if (type === SPB || type === OPB) {
        if (type === SPB ? this.spb(p, len) : this.opb(p, len)) return PACKET;
      } else if (type === SHB) this.shb(p, len);
      else if (type === IDB) {
        if (this.ifaces.length >= MAX_SECTION_INTERFACES) return this.stop(p, `more than ${MAX_SECTION_INTERFACES} interfaces in one section`);
        if (this.interfacesInFile >= MAX_FILE_INTERFACES) return this.stop(p, `more than ${MAX_FILE_INTERFACES} interfaces in the file's ${this.sections} sections together`);
        this.interfacesInFile++;
        this.idb(p, len);
      }
      else if (type === ISB) this.isb(p, len);
      // Name resolution, decryption secrets, custom and unknown blocks: skipped.
    }
  }

  /** Fast path of blockLen for the commonest block. */
  private epbLen(p: number): number {
    const len = this.u32(p + 4);
    if (len >= 32 && (len & 3) === 0 && len <= MAX_RECORD) return len;
    this.blockLen(p); // throws for the generic faults
    return this.fail(p + 4, `packet block length ${len} is too short`);
  }

  private iface(p: number, id: number): Iface {
    const f = this.ifaces[id];
    if (!f) this.fail(p, `packet refers to interface ${id}, which the section does not declare`);
    return f;
  }

  private setPacket(f: Iface, p: number, hi: number, lo: number, caplen: number, wirelen: number, room: number): void {
    if (caplen > room) this.fail(p, `captured length ${caplen} overruns its block`);
    this.setTime(f, hi, lo);
    this.caplen = caplen;
    this.wirelen = wirelen;
    this.linkType = f.linkType;
    if (f.skipped >= 0) f.skipped++;
  }

  private epb(p: number, len: number): boolean {
    const f = this.iface(p + 8, this.u32(p + 8));
    const caplen = this.u32(p + 20);
    this.setPacket(f, p + 20, this.u32(p + 12), this.u32(p + 16), caplen, this.u32(p + 24), len - 32);
    this.dataOff = p + 28;
    const optStart = p + 28 + ((caplen + 3) & ~3);
    if (this.epbQueue !== -1 || this.epbHashAlgo !== -1) this.epbQueue = this.epbHashAlgo = -1;
    if (optStart < p + len - 4) this.options(optStart, p + len - 4, this.epbOption);
    return true;
  }

  /** epb_hash (3): algorithm byte then the hash; epb_queue (6): u32. Bound once, so options cost no closure per packet. */
  private readonly epbOption = (code: number, q: number, n: number): void => {
    if (code === 6 && n === 4) this.epbQueue = this.u32(q);
    else if (code === 3 && n >= 1) {
      this.epbHashAlgo = this.buf[q];
      this.epbHashOff = q + 1;
      this.epbHashLen = n - 1;
    }
  };

  private opb(p: number, len: number): boolean {
    if (len < 32) this.fail(p + 4, `packet block length ${len} is too short`);
    const f = this.iface(p + 8, this.u16(p + 8));
    const caplen = this.u32(p + 20);
    this.setPacket(f, p + 20, this.u32(p + 12), this.u32(p + 16), caplen, this.u32(p + 24), len - 32);
    this.dataOff = p + 28;
    return true;
  }

  /** Simple Packet Blocks carry no timestamp: the previous packet's time stands in. */
  private spb(p: number, len: number): boolean {
    if (len < 16) this.fail(p + 4, `simple packet block length ${len} is too short`);
    const f = this.iface(p, 0);
    const wirelen = this.u32(p + 8);
    let caplen = Math.min(wirelen, len - 16);
    if (f.snaplen > 0) caplen = Math.min(caplen, f.snaplen);
    this.caplen = caplen;
    this.wirelen = wirelen;
    this.linkType = f.linkType;
    if (f.skipped >= 0) f.skipped++;
    this.dataOff = p + 12;
    return true;
  }

  private shb(p: number, len: number): void {
    if (len < 28) this.fail(p + 4, `section header block length ${len} is too short`);
    const major = this.u16(p + 12);
    const minor = this.u16(p + 14);
    // libpcap reads 1.0 only (1.1 and 1.2 were never defined; 2.0 would break readers by design).
    if (major !== 1 || minor !== 0) this.fail(p + 12, `unsupported pcapng version ${major}.${minor} (libpcap and tshark read 1.0)`);
    this.ifaces = [];
    this.sections++;
    this.options(p + 24, p + len - 4, this.sections === 1 ? this.shbOption : null);
  }

  /** shb_hardware (2), shb_os (3), shb_userappl (4) of the first section, cut to MAX_NAME_BYTES. */
  private readonly shbOption = (code: number, q: number, n: number): void => {
    const key = code === 2 ? 'hardware' : code === 3 ? 'os' : code === 4 ? 'application' : undefined;
    if (key) this.sectionHeader[key] = this.buf.toString('utf8', q, q + Math.min(n, MAX_NAME_BYTES));
  };

  private idb(p: number, len: number): void {
    if (len < 20) this.fail(p + 4, `interface block length ${len} is too short`);
    const lt = this.u16(p + 8);
    // An interface we cannot decode is kept (its packets count in the totals); only its packets are left out of flows.
    const listed = this.interfaces.length < MAX_LISTED_INTERFACES;
    const f: Iface = { linkType: lt, snaplen: this.u32(p + 12), div: 1e6, nsPerUnit: 1000, tsoffset: 0, info: listed ? this.interfaces.length : -1, skipped: -1 };
    if (!isSupportedLinkType(lt)) {
      f.skipped = 0;
      this.unknownIfaces.push(f);
    }
    const info = { name: '', linkType: lt, tsresol: 1e-6 };
    this.options(p + 16, p + len - 4, (code, q, n) => {
      if (code === 2 && listed) {
        if (n > MAX_NAME_BYTES) this.namesCut++;
        info.name = this.buf.toString('utf8', q, q + Math.min(n, MAX_NAME_BYTES));
      }
      else if (code === 9 && n >= 1) {
        const r = this.buf[q];
        const k = r & 0x7f;
        if ((r & 0x80 ? k > 52 : k > 15)) this.fail(q, `unsupported if_tsresol ${r}`);
        f.div = r & 0x80 ? 2 ** k : 10 ** k;
        f.nsPerUnit = 1e9 / f.div;
        info.tsresol = 1 / f.div;
      } else if (code === 14 && n >= 8) {
        const hi = this.u32(this.le ? q + 4 : q) | 0; // signed seconds
        const lo = this.u32(this.le ? q : q + 4);
        f.tsoffset = hi * 4294967296 + lo;
      }
    });
    this.ifaces.push(f);
    if (listed) this.interfaces.push(info);
    else this.interfacesUnlisted++;
    this.noteLinkType(lt);
  }

  private isb(p: number, len: number): void {
    if (len < 24) return;
    const f = this.ifaces[this.u32(p + 8)];
    if (!f) return;
    let ifdrop = -1;
    let osdrop = -1;
    this.options(p + 20, p + len - 4, (code, q, n) => {
      if (n < 8) return;
      const v = this.le ? this.u32(q + 4) * 4294967296 + this.u32(q) : this.u32(q) * 4294967296 + this.u32(q + 4);
      if (code === 5) ifdrop = v;
      else if (code === 7) osdrop = v;
    });
    const drops = ifdrop >= 0 ? ifdrop : osdrop;
    if (drops >= 0 && f.info >= 0) this.interfaces[f.info].drops = drops;
  }

  /** Walks TLV options; comments (code 1) are kept verbatim, others go to `each`. */
  private options(p: number, end: number, each: ((code: number, q: number, n: number) => void) | null): void {
    while (p + 4 <= end) {
      const code = this.u16(p);
      const n = this.u16(p + 2);
      if (code === 0) return;
      const q = p + 4;
      if (q + n > end) {
        this.warnings.push(`${this.file}: option ${code} overruns its block (at byte offset ${this.offsetOf(p)}); rest of the options ignored`);
        return;
      }
      if (code === 1) this.comment(q, n);
      else if (each) each(code, q, n);
      p = q + ((n + 3) & ~3);
    }
  }

  /** Keeps a comment within the caps; what does not fit is counted for finish(). */
  private comment(q: number, n: number): void {
    const room = Math.min(MAX_COMMENT_BYTES, MAX_COMMENT_TOTAL - this.commentBytes);
    if (this.comments.length >= MAX_COMMENTS || room <= 0) {
      this.commentsDropped++;
      this.commentBytesDropped += n;
      return;
    }
    const keep = Math.min(n, room);
    this.commentBytes += keep;
    this.commentBytesDropped += n - keep;
    const text = this.buf.toString('utf8', q, q + keep);
    this.comments.push(keep < n ? `${text}… (${n - keep} more bytes not kept)` : text);
  }

  /** END, with one warning per cap that left something out. */
  private finish(): number {
    if (this.commentsDropped > 0 || this.commentBytesDropped > 0) {
      this.warnings.push(`${this.file}: ${this.commentsDropped} comments and ${this.commentBytesDropped} comment bytes not kept (at most ${MAX_COMMENTS} comments, ${MAX_COMMENT_BYTES} bytes each, ${MAX_COMMENT_TOTAL} bytes in all).`);
    }
    if (this.namesCut > 0) this.warnings.push(`${this.file}: ${this.namesCut} interface names longer than ${MAX_NAME_BYTES} bytes cut to that length.`);
    if (this.interfacesUnlisted > 0) this.warnings.push(`${this.file}: ${this.interfacesUnlisted} interfaces beyond the first ${MAX_LISTED_INTERFACES} not listed (their packets are counted).`);
    this.commentsDropped = this.commentBytesDropped = this.namesCut = this.interfacesUnlisted = 0;
    // One warning per interface whose packets we could not decode.
    for (const f of this.unknownIfaces) {
      if (f.skipped <= 0) continue;
      const name = f.info >= 0 ? this.interfaces[f.info].name : '';
      this.warnings.push(`${this.file}: ${f.skipped} packet${f.skipped === 1 ? '' : 's'} on interface ${f.info >= 0 ? f.info : '(unlisted)'}${name ? ` (${name})` : ''} with link type ` +
        `${linkTypeLabel(f.linkType)}, which we do not decode: counted in the totals, in no flow.`);
    }
    this.unknownIfaces = [];
    return END;
  }

  /** Stops reading at a cap that cannot be counted past (what was read is kept). */
  private stop(p: number, why: string): number {
    this.warnings.push(`${this.file}: stopped reading at byte offset ${this.offsetOf(p)}: ${why}; the packets before it are counted.`);
    this.pos = this.end;
    this.eof = true;
    return this.finish();
  }

  /** Splits hi:lo units into seconds and nanoseconds exactly, even when the 64-bit count exceeds 2^53. */
  private setTime(f: Iface, hi: number, lo: number): void {
    const d = f.div;
    let sec: number, rem: number;
    if (hi < 0x200000) {
      const t = hi * 4294967296 + lo;
      sec = Math.floor(t / d);
      rem = t - sec * d;
    } else {
      // Long division in 16-bit steps keeps every intermediate below 2^53 for d < 2^37.
      const a = hi * 65536 + (lo >>> 16);
      const qa = Math.floor(a / d);
      const b = (a - qa * d) * 65536 + (lo & 0xffff);
      const qb = Math.floor(b / d);
      sec = qa * 65536 + qb;
      rem = b - qb * d;
    }
    this.sec = sec + f.tsoffset;
    this.nsec = rem * f.nsPerUnit;
  }

  private cutShort(p: number): number {
    this.warnings.push(cutShortWarning(this.file, this.offsetOf(p)));
    this.pos = this.end;
    return this.finish();
  }
}
