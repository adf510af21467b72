import type { Decoded } from '../capture/decode';
import { BinSeries, MAX_BINS } from './series';

const KW = 10; // key words per flow: proto|family, low address x4, high address x4, ports
const EMPTY = -1;

/** sbin values: no packet yet; bins kept in seriesAB/seriesBA (≥ 0: every byte so far lies in that one bin). */
const FRESH = -1;
const EXPLICIT = -2;

/**
 * Bytes of typed arrays per flow slot: keys 40, hash 4, stats 48, aIsLow 1, tunnelOf 4, tunnelKind 1, vni 4, sbin 4,
 * and 8 of hash slots (two per flow). Capacity doubles, so a table holds between 1 and 2 slots per flow. A flow whose
 * packets all fall in one time bin needs nothing more; one spread over several bins adds two BinSeries.
 * @public (docs/security.md and docs/bench-capture.md cite it; no code reads it)
 */
export const TABLE_BYTES_PER_SLOT = 114;

/**
 * Flows kept one by one; beyond this the flows with the fewest packets are added up into "other flows". 100 000:
 * the report costs about 1 KB per flow as objects (measured: 970 B/flow of RSS at 1 M flows, docs/bench-capture.md) and
 * is copied once more on its way to the editor, so this keeps a capture's report near 100 MB, inside a 256 MB worker
 * heap; and how flows spread over at most 64 queues is settled long before 100 000 flows. The CLI's --max-flows
 * raises it.
 */
export const DEFAULT_MAX_FLOWS = 100_000;

/**
 * Bidirectional conversations in an open-addressing hash table over typed arrays: the key is
 * numeric (no strings, no objects per packet). A flow's A side is the sender of its first packet.
 */
export class FlowTable {
  count = 0;
  /** Direction of the last looked-up packet: true when it went A to B. */
  aToB = true;

  keys: Uint32Array;
  private hashes: Uint32Array;
  /** Per flow: packets A→B, bytes A→B, packets B→A, bytes B→A, first and last time (s, relative). */
  stats: Float64Array;
  /** 1 when A is the canonical low endpoint. */
  aIsLow: Uint8Array;
  tunnelOf: Int32Array;
  tunnelKind: Uint8Array;
  vni: Int32Array;
  /** Per flow: FRESH, EXPLICIT (series in seriesAB/seriesBA) or the one bin holding all its bytes so far. */
  sbin: Int32Array;
  seriesAB: BinSeries[] = [];
  seriesBA: BinSeries[] = [];
  /** Flows added up by evict(): flow entries, packets, bytes. */
  readonly other = new Float64Array(3);
  /** Tunnelled flows kept whose carrier was evicted (their tunnel link is lost). */
  tunnelLinksLost = 0;
  /** Flow entries evicted while reading and then seen again (split between "other flows" and their own row). */
  evictions = 0;
  private slots: Int32Array;
  /** Flow of the previous lookup (-1: none yet). */
  private lastFlow = -1;
  private mask: number;
  private flowCap: number;

  constructor(capacity = 256) {
    this.flowCap = capacity;
    this.keys = new Uint32Array(capacity * KW);
    this.hashes = new Uint32Array(capacity);
    this.stats = new Float64Array(capacity * 6);
    this.aIsLow = new Uint8Array(capacity);
    this.tunnelOf = new Int32Array(capacity);
    this.tunnelKind = new Uint8Array(capacity);
    this.vni = new Int32Array(capacity);
    this.sbin = new Int32Array(capacity);
    this.slots = new Int32Array(capacity * 2).fill(EMPTY);
    this.mask = capacity * 2 - 1;
  }

  /** Finds or creates the flow of `d` and sets aToB; returns the flow id (ids count up in order of first packet). */
  lookup(d: Decoded, rel: number): number {
    // Canonical order: the endpoint with the lower (address, port) comes first.
    let lowIsSrc: boolean;
    if (d.s0 !== d.d0) lowIsSrc = d.s0 < d.d0;
    else if (d.s1 !== d.d1) lowIsSrc = d.s1 < d.d1;
    else if (d.s2 !== d.d2) lowIsSrc = d.s2 < d.d2;
    else if (d.s3 !== d.d3) lowIsSrc = d.s3 < d.d3;
    else lowIsSrc = d.sport <= d.dport;
    const w0 = d.proto | (d.v6 << 8);
    let l0, l1, l2, l3, h0, h1, h2, h3, ports;
    if (lowIsSrc) {
      l0 = d.s0; l1 = d.s1; l2 = d.s2; l3 = d.s3; h0 = d.d0; h1 = d.d1; h2 = d.d2; h3 = d.d3;
      ports = ((d.sport << 16) | d.dport) >>> 0;
    } else {
      l0 = d.d0; l1 = d.d1; l2 = d.d2; l3 = d.d3; h0 = d.s0; h1 = d.s1; h2 = d.s2; h3 = d.s3;
      ports = ((d.dport << 16) | d.sport) >>> 0;
    }
    // Last-flow cache: captures come in bursts of one flow (GSO trains, ACK runs), so comparing the key with
    // the previous packet's flow skips the hash and the probe for most packets.
    const k = this.keys;
    const lf = this.lastFlow;
    if (lf >= 0) {
      const o = lf * KW;
      if (k[o + 4] === l3 && k[o + 8] === h3 && k[o + 9] === ports && k[o] === w0 &&
          k[o + 1] === l0 && k[o + 2] === l1 && k[o + 3] === l2 && k[o + 5] === h0 && k[o + 6] === h1 && k[o + 7] === h2) {
        this.aToB = lowIsSrc === (this.aIsLow[lf] === 1);
        return lf;
      }
    }
    let h = Math.imul(w0 ^ 0x811c9dc5, 0x9e3779b1);
    h = Math.imul(h ^ l3, 0x85ebca6b); h = Math.imul(h ^ h3, 0xc2b2ae35); h = Math.imul(h ^ ports, 0x9e3779b1);
    if (d.v6) {
      h = Math.imul(h ^ l0, 0x85ebca6b); h = Math.imul(h ^ l1, 0xc2b2ae35); h = Math.imul(h ^ l2, 0x85ebca6b);
      h = Math.imul(h ^ h0, 0xc2b2ae35); h = Math.imul(h ^ h1, 0x85ebca6b); h = Math.imul(h ^ h2, 0xc2b2ae35);
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h = (h ^ (h >>> 13)) >>> 0;
    let i = h & this.mask;
    for (;;) {
      const f = this.slots[i];
      if (f === EMPTY) break;
      const o = f * KW;
      if (this.hashes[f] === h && k[o + 4] === l3 && k[o + 8] === h3 && k[o + 9] === ports && k[o] === w0 &&
          k[o + 1] === l0 && k[o + 2] === l1 && k[o + 3] === l2 && k[o + 5] === h0 && k[o + 6] === h1 && k[o + 7] === h2) {
        this.aToB = lowIsSrc === (this.aIsLow[f] === 1);
        this.lastFlow = f;
        return f;
      }
      i = (i + 1) & this.mask;
    }
    const f = this.count;
    if (f === this.flowCap) {
      this.grow();
      return this.lookup(d, rel);
    }
    this.count++;
    this.slots[i] = f;
    this.hashes[f] = h;
    const o = f * KW;
    k[o] = w0; k[o + 1] = l0; k[o + 2] = l1; k[o + 3] = l2; k[o + 4] = l3;
    k[o + 5] = h0; k[o + 6] = h1; k[o + 7] = h2; k[o + 8] = h3; k[o + 9] = ports;
    this.aIsLow[f] = lowIsSrc ? 1 : 0;
    this.tunnelOf[f] = -1;
    this.sbin[f] = FRESH;
    const st = this.stats;
    const so = f * 6;
    // Zeroed here: after evict() the slot may hold an evicted flow's counts.
    st[so] = 0; st[so + 1] = 0; st[so + 2] = 0; st[so + 3] = 0;
    st[so + 4] = rel;
    st[so + 5] = rel;
    this.aToB = true;
    this.lastFlow = f;
    return f;
  }

  /** Counts one packet of `bytes` on the wire at relative time `rel`, in bin `bin` (-1: not binned). */
  count1(f: number, aToB: boolean, bytes: number, rel: number, bin: number): void {
    const sb = this.sbin[f];
    if (sb !== EXPLICIT) {
      // Compact form: while every packet falls in one bin, the bin's bytes are the flow's byte counts.
      if (bin >= 0 && (sb === FRESH || sb === bin)) {
        this.sbin[f] = bin;
        this.countStats(f, aToB, bytes, rel);
        return;
      }
      if (sb >= 0) this.materialise(f, sb);
      this.sbin[f] = EXPLICIT;
    }
    this.countStats(f, aToB, bytes, rel);
    if (bin >= 0 && bin < MAX_BINS) {
      const arr = aToB ? this.seriesAB : this.seriesBA;
      let ser = arr[f];
      if (ser === undefined) {
        ser = new BinSeries(bin);
        (aToB ? this.seriesAB : this.seriesBA)[f] = ser;
        const other = aToB ? this.seriesBA : this.seriesAB;
        if (other[f] === undefined) other[f] = new BinSeries(bin, 4);
      }
      ser.add(bin, bytes);
    }
  }

  private countStats(f: number, aToB: boolean, bytes: number, rel: number): void {
    const s = this.stats;
    const o = f * 6;
    if (aToB) { s[o]++; s[o + 1] += bytes; } else { s[o + 2]++; s[o + 3] += bytes; }
    if (rel < s[o + 4]) s[o + 4] = rel;
    if (rel > s[o + 5]) s[o + 5] = rel;
  }

  /** Turns a compact one-bin flow into explicit series holding its bytes so far in bin `bin`. */
  private materialise(f: number, bin: number): void {
    const ab = new BinSeries(bin, 4);
    const ba = new BinSeries(bin, 4);
    ab.add(bin, this.stats[f * 6 + 1]);
    ba.add(bin, this.stats[f * 6 + 3]);
    this.seriesAB[f] = ab;
    this.seriesBA[f] = ba;
  }

  /** Flow f's bytes per bin in one direction, padded to `bins` entries. */
  seriesOf(f: number, aToB: boolean, bins: number): number[] {
    const sb = this.sbin[f];
    if (sb === EXPLICIT) {
      const ser = (aToB ? this.seriesAB : this.seriesBA)[f];
      if (ser) return ser.toArrayOf(bins);
    }
    const out = new Array<number>(Math.max(bins, sb + 1)).fill(0);
    if (sb >= 0) out[sb] = this.stats[f * 6 + (aToB ? 1 : 3)];
    return out;
  }

  /** Widens every flow's bins by `factor` (see BinSeries.fold). */
  foldSeries(factor: number): void {
    // forEach skips the holes of flows with no series in that direction.
    this.seriesAB.forEach((s) => s.fold(factor));
    this.seriesBA.forEach((s) => s.fold(factor));
    const sbin = this.sbin;
    for (let f = 0; f < this.count; f++) if (sbin[f] >= 0) sbin[f] = Math.floor(sbin[f] / factor);
  }

  /**
   * Keeps the `keep` flows with the most packets (ties: the earliest) and adds the others up into `other`. Flow ids
   * are renumbered (order of first packet is kept), so call it only between packets.
   */
  evict(keep: number): void {
    const n = this.count;
    if (n <= keep) return;
    const s = this.stats;
    const score = new Float64Array(n);
    for (let f = 0; f < n; f++) score[f] = s[f * 6] + s[f * 6 + 2];
    const sorted = score.slice().sort();
    const t = sorted[n - keep]; // the keep-th largest
    let above = 0;
    for (let f = 0; f < n; f++) if (score[f] > t) above++;
    let tiesLeft = keep - above;
    const remap = new Int32Array(n);
    let next = 0;
    for (let f = 0; f < n; f++) {
      const sc = score[f];
      if (sc > t || (sc === t && tiesLeft-- > 0)) remap[f] = next++;
      else {
        remap[f] = -1;
        this.other[0]++;
        this.other[1] += sc;
        this.other[2] += s[f * 6 + 1] + s[f * 6 + 3];
      }
    }
    const k = this.keys;
    const ab = this.seriesAB;
    const ba = this.seriesBA;
    const nab: BinSeries[] = [];
    const nba: BinSeries[] = [];
    for (let f = 0; f < n; f++) {
      const g = remap[f];
      if (g < 0) continue;
      if (g !== f) {
        k.copyWithin(g * KW, f * KW, f * KW + KW);
        s.copyWithin(g * 6, f * 6, f * 6 + 6);
        this.hashes[g] = this.hashes[f];
        this.aIsLow[g] = this.aIsLow[f];
        this.tunnelKind[g] = this.tunnelKind[f];
        this.vni[g] = this.vni[f];
        this.sbin[g] = this.sbin[f];
      }
      const outer = this.tunnelOf[f];
      const moved = outer >= 0 ? remap[outer] : -1;
      if (outer >= 0 && moved < 0) this.tunnelLinksLost++;
      this.tunnelOf[g] = moved;
      if (ab[f] !== undefined) nab[g] = ab[f];
      if (ba[f] !== undefined) nba[g] = ba[f];
    }
    this.seriesAB = nab;
    this.seriesBA = nba;
    this.count = next;
    this.lastFlow = -1;
    this.evictions++;
    this.rehash();
  }

  private grow(): void {
    const cap = this.flowCap * 2;
    const keys = new Uint32Array(cap * KW); keys.set(this.keys); this.keys = keys;
    const hashes = new Uint32Array(cap); hashes.set(this.hashes); this.hashes = hashes;
    const stats = new Float64Array(cap * 6); stats.set(this.stats); this.stats = stats;
    const aIsLow = new Uint8Array(cap); aIsLow.set(this.aIsLow); this.aIsLow = aIsLow;
    const tunnelOf = new Int32Array(cap); tunnelOf.set(this.tunnelOf); this.tunnelOf = tunnelOf;
    const tunnelKind = new Uint8Array(cap); tunnelKind.set(this.tunnelKind); this.tunnelKind = tunnelKind;
    const vni = new Int32Array(cap); vni.set(this.vni); this.vni = vni;
    const sbin = new Int32Array(cap); sbin.set(this.sbin); this.sbin = sbin;
    this.flowCap = cap;
    this.rehash();
  }

  private rehash(): void {
    const cap = this.flowCap;
    if (this.slots.length === cap * 2) this.slots.fill(EMPTY);
    else this.slots = new Int32Array(cap * 2).fill(EMPTY);
    this.mask = cap * 2 - 1;
    for (let f = 0; f < this.count; f++) {
      let i = this.hashes[f] & this.mask;
      while (this.slots[i] !== EMPTY) i = (i + 1) & this.mask;
      this.slots[i] = f;
    }
  }
}
