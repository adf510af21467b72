/**
 * The exact observed spread of a run from its capture(s), when they say which queue carried each packet: a pcapng
 * whose packets carry `epb_queue` (DPDK's pcapng writer records it), or a folder of one capture per queue (readRun's
 * QUEUE_CAPTURE_NAME: each flow's queue is the file it appears in). Every stream's queue is then measured, not
 * inferred from counters (source "capture-queue"). A recorded trace still wins over this; this wins over counters.
 * node:fs; not for the webview.
 */
import * as fs from 'node:fs';
import type { FlowTuple } from '../../hashing';
import type { RunInputs } from '../../runs/readRun';
import { BUSY_SHARE } from './assign';
import { logStreams } from './observeRun';
import { flowKey } from './streamKey';
import { captureWireBytes, FlowQueue, WireBytes, WireFlow } from './wireBytes';

/** pcapng epb_hash algorithms (pcapng spec, Enhanced Packet Block options). */
const EPB_HASH_ALGORITHMS = ['2s complement', 'XOR', 'CRC32', 'MD5', 'SHA-1', 'Toeplitz'] as const;

interface CaptureQueueStream {
  localPort: number;
  key: string;
  flow: FlowTuple;
  /** The queue that carried most of the stream's frame bytes (measured); null when its frames carried no queue. */
  queue: number | null;
  /** Every queue its frames were on, most bytes first (frames and captured frame bytes, measured). */
  queues: FlowQueue[];
  moved: boolean;
  /** Wire bytes (TSO super-packets as wire segments, wireBytes.ts), measured from the capture(s). */
  wireBytes: number;
  /** epb_hash of its last frame that carried one. */
  hash?: { algorithm: number; algorithmName: string; hex: string };
  source: 'capture-queue';
}

export interface ObservedCaptureQueuesJson {
  source: 'capture-queue';
  /** 'epb_queue': one pcapng whose packets name their queue; 'per-queue captures': one file per queue. */
  how: 'epb_queue' | 'per-queue captures';
  captures: string[];
  log: string | null;
  direction: 'tx' | 'rx';
  queues: number;
  busyQueues: number;
  /** Captured frame bytes per queue of the run's streams' flows (measured; a TSO super-packet counts once). */
  queueFrameBytes: number[];
  streamsPerQueue: number[];
  streams: CaptureQueueStream[];
  warnings: string[];
}

const hasPcapngMagic = (file: string): boolean => {
  if (/\.gz$/i.test(file)) return true; // read through: the reader decompresses
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(4);
    return fs.readSync(fd, b, 0, 4, 0) === 4 && b.readUInt32LE(0) === 0x0a0d0d0a;
  } finally {
    fs.closeSync(fd);
  }
};

const wireTuple = (f: WireFlow): FlowTuple => ({ proto: f.proto, src: { ip: f.src, port: f.srcPort }, dst: { ip: f.dst, port: f.dstPort } });

/** The flows of one capture per queue, merged: each flow's queues are the files it appears in. */
async function mergedQueueCaptures(caps: Array<{ queue: number; file: string }>): Promise<{ wire: WireBytes; warnings: string[] }> {
  const flows = new Map<string, WireFlow>();
  const warnings: string[] = [];
  for (const c of caps) {
    const w = await captureWireBytes(c.file);
    warnings.push(...w.warnings);
    for (const [k, f] of w.flows) {
      const q: FlowQueue = { queue: c.queue, frames: f.frames, frameBytes: f.frameBytes };
      const m = flows.get(k);
      if (!m) { flows.set(k, { ...f, queues: [q] }); continue; }
      m.bytes += f.bytes; m.segments += f.segments; m.frames += f.frames; m.frameBytes += f.frameBytes;
      m.queues!.push(q);
    }
  }
  for (const f of flows.values()) f.queues!.sort((a, b) => b.frameBytes - a.frameBytes || a.queue - b.queue);
  return { wire: { flows, otherFrames: 0, otherBytes: 0, warnings: [] }, warnings };
}

/**
 * The run's exact spread from its capture(s), or undefined when they carry no queue (no per-queue folder, no
 * epb_queue in its pcapng): the caller then matches the counters. Throws with the file named when a capture is bad.
 */
export async function observeCaptureQueues(run: RunInputs): Promise<ObservedCaptureQueuesJson | undefined> {
  const warnings: string[] = [];
  const read = await queueWire(run, warnings);
  if (!read) return undefined;
  const { wire, how, captures } = read;
  const { direction, picked } = pickCaptureStreams(run, wire, captures, warnings);
  const streams = picked.map((p) => captureQueueStream(p, warnings));
  // queues on other packets only (an rx capture beside a sender's log): not this run's streams' queues
  if (how === 'epb_queue' && streams.every((s) => s.queue === null)) return undefined;
  const n = Math.max(0, ...streams.flatMap((s) => s.queues.map((q) => q.queue + 1)), ...(run.queueCaptures ?? []).map((c) => c.queue + 1), run.txQueues ?? 0);
  const queueFrameBytes = new Array<number>(n).fill(0);
  for (const s of streams) for (const q of s.queues) queueFrameBytes[q.queue] += q.frameBytes;
  const streamsPerQueue = new Array<number>(n).fill(0);
  for (const s of streams) if (s.queue !== null) streamsPerQueue[s.queue]++;
  const max = Math.max(0, ...queueFrameBytes);
  return {
    source: 'capture-queue', how, captures, log: run.log?.file ?? null, direction, queues: n,
    busyQueues: queueFrameBytes.filter((b) => max > 0 && b >= BUSY_SHARE * max).length,
    queueFrameBytes, streamsPerQueue, streams, warnings: [...run.warnings, ...warnings],
  };
}

/** The flows' bytes per queue: from the per-queue captures, else from a pcapng's epb_queue; undefined when neither. */
async function queueWire(run: RunInputs, warnings: string[]): Promise<{ wire: WireBytes; how: ObservedCaptureQueuesJson['how']; captures: string[] } | undefined> {
  if (run.queueCaptures?.length) {
    const m = await mergedQueueCaptures(run.queueCaptures);
    warnings.push(...m.warnings);
    return { wire: m.wire, how: 'per-queue captures', captures: run.queueCaptures.map((c) => c.file) };
  }
  if (run.capture && hasPcapngMagic(run.capture)) {
    const wire = await captureWireBytes(run.capture);
    if (![...wire.flows.values()].some((f) => f.queues?.length)) return undefined;
    warnings.push(...wire.warnings);
    return { wire, how: 'epb_queue', captures: [run.capture] };
  }
  return undefined;
}

type PickedFlow = { localPort: number; key: string; f: WireFlow };

/** The streams: the log's (matched by their ports, as observeRun does), else the busiest sender's flows ≥ 1 %. */
function pickCaptureStreams(run: RunInputs, wire: WireBytes, captures: readonly string[], warnings: string[]): { direction: 'tx' | 'rx'; picked: PickedFlow[] } {
  let direction: 'tx' | 'rx' = 'tx';
  const picked: PickedFlow[] = [];
  if (run.log) {
    const ls = logStreams(run.log.log, run.log.file, run.peer);
    direction = ls.direction;
    warnings.push(...ls.warnings);
    for (const s of ls.streams) {
      const match = [...wire.flows.values()].filter((f) => direction === 'tx'
        ? f.srcPort === s.localPort && (s.remotePort === undefined || f.dstPort === s.remotePort)
        : f.dstPort === s.localPort && (s.remotePort === undefined || f.srcPort === s.remotePort));
      if (match.length === 0) { warnings.push(`stream ${s.key ?? s.localPort}: not in the capture${captures.length > 1 ? 's' : ''}`); continue; }
      if (match.length > 1) warnings.push(`stream ${s.key ?? s.localPort}: ${match.length} flows in the capture match its ports; the largest is taken`);
      match.sort((a, b) => b.bytes - a.bytes);
      picked.push({ localPort: s.localPort, key: s.key ?? String(s.localPort), f: match[0] });
    }
  } else {
    const flows = [...wire.flows.values()].sort((a, b) => b.bytes - a.bytes);
    const total = flows.reduce((a, f) => a + f.bytes, 0);
    const host = flows[0]?.src;
    for (const f of flows) if (f.src === host && f.bytes >= 0.01 * total) picked.push({ localPort: f.srcPort, key: flowKey(wireTuple(f)), f });
  }
  return { direction, picked };
}

function captureQueueStream({ localPort, key, f }: PickedFlow, warnings: string[]): CaptureQueueStream {
  const queues = f.queues ?? [];
  const shown = queues.filter((q) => q.frameBytes > 0.01 * f.frameBytes);
  if (f.otherQueueFrames) warnings.push(`stream ${key}: ${f.otherQueueFrames} frames on further queues not listed`);
  const s: CaptureQueueStream = {
    localPort, key, flow: wireTuple(f), queue: queues[0]?.queue ?? null, queues, moved: shown.length > 1, wireBytes: f.bytes, source: 'capture-queue',
  };
  if (f.hash) s.hash = { algorithm: f.hash.algorithm, algorithmName: EPB_HASH_ALGORITHMS[f.hash.algorithm] ?? `unknown (${f.hash.algorithm})`, hex: f.hash.hex };
  if (s.queue === null) warnings.push(`stream ${key}: its frames carry no epb_queue; its queue is not known from the capture`);
  if (s.moved) warnings.push(`stream ${key} moved between queues: ${queues.map((q) => `queue ${q.queue} ${q.frameBytes} B`).join(', ')}`);
  return s;
}
