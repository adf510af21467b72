import type { Decoded } from './decode';

/** Fragmented datagrams awaiting their first fragment (or their last) at once; beyond this the oldest is dropped. */
export const MAX_FRAGMENT_GROUPS = 4096;

interface Group {
  /** Flow of the datagram (-1 until its first fragment, which carries the ports, is seen). */
  flow: number;
  aToB: boolean;
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

  private static key(d: Decoded): string {
    return d.v6
      ? `${d.s0},${d.s1},${d.s2},${d.s3}>${d.d0},${d.d1},${d.d2},${d.d3}#${d.fragId}`
      : `${d.s3}>${d.d3}/${d.proto}#${d.fragId}`;
  }

  /** The first fragment of a datagram went to `flow`; returns fragments that arrived before it (time, wire pairs). */
  first(d: Decoded, flow: number, aToB: boolean): number[] | null {
    const k = FragmentGroups.key(d);
    const g = this.groups.get(k);
    if (g) {
      // Any earlier group under this key is an older datagram whose id came round again, or ours seen out of order.
      const pending = g.pending;
      g.flow = flow; g.aToB = aToB; g.pending = null;
      return pending;
    }
    this.add(k, { flow, aToB, pending: null });
    return null;
  }

  /** A later fragment: its group when the datagram's flow is known; otherwise it is held until the first arrives. */
  later(d: Decoded, rel: number, wire: number): Group | null {
    const k = FragmentGroups.key(d);
    let g = this.groups.get(k);
    if (g && g.flow >= 0) {
      if (d.fragLast) this.groups.delete(k);
      return g;
    }
    if (!g) {
      g = { flow: -1, aToB: true, pending: [] };
      this.add(k, g);
    }
    g.pending!.push(rel, wire);
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
    }
  }

  /** At the end of the capture: fragments whose first fragment never came are orphans. */
  finish(): void {
    for (const g of this.groups.values()) if (g.flow < 0) this.drop(g);
    this.groups.clear();
  }
}
