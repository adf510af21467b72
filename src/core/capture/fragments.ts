import type { Decoded } from './decode';

/** Fragmented datagrams awaiting their first fragment (or their last) at once; beyond this the oldest is dropped. */
export const MAX_FRAGMENT_GROUPS = 4096;

/**
 * Fragments held for one datagram before its first fragment arrives. A datagram is at most 64 KiB and a fragment
 * carries at least 8 bytes of it, so a real one has at most 8 192; more are orphans at once (not held).
 */
export const MAX_PENDING_PER_GROUP = 8192;
/** Fragments held over all groups together (4 096 groups × 8 192 would still be 268 MB of pairs). */
export const MAX_PENDING_FRAGMENTS = 1 << 18;

export interface Group {
  /** The first fragment (which carries the ports) has been seen. */
  known: boolean;
  /** Flow of the datagram (-1: none, as for a GRE or IP-in-IP datagram, whose flows are all inside). */
  flow: number;
  aToB: boolean;
  /** Flows tunnelled inside the datagram (found in its first fragment), with their direction: flow, 1|0 pairs. */
  inner: number[] | null;
  /** Fragments seen before the first: relative time and wire length, in pairs. */
  pending: number[] | null;
}

/**
 * Matches IP fragments to their datagram: IPv4 by (source, destination, protocol, identification), IPv6 by
 * (source, destination, fragment-header identification). Only fragmented packets come here, so string keys are fine.
 */
export class FragmentGroups {
  private readonly groups = new Map<string, Group>();
  /** Fragments never matched to a first fragment (dropped from the bounded state, or still pending at the end). */
  orphans = 0;
  orphanBytes = 0;
  /** Groups dropped because more than MAX_FRAGMENT_GROUPS were open. */
  evicted = 0;
  /** Later fragments not held because their group (MAX_PENDING_PER_GROUP) or all groups (MAX_PENDING_FRAGMENTS) were full. */
  overflow = 0;
  /** Fragments held in pending lists now. */
  private held = 0;

  private static key(d: Decoded): string {
    return d.v6
      ? `${d.s0},${d.s1},${d.s2},${d.s3}>${d.d0},${d.d1},${d.d2},${d.d3}#${d.fragId}`
      : `${d.s3}>${d.d3}/${d.proto}#${d.fragId}`;
  }

  /** The first fragment of a datagram went to `flow`: its group (pending holds fragments that arrived before it). */
  first(d: Decoded, flow: number, aToB: boolean): Group {
    const k = FragmentGroups.key(d);
    let g = this.groups.get(k);
    if (g) {
      // An earlier group under this key is ours seen out of order, or an older datagram whose id came round again.
      if (g.known) g.pending = null;
      g.known = true; g.flow = flow; g.aToB = aToB; g.inner = null;
    } else {
      g = { known: true, flow, aToB, inner: null, pending: null };
      this.add(k, g);
    }
    return g;
  }

  /** A later fragment: its group when the datagram's flow is known; otherwise it is held until the first arrives. */
  later(d: Decoded, rel: number, wire: number): Group | null {
    const k = FragmentGroups.key(d);
    let g = this.groups.get(k);
    if (g && g.known) {
      if (d.fragLast) this.groups.delete(k);
      return g;
    }
    if (!g) {
      g = { known: false, flow: -1, aToB: true, inner: null, pending: [] };
      this.add(k, g);
    }
    if (g.pending!.length >= 2 * MAX_PENDING_PER_GROUP || this.held >= MAX_PENDING_FRAGMENTS) {
      this.overflow++;
      this.orphans++;
      this.orphanBytes += wire;
      return null;
    }
    g.pending!.push(rel, wire);
    this.held++;
    return null;
  }

  private add(k: string, g: Group): void {
    if (this.groups.size >= MAX_FRAGMENT_GROUPS) {
      const [oldKey, old] = this.groups.entries().next().value as [string, Group];
      this.groups.delete(oldKey);
      this.evicted++;
      this.drop(old);
    }
    this.groups.set(k, g);
  }

  private drop(g: Group): void {
    if (g.pending) {
      for (let i = 1; i < g.pending.length; i += 2) { this.orphans++; this.orphanBytes += g.pending[i]; }
      this.released(g.pending);
    }
  }

  /** A group's pending list was taken (its first fragment came) or dropped: it no longer counts as held. */
  released(pending: number[]): void {
    this.held -= pending.length / 2;
  }

  /** At the end of the capture: fragments whose first fragment never came are orphans. */
  finish(): void {
    for (const g of this.groups.values()) if (!g.known) this.drop(g);
    this.groups.clear();
  }
}
