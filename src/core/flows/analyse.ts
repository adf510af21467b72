import * as path from 'node:path';
import type { ChunkReader } from '../capture/chunkReader';
import { AMSDU, Decoded, decodePacket, FLOW, FRAGMENT, IP_TUNNEL, openTunnel, UDP } from '../capture/decode';
import { WarningLog } from '../capture/warnings';
import { FragmentGroups, Group, MAX_FRAGMENT_GROUPS, MAX_PENDING_FRAGMENTS, MAX_PENDING_PER_GROUP } from '../capture/fragments';
import { Held, HeldDatagrams, MAX_HELD_BYTES } from '../capture/heldDatagrams';
import { ET, R_COUNT, R_ERSPAN, R_GRE, REASON_TEXT } from '../capture/layers';
import { msduEnd, nextMsdu } from '../capture/wifi';
import { FlowExtras } from './extras';
import { CaptureFacts, forEachPacket } from '../capture/forEachPacket';
import { DEFAULT_MAX_FLOWS, FlowTable } from './flowTable';
import { MAX_BINS } from './series';
import { FlowReport } from './report';
import { buildReport } from './buildReport';

export interface ReadOptions {
  /** Time-series bin width in milliseconds (default 100). */
  binMs?: number;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  signal?: AbortSignal;
  /** Read size in bytes (default 2 MiB); tests use tiny chunks to cross record boundaries. */
  chunkSize?: number;
  /** Accept FIFOs (the CLI, for paths the user typed); otherwise only regular files are read. */
  allowFifo?: boolean;
  /**
   * Flows kept one by one (default DEFAULT_MAX_FLOWS); beyond it the flows with the fewest packets are added up into
   * the report's `otherFlows`, with a warning. While reading, the table holds at most twice this many.
   */
  maxFlows?: number;
}

const MAX_TUNNEL_DEPTH = 4;

/**
 * Time-series cells (flows × bins) the analysis may hold. Every flow's series is padded to the whole
 * timeline in the report, so one packet with a far-off timestamp (or a day-long capture with many flows)
 * would otherwise cost flows × 1 M bins; beyond this budget ((flows + 1) × bins, the +1 for the whole-capture
 * timeline) the bins are widened instead. 2^18 cells is still 7 hours of 100 ms bins for a single flow.
 */
export const SERIES_CELL_BUDGET = 1 << 18;

/** Reads one or more captures (merged by time) into a flow table; see FlowReport. */
export async function analyseCaptures(paths: string[], opts: ReadOptions = {}): Promise<FlowReport> {
  if (paths.length === 0) throw new Error('no capture file given');
  const binMs = opts.binMs ?? 100;
  if (!(binMs > 0) || !Number.isFinite(binMs)) throw new RangeError(`bin width must be a positive number of milliseconds, not ${binMs}`);
  const maxFlows = opts.maxFlows ?? DEFAULT_MAX_FLOWS;
  if (!(maxFlows >= 1) || !Number.isInteger(maxFlows)) throw new RangeError(`the flow cap must be a positive integer, not ${maxFlows}`);
  const acc = new Accumulator(binMs, maxFlows);
  const files = await forEachPacket(paths, (r, st) => acc.count(r, st), {
    signal: opts.signal, chunkSize: opts.chunkSize, allowFifo: opts.allowFifo, onProgress: opts.onProgress, decoded: acc.dec,
  });
  return reportOf(acc, files, paths, binMs, maxFlows);
}

/** The flow report once every packet is counted: the table cut to the cap, the files' facts and every warning. */
function reportOf(acc: Accumulator, files: CaptureFacts[], paths: string[], binMs: number, maxFlows: number): FlowReport {
  acc.flowsChanged();
  const setAside = acc.table.evictions > 0;
  acc.table.evict(maxFlows);
  const { table, packets, bytes, baseSec, baseNs, maxRel, binsCapped, scale } = acc;
  const log = new WarningLog();
  for (const f of files) log.absorb(f.warnings);
  // The file's warnings (bounded), then the analysis's own few, which the bound must never hide.
  const warnings = log.toArray();
  for (const w of acc.decodeWarnings()) warnings.push(w);
  if (binsCapped) warnings.push(`Packets more than ${MAX_BINS} bins after the first are counted but left out of the time series.`);
  if (scale > 1) warnings.push(`Time-series bins widened from ${binMs} ms to ${binMs * scale} ms to keep ${table.count} flows × ${acc.bins} bins within memory.`);
  if (table.other[0] > 0) {
    warnings.push(`${table.other[0]} flows beyond the ${maxFlows} with the most packets were added up into "other flows" ` +
      `(${table.other[1]} packets, ${table.other[2]} bytes; no queue for them)` +
      (setAside ? '; flows were set aside while the capture was read, so a flow seen again afterwards has its earlier packets in "other flows"' : '') +
      (table.tunnelLinksLost > 0 ? `; ${table.tunnelLinksLost} tunnelled flows lost the link to their carrier` : '') + '.');
  }
  return buildReport(table, {
    file: paths.map((p) => path.basename(p)).join(', '),
    format: files[0].format,
    linkTypes: [...new Set(files.flatMap((f) => f.linkTypes))],
    packets,
    bytes,
    start: packets === 0 ? 0 : baseSec + baseNs * 1e-9,
    duration: maxRel,
    warnings,
    interfaces: files.flatMap((f) => f.interfaces),
    comments: files.flatMap((f) => f.comments),
    ...(files.some((f) => f.src.compressed) ? { compression: 'gzip' as const } : {}),
    binMs: binMs * scale,
    timeline: acc.timeline(),
  }, acc.extras);
}

/**
 * Per-packet work. A class rather than closure variables: V8 keeps double-valued fields in place,
 * whereas a captured `let` holding a double allocates a heap number on every write.
 */
class Accumulator {
  readonly table = new FlowTable();
  readonly extras = new FlowExtras();
  /** The decoder state forEachPacket fills with each packet's outer layers; inner layers are decoded into it here. */
  readonly dec = new Decoded();
  private readonly frags = new FragmentGroups();
  private flush: Group | null = null;
  /** Fragmented datagrams of the outermost IP header, counted once complete (fragments inside tunnels: `frags`). */
  private readonly held = new HeldDatagrams();
  /** The current frame's bytes and link type (for holding a first fragment), and whether a held datagram is replayed. */
  private frameOff = 0;
  private frameEnd = 0;
  private frameLink = 0;
  private replaying = false;
  private replayed: Group | null = null;
  /** Packets not counted in a flow, by reason (R_*), and the GRE payload types behind R_GRE/R_ERSPAN. */
  private readonly reasons = new Float64Array(R_COUNT);
  /** Packets whose IP-in-IP or GRE nesting goes beyond MAX_TUNNEL_DEPTH (in the totals, in no flow). */
  private tooDeep = 0;
  /** Packets counted in a UDP tunnel's flow at MAX_TUNNEL_DEPTH whose inner flow was not followed. */
  private tooDeepInner = 0;
  private readonly details = new Set<string>();
  /** Addresses of the current IP-level tunnel's carrier: source, destination, v6 flag. */
  private readonly carrier = new Uint32Array(9);
  private binsPerSec: number;
  /** Bins are `scale` times the requested width (a power of two, grown by widen()). */
  scale = 1;
  /** Highest bin count allowed for the current number of flows. */
  private binLimit = MAX_BINS;
  private flowsSeen = 0;
  /** Whole-capture timeline: packets at 2*bin, bytes at 2*bin+1. */
  private tl = new Float64Array(256);
  private tlBins = 0;
  /**
   * Packets and bytes in a Float64Array: as plain fields they would start as small integers, and the byte count
   * passing 2^31 (a few GB of GSO frames) would change the field's representation and deoptimise count().
   */
  private readonly totals = new Float64Array(2);
  baseSec = 0;
  baseNs = 0;
  maxRel = 0;
  binsCapped = false;

  constructor(binMs: number, private readonly maxFlows: number) {
    this.binsPerSec = 1000 / binMs;
  }

  get bins(): number {
    return this.tlBins;
  }

  get packets(): number {
    return this.totals[0];
  }

  get bytes(): number {
    return this.totals[1];
  }

  /** One packet, its outer layers decoded (`st`: decodePacket's outcome) into `dec`. */
  count(r: ChunkReader, st: number): void {
    if (this.table.count !== this.flowsSeen) this.flowsChanged();
    const totals = this.totals;
    if (totals[0] === 0) { this.baseSec = r.sec; this.baseNs = r.nsec; }
    const rel = (r.sec - this.baseSec) + (r.nsec - this.baseNs) * 1e-9;
    const wire = r.wirelen;
    totals[0]++;
    totals[1] += wire;
    if (rel > this.maxRel) this.maxRel = rel;
    let bin = rel > 0 ? Math.floor(rel * this.binsPerSec) : 0;
    if (bin >= MAX_BINS) {
      bin = -1;
      this.binsCapped = true;
    } else {
      if (bin >= this.tlBins) {
        if (bin >= this.binLimit) bin = this.widen(bin);
        this.growTimeline(bin);
      }
      this.tl[2 * bin]++;
      this.tl[2 * bin + 1] += wire;
    }
    const b = r.buf;
    const dec = this.dec;
    if (st === FLOW && dec.proto !== UDP && dec.frag === 0) {
      // The common case, kept as tight as before tunnels and fragments: one unfragmented TCP packet.
      const table = this.table;
      table.count1(table.lookup(dec, rel), table.aToB, wire, rel, bin);
      return;
    }
    this.frameOff = r.dataOff; this.frameEnd = r.dataOff + r.caplen; this.frameLink = r.linkType;
    this.layers(st, b, wire, rel, bin);
    if (this.flush !== null) this.flushPending();
  }

  /**
   * Counts a packet in its flow and in each flow tunnelled inside; fragments; what was not decoded. outer, kind, id
   * and from: the carrier and depth an A-MSDU's subframes inherit from their frame.
   */
  private layers(st: number, b: Buffer, wire: number, rel: number, bin: number, outer = -1, kind = 0, id = 0, from = 0): void {
    const dec = this.dec;
    // Through tunnels the inner flow is counted too (with the outer frame's length) and linked to its carrier:
    // a UDP flow (VXLAN, Geneve, GTP-U…) or, for GRE and IP-in-IP, the outer address pair.
    let group: Group | null = null;
    // A fragment of the outermost IP header waits for its datagram to be complete, as tshark's taps do. tshark
    // reassembles only fragments captured whole: a cut first fragment is read as it is, a cut later one is in no flow.
    if (from === 0 && dec.frag !== 0 && !this.replaying && (st === FLOW || st === IP_TUNNEL || st === FRAGMENT)) {
      if (dec.fragWhole === 1) { this.hold(b, wire, rel); return; }
      if (st === FRAGMENT) { this.held.cut(wire); return; }
    }
    for (let depth = from; ; depth++) {
      if (st === FLOW) {
        const table = this.table;
        const before = table.count;
        const f = table.lookup(dec, rel);
        const aToB = table.aToB;
        if (kind !== 0 && table.count > before) this.link(f, outer, kind, id);
        table.count1(f, aToB, wire, rel, bin);
        if (group !== null) this.innerOfFragment(group, f, aToB, wire);
        else if (dec.frag !== 0) group = this.replaying && depth === 0 ? this.replayGroup(f, aToB, wire) : this.firstFragment(f, aToB, wire);
        if (dec.proto !== UDP) return;
        kind = openTunnel(dec, b);
        if (kind === 0) break;
        // counted in the carrier's flow; what it carries is beyond the depth we follow
        if (depth >= MAX_TUNNEL_DEPTH) { this.tooDeepInner++; return; }
        outer = f;
        id = dec.vni;
        st = decodePacket(dec, b, dec.innerOff, dec.payEnd, dec.innerLink);
      } else if (st === IP_TUNNEL) {
        // in the totals, in no flow: named in a warning, never dropped silently
        if (depth >= MAX_TUNNEL_DEPTH) { this.tooDeep++; return; }
        kind = dec.tunKind;
        id = dec.vni;
        outer = -1;
        // A fragmented GRE/IP-in-IP datagram: its flows are all inside, found in the first fragment.
        if (dec.frag === 1 && group === null) group = this.replaying && depth === 0 ? this.replayGroup(-1, true, wire) : this.firstFragment(-1, true, wire);
        this.saveCarrier();
        st = decodePacket(dec, b, dec.innerOff, dec.innerEnd, dec.innerLink);
      } else if (st === FRAGMENT) {
        this.laterFragment(wire, rel, bin);
        return;
      } else if (st === AMSDU) {
        if (depth < MAX_TUNNEL_DEPTH) this.subframes(b, wire, rel, bin, outer, kind, id, depth + 1);
        return;
      } else break;
    }
    if (dec.reason !== 0) this.reject();
  }

  /** Each subframe of an A-MSDU is a packet of its own (LLC/SNAP), counted with the whole frame's length as tshark's taps do. */
  private subframes(b: Buffer, wire: number, rel: number, bin: number, outer: number, kind: number, id: number, depth: number): void {
    const dec = this.dec;
    const end = dec.innerEnd;
    for (let p = dec.innerOff, next = msduEnd(b, p, end); next !== 0; p = nextMsdu(p, next), next = msduEnd(b, p, end)) {
      this.layers(decodePacket(dec, b, p + 14, next, ET), b, wire, rel, bin, outer, kind, id, depth);
    }
  }

  /** Keeps the current IP-level tunnel's outer addresses, for the flows found inside it. */
  private saveCarrier(): void {
    const dec = this.dec;
    const w = this.carrier;
    w[0] = dec.s0; w[1] = dec.s1; w[2] = dec.s2; w[3] = dec.s3; w[4] = dec.d0; w[5] = dec.d1; w[6] = dec.d2; w[7] = dec.d3; w[8] = dec.v6;
  }

  /** Links a new tunnelled flow to its carrier: the outer UDP flow, or the IP carrier saved in `carrier`. */
  private link(f: number, outer: number, kind: number, id: number): void {
    const table = this.table;
    table.tunnelOf[f] = outer;
    table.tunnelKind[f] = kind;
    table.vni[f] = id;
    if (outer < 0) this.extras.carriers.set(f, { kind, v6: this.carrier[8], words: this.carrier.slice(0, 8), id });
  }

  /** Holds a fragment of the outermost IP header; when it completes its datagram, counts all the datagram's fragments. */
  private hold(b: Buffer, wire: number, rel: number): void {
    const g = this.held.add(this.dec, b.subarray(this.frameOff, this.frameEnd), this.frameLink, rel, wire);
    if (g !== null) this.replay(g);
  }

  /** Counts a completed datagram: its first fragment decoded again (flows, tunnels inside), then every other fragment. */
  private replay(h: Held): void {
    const first = h.first!;
    this.replaying = true;
    this.replayed = null;
    try {
      this.layers(decodePacket(this.dec, first, 0, first.length, h.firstLink), first, h.firstWire, h.firstRel, this.binOf(h.firstRel));
    } finally {
      this.replaying = false;
    }
    const g = this.replayed;
    this.replayed = null;
    if (g === null) return;
    const o = h.others;
    for (let i = 0; i < o.length; i += 2) this.countFragment(g, o[i + 1], o[i], this.binOf(o[i]));
  }

  /** The datagram being replayed: its flow (or, for GRE/IP-in-IP, none) and the flows inside, as firstFragment() keeps them. */
  private replayGroup(f: number, aToB: boolean, wire: number): Group {
    if (f >= 0) this.extras.addFragment(f, wire);
    return (this.replayed = { known: true, flow: f, aToB, inner: null, pending: null });
  }

  private firstFragment(f: number, aToB: boolean, wire: number): Group {
    if (f >= 0) this.extras.addFragment(f, wire);
    const g = this.frags.first(this.dec, f, aToB);
    if (g.pending !== null) this.flush = g;
    return g;
  }

  /** Fragments that came before their first are counted once the first's packet is done (its inner flows known). */
  private flushPending(): void {
    const g = this.flush!;
    this.flush = null;
    const pending = g.pending!;
    g.pending = null;
    this.frags.released(pending);
    for (let i = 0; i < pending.length; i += 2) this.countFragment(g, pending[i + 1], pending[i], this.binOf(pending[i]));
  }

  /** A flow tunnelled in a fragmented datagram (seen in its first fragment): the later fragments count in it too. */
  private innerOfFragment(g: Group, f: number, aToB: boolean, wire: number): void {
    this.extras.addFragment(f, wire);
    (g.inner ??= []).push(f, aToB ? 1 : 0);
  }

  private laterFragment(wire: number, rel: number, bin: number): void {
    const g = this.frags.later(this.dec, rel, wire);
    if (g !== null) this.countFragment(g, wire, rel, bin);
  }

  /** A later fragment counts in its datagram's flow and in every flow tunnelled in that datagram. */
  private countFragment(g: Group, wire: number, rel: number, bin: number): void {
    if (g.flow >= 0) {
      this.extras.addFragment(g.flow, wire);
      this.table.count1(g.flow, g.aToB, wire, rel, bin);
    }
    const inner = g.inner;
    if (inner === null) return;
    for (let i = 0; i < inner.length; i += 2) {
      this.extras.addFragment(inner[i], wire);
      this.table.count1(inner[i], inner[i + 1] === 1, wire, rel, bin);
    }
  }

  /** The current bin of a packet seen earlier (its bins may have been widened since). */
  private binOf(rel: number): number {
    const bin = rel > 0 ? Math.floor(rel * this.binsPerSec) : 0;
    return bin >= MAX_BINS || bin >= this.tlBins ? -1 : bin;
  }

  private reject(): void {
    const d = this.dec;
    this.reasons[d.reason]++;
    if ((d.reason === R_GRE || d.reason === R_ERSPAN) && this.details.size < 8) this.details.add(`0x${d.detail.toString(16).padStart(4, '0')}`);
  }

  /** Named warnings for every packet not understood, and for fragments never matched to their datagram. */
  decodeWarnings(): string[] {
    const out: string[] = [];
    for (let r = 1; r < R_COUNT; r++) {
      const n = this.reasons[r];
      if (n === 0) continue;
      const extra = (r === R_GRE || r === R_ERSPAN) && this.details.size > 0 ? ` (GRE protocol types seen: ${[...this.details].join(', ')})` : '';
      out.push(`${n} packet${n === 1 ? '' : 's'} ${REASON_TEXT[r]}${extra}.`);
    }
    if (this.tooDeep > 0) out.push(`${this.tooDeep} packet${this.tooDeep === 1 ? '' : 's'} with IP-in-IP or GRE tunnels nested more than ${MAX_TUNNEL_DEPTH} deep: counted in the totals, in no flow.`);
    if (this.tooDeepInner > 0) out.push(`${this.tooDeepInner} packet${this.tooDeepInner === 1 ? '' : 's'} in a UDP tunnel (VXLAN, Geneve, GTP-U, ...) nested ${MAX_TUNNEL_DEPTH} deep: counted in that tunnel's flow; the flows inside it were not followed.`);
    const hd = this.held;
    hd.finish();
    if (hd.evicted > 0) out.push(`More than ${MAX_FRAGMENT_GROUPS} fragmented datagrams (or ${MAX_HELD_BYTES >> 20} MiB of first fragments) were held at once awaiting their other fragments; the oldest ${hd.evicted} were given up.`);
    if (hd.overflow > 0) out.push(`${hd.overflow} IP fragment${hd.overflow === 1 ? '' : 's'} beyond ${MAX_PENDING_PER_GROUP} per datagram or ${MAX_PENDING_FRAGMENTS} in all were not held: counted below as incomplete.`);
    if (hd.incomplete > 0) {
      out.push(`${hd.incomplete} IP fragment${hd.incomplete === 1 ? '' : 's'} (${hd.incompleteBytes} bytes) of datagrams never completed in the capture (a fragment missing, or cut short by the snap length): counted in the totals, in no flow, as tshark counts them.`);
    }
    const fr = this.frags;
    fr.finish();
    if (fr.evicted > 0) out.push(`More than ${MAX_FRAGMENT_GROUPS} fragmented datagrams were open at once; the oldest ${fr.evicted} were given up.`);
    if (fr.overflow > 0) out.push(`${fr.overflow} IP fragment${fr.overflow === 1 ? '' : 's'} arrived before their first fragment beyond ${MAX_PENDING_PER_GROUP} per datagram or ${MAX_PENDING_FRAGMENTS} in all: not held, counted below as orphans.`);
    if (fr.orphans > 0) {
      out.push(`${fr.orphans} IP fragment${fr.orphans === 1 ? '' : 's'} (${fr.orphanBytes} bytes) whose first fragment, which carries the ports, is not in the capture: counted in the totals, in no flow.`);
    }
    return out;
  }

  /** New flows shrink the bins each may have; called before each packet when the flow count moved. */
  flowsChanged(): void {
    // Between packets, so no flow id is held: beyond twice the cap, keep the cap's worth of largest flows.
    if (this.table.count >= 2 * this.maxFlows) this.table.evict(this.maxFlows);
    this.flowsSeen = this.table.count;
    this.binLimit = Math.min(MAX_BINS, Math.max(1, Math.floor(SERIES_CELL_BUDGET / (this.flowsSeen + 1))));
    if (this.tlBins > this.binLimit) this.widen(this.tlBins - 1);
  }

  /** Widens all bins by the smallest power of two that brings `bin` and the timeline under binLimit; returns `bin` rebinned. */
  private widen(bin: number): number {
    let f = 2;
    while (Math.floor(Math.max(bin, this.tlBins - 1) / f) >= this.binLimit) f *= 2;
    // In place: bin i moves to i/f, which is at or before i and already moved away.
    const tl = this.tl;
    for (let i = 1; i < this.tlBins; i++) {
      const j = Math.floor(i / f);
      if (j === i) continue;
      tl[2 * j] += tl[2 * i]; tl[2 * j + 1] += tl[2 * i + 1];
      tl[2 * i] = 0; tl[2 * i + 1] = 0;
    }
    this.tlBins = this.tlBins === 0 ? 0 : Math.floor((this.tlBins - 1) / f) + 1;
    this.table.foldSeries(f);
    this.scale *= f;
    this.binsPerSec /= f;
    return Math.floor(bin / f);
  }

  private growTimeline(bin: number): void {
    if (2 * bin + 1 >= this.tl.length) {
      let cap = this.tl.length * 2;
      while (cap <= 2 * bin + 1) cap *= 2;
      const bigger = new Float64Array(cap);
      bigger.set(this.tl);
      this.tl = bigger;
    }
    this.tlBins = bin + 1;
  }

  timeline(): { packets: number[]; bytes: number[] } {
    const packets: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < this.tlBins; i++) {
      packets.push(this.tl[2 * i]);
      bytes.push(this.tl[2 * i + 1]);
    }
    return { packets, bytes };
  }
}
