import * as path from 'node:path';
import { ChunkReader, DEFAULT_CHUNK, NEED_MORE, PACKET } from './chunkReader';
import { Decoded, decodePacket, openTunnel, UDP } from './decode';
import { abortError } from './errors';
import { openCapture } from './open';
import { FlowTable } from '../flows/flowTable';
import { BinSeries, MAX_BINS } from '../flows/series';
import { FlowReport } from '../flows/report';
import { buildReport } from '../flows/buildReport';

export interface ReadOptions {
  /** Time-series bin width in milliseconds (default 100). */
  binMs?: number;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  signal?: AbortSignal;
  /** Read size in bytes (default 2 MiB); tests use tiny chunks to cross record boundaries. */
  chunkSize?: number;
}

const MAX_TUNNEL_DEPTH = 4;

/** Reads one or more captures (merged by time) into a flow table; see FlowReport. */
export async function analyseCaptures(paths: string[], opts: ReadOptions = {}): Promise<FlowReport> {
  if (paths.length === 0) throw new Error('no capture file given');
  const binMs = opts.binMs ?? 100;
  if (!(binMs > 0) || !Number.isFinite(binMs)) throw new RangeError(`bin width must be a positive number of milliseconds, not ${binMs}`);
  const signal = opts.signal;
  const chunk = opts.chunkSize ?? DEFAULT_CHUNK;
  const readers: ChunkReader[] = [];
  try {
    for (const p of paths) {
      if (signal?.aborted) throw abortError(signal);
      readers.push(await openCapture(p, chunk));
    }
    const totalBytes = readers.reduce((n, r) => n + r.src.size, 0);
    const progress = (): void => {
      if (signal?.aborted) throw abortError(signal);
      opts.onProgress?.(readers.reduce((n, r) => n + r.src.consumed, 0), totalBytes);
    };

    const table = new FlowTable();
    const dec = new Decoded();
    const tlPackets = new BinSeries(0, 64);
    const tlBytes = new BinSeries(0, 64);
    const binsPerSec = 1000 / binMs;
    let packets = 0;
    let bytes = 0;
    let baseSec = 0;
    let baseNs = 0;
    let maxRel = 0;
    let binsCapped = false;

    const count = (r: ChunkReader): void => {
      if (packets === 0) { baseSec = r.sec; baseNs = r.nsec; }
      const rel = (r.sec - baseSec) + (r.nsec - baseNs) * 1e-9;
      const wire = r.wirelen;
      packets++;
      bytes += wire;
      if (rel > maxRel) maxRel = rel;
      let bin = rel > 0 ? Math.floor(rel * binsPerSec) : 0;
      if (bin >= MAX_BINS) { bin = -1; binsCapped = true; } else { tlPackets.add(bin, 1); tlBytes.add(bin, wire); }
      const b = r.buf;
      if (!decodePacket(dec, b, r.dataOff, r.dataOff + r.caplen, r.linkType)) return;
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
    };

    // k-way merge by timestamp; with one file this is a plain loop.
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
      count(r);
      let s = r.next();
      while (s === NEED_MORE) { await r.fill(); progress(); s = r.next(); }
      if (s !== PACKET) heads.splice(bi, 1);
    }
    progress();

    const warnings = readers.flatMap((r) => r.warnings);
    if (binsCapped) warnings.push(`Packets more than ${MAX_BINS} bins after the first are counted but left out of the time series.`);
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
      binMs,
      timeline: { packets: tlPackets.toArray(), bytes: tlBytes.toArray() },
    });
  } finally {
    await Promise.all(readers.map((r) => r.close().catch(() => undefined)));
  }
}
