import type { Decoded } from './decode';
import { MAX_FRAGMENT_GROUPS, MAX_PENDING_FRAGMENTS, MAX_PENDING_PER_GROUP } from './fragments';

/** Bytes of first fragments held at once (copies of their frames); beyond this the oldest datagram is given up. */
export const MAX_HELD_BYTES = 64 << 20;

/**
 * A fragmented datagram of the outermost IP header, held until it is complete, as tshark counts it: its
 * conversation taps see a datagram only once reassembly covers every byte up to the last fragment's end, and
 * then list every fragment it took in (overlapping and duplicate ones too) in the datagram's flow.
 */
export interface Held {
  /** The first-arrived fragment at offset 0 (its header gives the ports): a copy of its frame, or null. */
  first: Buffer | null;
  firstLink: number;
  firstRel: number;
  firstWire: number;
  /** Every other fragment: relative time and wire length, in pairs. */
  others: number[];
  /** Payload bytes covered so far: sorted, merged [start, end) pairs. */
  covered: number[];
  /** End of the datagram's payload (from its last fragment), -1 until that arrives. */
  total: number;
}

/**
 * Fragments of the outermost IP header by datagram: IPv4 by (source, destination, protocol, identification), IPv6
 * by (source, destination, fragment-header identification). Only fragments come here, so string keys are fine.
 */
export class HeldDatagrams {
  private readonly groups = new Map<string, Held>();
  private bytes = 0;
  private held = 0;
  /** Fragments of datagrams never completed (given up to stay bounded, or still incomplete at the end). */
  incomplete = 0;
  incompleteBytes = 0;
  /** Datagrams given up because more than MAX_FRAGMENT_GROUPS or MAX_HELD_BYTES were held. */
  evicted = 0;
  /** Fragments not held because their datagram (MAX_PENDING_PER_GROUP) or all (MAX_PENDING_FRAGMENTS) were full. */
  overflow = 0;

  private static key(d: Decoded): string {
    return d.v6
      ? `${d.s0},${d.s1},${d.s2},${d.s3}>${d.d0},${d.d1},${d.d2},${d.d3}#${d.fragId}`
      : `${d.s3}>${d.d3}/${d.proto}#${d.fragId}`;
  }

  /**
   * Takes one fragment (`frame`: its bytes, copied when it is the datagram's first offset-0 fragment). Returns the
   * datagram when this fragment completed it (it is no longer held), otherwise null.
   */
  add(d: Decoded, frame: Buffer, link: number, rel: number, wire: number): Held | null {
    const k = HeldDatagrams.key(d);
    let g = this.groups.get(k);
    if (!g) {
      g = { first: null, firstLink: 0, firstRel: 0, firstWire: 0, others: [], covered: [], total: -1 };
      this.groups.set(k, g);
      this.trim(k);
    }
    if (d.fragOff === 0 && d.frag === 1 && g.first === null) {
      g.first = Buffer.from(frame);
      g.firstLink = link; g.firstRel = rel; g.firstWire = wire;
      this.bytes += frame.length;
      this.trim(k);
    } else if (g.others.length >= 2 * MAX_PENDING_PER_GROUP || this.held >= MAX_PENDING_FRAGMENTS) {
      this.overflow++;
      this.incomplete++;
      this.incompleteBytes += wire;
      return null;
    } else {
      g.others.push(rel, wire);
      this.held++;
    }
    // tshark keeps the first datagram length it learns from a last fragment
    if (d.fragLast === 1 && g.total < 0) g.total = d.fragOff + d.fragLen;
    cover(g.covered, d.fragOff, d.fragOff + d.fragLen);
    if (g.first === null || g.total < 0 || g.covered[0] !== 0 || g.covered[1] < g.total) return null;
    this.groups.delete(k);
    this.release(g);
    return g;
  }

  /** Keeps the held state bounded: the oldest datagrams other than `keep` are given up. */
  private trim(keep: string): void {
    while (this.groups.size > MAX_FRAGMENT_GROUPS || this.bytes > MAX_HELD_BYTES) {
      const [oldKey, old] = this.groups.entries().next().value as [string, Held];
      if (oldKey === keep) break;
      this.groups.delete(oldKey);
      this.evicted++;
      this.giveUp(old);
    }
  }

  private release(g: Held): void {
    this.held -= g.others.length / 2;
    if (g.first !== null) this.bytes -= g.first.length;
  }

  private giveUp(g: Held): void {
    this.release(g);
    if (g.first !== null) { this.incomplete++; this.incompleteBytes += g.firstWire; }
    for (let i = 1; i < g.others.length; i += 2) { this.incomplete++; this.incompleteBytes += g.others[i]; }
  }

  /** A fragment cut short by the capture's snap length: tshark does not reassemble it (nor count it, unless first). */
  cut(wire: number): void {
    this.incomplete++;
    this.incompleteBytes += wire;
  }

  /** At the end of the capture: the datagrams still incomplete are in no flow. */
  finish(): void {
    for (const g of this.groups.values()) this.giveUp(g);
    this.groups.clear();
  }
}

/** Adds [s, e) to sorted, merged [start, end) pairs. */
function cover(c: number[], s: number, e: number): void {
  if (e <= s) return;
  let i = 0;
  while (i < c.length && c[i + 1] < s) i += 2;
  let j = i;
  while (j < c.length && c[j] <= e) { s = Math.min(s, c[j]); e = Math.max(e, c[j + 1]); j += 2; }
  c.splice(i, j - i, s, e);
}
