import * as path from 'node:path';
import { ChunkReader, DEFAULT_CHUNK, NEED_MORE, PACKET } from './chunkReader';
import { Decoded, decodePacket, openTunnel, UDP } from './decode';
import { abortError } from './errors';
import { WarningLog } from './warnings';
import { openCapture } from './open';
import { DEFAULT_MAX_FLOWS, FlowTable } from '../flows/flowTable';
import { MAX_BINS } from '../flows/series';
import { FlowReport } from '../flows/report';
import { buildReport } from '../flows/buildReport';

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
  const signal = opts.signal;
  const chunk = opts.chunkSize ?? DEFAULT_CHUNK;
  const maxFlows = opts.maxFlows ?? DEFAULT_MAX_FLOWS;
  if (!(maxFlows >= 1) || !Number.isInteger(maxFlows)) throw new RangeError(`the flow cap must be a positive integer, not ${maxFlows}`);
  const readers: ChunkReader[] = [];
  try {
    for (const p of paths) {
      if (signal?.aborted) throw abortError(signal);
      readers.push(await openCapture(p, chunk, { allowFifo: opts.allowFifo, signal }));
    }
    const totalBytes = readers.reduce((n, r) => n + r.src.size, 0);
    const progress = (): void => {
      if (signal?.aborted) throw abortError(signal);
      opts.onProgress?.(readers.reduce((n, r) => n + r.src.consumed, 0), totalBytes);
    };

    const acc = new Accumulator(binMs, maxFlows);

    if (readers.length === 1) {
      // One file: no merge, the tightest loop.
      const r = readers[0];
      for (;;) {
        const s = r.next();
        if (s === PACKET) acc.count(r);
        else if (s === NEED_MORE) { await r.fill(); progress(); }
        else break;
      }
    } else {
      // k-way merge by timestamp over the files' current packets.
      const heads: ChunkReader[] = [];
      for (const r of readers) {
        let s = r.next();
        while (s === NEED_MORE) { await r.fill(); progress(); s = r.next(); }
        if (s === PACKET) heads.push(r);
      }
      while (heads.length > 0) {
        let bi = 0;
        for (let i = 1; i < heads.length; i++) {
          const h = heads[i];
          const m = heads[bi];
          if (h.sec < m.sec || (h.sec === m.sec && h.nsec < m.nsec)) bi = i;
        }
        const r = heads[bi];
        acc.count(r);
        let s = r.next();
        while (s === NEED_MORE) { await r.fill(); progress(); s = r.next(); }
        if (s !== PACKET) heads.splice(bi, 1);
      }
    }
    progress();

    acc.flowsChanged();
    const setAside = acc.table.evictions > 0;
    acc.table.evict(maxFlows);
    const { table, packets, bytes, baseSec, baseNs, maxRel, binsCapped, scale } = acc;
    const log = new WarningLog();
    for (const r of readers) log.absorb(r.warnings);
    // The file's warnings (bounded), then the analysis's own few, which the bound must never hide.
    const warnings = log.toArray();
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
      format: readers[0].format,
      linkTypes: [...new Set(readers.flatMap((r) => r.linkTypes))],
      packets,
      bytes,
      start: packets === 0 ? 0 : baseSec + baseNs * 1e-9,
      duration: maxRel,
      warnings,
      interfaces: readers.flatMap((r) => r.interfaces),
      comments: readers.flatMap((r) => r.comments),
      binMs: binMs * scale,
      timeline: acc.timeline(),
    });
  } finally {
    await Promise.all(readers.map((r) => r.close().catch(() => undefined)));
  }
}

/**
 * Per-packet work. A class rather than closure variables: V8 keeps double-valued fields in place,
 * whereas a captured `let` holding a double allocates a heap number on every write.
 */
class Accumulator {
  readonly table = new FlowTable();
  private readonly dec = new Decoded();
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

  count(r: ChunkReader): void {
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
    if (!decodePacket(dec, b, r.dataOff, r.dataOff + r.caplen, r.linkType)) return;
    const table = this.table;
    let outer = table.lookup(dec, rel);
    table.count1(outer, table.aToB, wire, rel, bin);
    // Overlay tunnels: the inner flow is counted too (with the outer frame's length) and linked to its carrier.
    for (let depth = 0; depth < MAX_TUNNEL_DEPTH && dec.proto === UDP; depth++) {
      const kind = openTunnel(dec, b);
      if (kind === 0) return;
      const vni = dec.vni;
      if (!decodePacket(dec, b, dec.innerOff, dec.payEnd, dec.innerLink)) return;
      const before = table.count;
      const inner = table.lookup(dec, rel);
      if (table.count > before) {
        table.tunnelOf[inner] = outer;
        table.tunnelKind[inner] = kind;
        table.vni[inner] = vni;
      }
      table.count1(inner, table.aToB, wire, rel, bin);
      outer = inner;
    }
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
