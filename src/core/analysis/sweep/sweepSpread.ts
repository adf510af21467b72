// Which queue each stream of a sweep's run used, where that is known: the run's port → queue map, the counters beside
// it (measured), or an exact preset applied to the logged tuples (modelled); and what such a spread is worth under
// the throughput model.
import { compilePreset, parseFlow, PresetOptions } from '../../hashing';
import { IperfTest } from '../../iperf/model';
import { senderTuple } from '../../iperf/senderTuple';
import { checkPresetQueues, PresetCheck } from '../observed/presetFit';
import { streamKey } from '../observed/streamKey';
import { UNIFORM, WeightsPreset } from '../odds/presets';
import type { ThroughputModel } from '../odds/throughput';
import { maxOf } from '../stats/extremes';
import type { RunCountersInput, RunThroughput, SweepRunInput } from './sweepInput';

/** What the per-queue counters beside a run measured, and how far they tell the streams apart. */
export interface RunCounterSpread {
  source: RunCountersInput['source'];
  device: string | null;
  after: string;
  before: string | null;
  /** Bytes per queue (after − before): measured. */
  queueBytes: number[];
  /** Queues with at least 1 % of the busiest queue's bytes: measured. */
  busyQueues: number;
  /** Streams per queue where every assignment that fits the counters agrees; null where they do not. */
  streamsPerQueue: Array<number | null>;
  /** Each stream's queue where determined (else null) and the queues it may have used. */
  streams: Array<{ port: number; key?: string; queue: number | null; candidates: number[] }>;
  /** Where the streams' bytes came from ('capture': wire segments, exact; 'log': payload totals, a few %). */
  bytesFrom: 'capture' | 'log';
  /** Assignments that fit the counters. */
  solutions: number;
}

/** Which queue each stream of a run used and what that spread means under the model. */
export interface RunSpread {
  /**
   * 'observed': measured — the run's recorded port → queue map (manifest), or the per-queue counters beside the
   * run (`counters`); 'preset': the exact preset applied to the logged 4-tuples (modelled).
   */
  source: 'observed' | 'preset';
  /** For 'observed' from a port → queue map: 'trace' when the map is a recorded run's trace, 'manifest' otherwise. */
  portQueueFrom?: 'trace' | 'manifest';
  /** Streams whose queue is known (from counters: only those every fitting assignment agrees on). */
  streamQueues: Array<{ streamId: number; port?: number; key?: string; queue: number }>;
  /** Streams per queue; absent when the counters cannot tell how many streams each busy queue carried. */
  loads?: number[];
  /** The largest load; present without loads when the counters tell which streams shared a queue but not which queue. */
  maxLoad?: number;
  /** Non-empty queues (from counters: the busy queues they measured). */
  occupied: number;
  /**
   * The model's throughput for exactly this spread, bits/s (A: c·occupied; B: c·min(n, k/maxLoad)), with c the
   * capacity fitted through the known spreads (capacity.spreadFit) when there is one; absent for model B
   * without loads.
   */
  modelBps?: number;
  /** The counters beside the run, when the spread (or its busy-queue count) comes from them. */
  counters?: RunCounterSpread;
}

/** The model's value of a spread in units of c; undefined for model B when the largest load is not known. */
function modelValue(model: ThroughputModel, n: number, k: number, occupied: number, maxLoad: number | undefined): number | undefined {
  if (model === 'A') return occupied;
  if (maxLoad === undefined) return undefined;
  return maxLoad > 0 ? Math.min(n, k / maxLoad) : 0;
}

const loadsOf = (n: number, qs: RunSpread['streamQueues']): number[] => {
  const loads = new Array<number>(n).fill(0);
  for (const s of qs) loads[s.queue]++;
  return loads;
};

/** What a run's spread is known from: the streams' queues (manifest, exact preset) or the counters. */
export interface KnownSpread {
  source: RunSpread['source'];
  qs: RunSpread['streamQueues'];
  /** Streams per queue, when known. */
  loads?: number[];
  /** The largest load: from loads, or from the counters' groups when only their sizes are known. */
  maxLoad?: number;
  occupied: number;
  counters?: RunCounterSpread;
  portQueueFrom?: 'trace' | 'manifest';
}

export function spreadFrom(sq: KnownSpread, n: number, k: number, model: ThroughputModel, c: number): RunSpread {
  const out: RunSpread = { source: sq.source, streamQueues: sq.qs, occupied: sq.occupied };
  const maxLoad = sq.loads ? Math.max(0, maxOf(sq.loads)) : sq.maxLoad;
  if (sq.loads) out.loads = sq.loads;
  if (maxLoad !== undefined) out.maxLoad = maxLoad;
  const v = modelValue(model, n, k, sq.occupied, maxLoad);
  if (v !== undefined) out.modelBps = c * v;
  if (sq.counters) out.counters = sq.counters;
  if (sq.portQueueFrom) out.portQueueFrom = sq.portQueueFrom;
  return out;
}

/** The counters' observed spread as the sweep reports it: busy queues always, loads only when determined. */
function fromCounters(c: RunCountersInput, test: IperfTest, testIndex: number): KnownSpread {
  const o = c.observed;
  // by test and 4-tuple: a server log's streams all have local port 5201
  const streamOf = new Map(test.streams.map((s) => [streamKey(testIndex, test.protocol, s), s.id]));
  const qs: RunSpread['streamQueues'] = [];
  for (const s of o.streams) {
    const id = streamOf.get(s.key);
    if (s.queue !== null && id !== undefined) qs.push({ streamId: id, port: s.localPort, key: s.key, queue: s.queue });
  }
  const counters: RunCounterSpread = {
    source: c.source, device: c.device, after: c.after, before: c.before, queueBytes: o.queueBytes, busyQueues: o.busyQueues,
    streamsPerQueue: o.streamsPerQueue, streams: o.streams.map((s) => ({ port: s.localPort, key: s.key, queue: s.queue, candidates: s.candidates })),
    bytesFrom: o.bytesSource, solutions: o.solutions,
  };
  const known = o.streamsPerQueue.every((x): x is number => x !== null);
  const sq: KnownSpread = { source: 'observed', qs, occupied: o.busyQueues, counters };
  if (known) sq.loads = o.streamsPerQueue as number[];
  // the groups' sizes are the busy queues' loads in some order: enough for the largest
  else if (o.groupsComplete && o.groups.length === o.busyQueues) sq.maxLoad = maxOf(o.groups.map((g) => g.localPorts.length));
  return sq;
}

/** An exact preset applied to the logged 4-tuples; undefined for a model preset or without endpoints. */
export function presetSpread(input: SweepRunInput, test: IperfTest, preset: WeightsPreset, opts: PresetOptions | undefined): KnownSpread | undefined {
  if (preset === UNIFORM) return undefined;
  const compiled = compilePreset(preset, input.queues, opts);
  if (!compiled.exact || !compiled.flowQueue) return undefined;
  const qs: RunSpread['streamQueues'] = [];
  for (const s of test.streams) {
    const tuple = senderTuple(s);
    if (!tuple) return undefined;
    const q = compiled.flowQueue(parseFlow(tuple)).queue;
    // by test and 4-tuple, as the counters' streams are named
    qs.push({ streamId: s.id, port: s.local?.port, key: streamKey(input.log.tests.indexOf(test), test.protocol, s), queue: q });
  }
  const loads = loadsOf(input.queues, qs);
  return { source: 'preset', qs, loads, occupied: loads.filter((l) => l > 0).length };
}

/** Measured first (the manifest's port → queue map, else the counters), the exact preset only without them. */
export function streamQueuesOf(input: SweepRunInput, test: IperfTest, preset: WeightsPreset, opts: PresetOptions | undefined): KnownSpread | undefined {
  const counters = input.counters ? fromCounters(input.counters, test, input.log.tests.indexOf(test)) : undefined;
  if (input.portQueue) {
    const qs: RunSpread['streamQueues'] = [];
    for (const s of test.streams) {
      const q = s.local ? input.portQueue[String(s.local.port)] : undefined;
      if (q === undefined) return counters;
      qs.push({ streamId: s.id, port: s.local?.port, queue: q });
    }
    const loads = loadsOf(input.queues, qs);
    const out: KnownSpread = { source: 'observed', qs, loads, occupied: loads.filter((l) => l > 0).length, portQueueFrom: input.portQueueFrom ?? 'manifest' };
    if (counters?.counters) out.counters = counters.counters;
    return out;
  }
  return counters ?? presetSpread(input, test, preset, opts);
}

/** The exact preset against the counters (observed/presetFit.ts, shared with the capture view and `queue-lens observed`). */
export function checkPreset(preset: string, n: number, p: KnownSpread, measured: RunCounterSpread): PresetCheck {
  const modelled = p.qs.filter((x) => x.port !== undefined).map((x) => ({ port: x.port as number, ...(x.key !== undefined ? { key: x.key } : {}), queue: x.queue }));
  const { ruledOut: _ruledOut, ...check } = checkPresetQueues(preset, n, modelled, measured);
  return check;
}

/** c through the origin over the runs whose spread is known: Σ y·x / Σ x², x = the model's value of that spread. */
export function fitThroughSpreads(
  rows: Array<{ m: { input: SweepRunInput; test: IperfTest; throughput: RunThroughput }; sq: KnownSpread | undefined }>,
  model: ThroughputModel,
): { bps: number; rmseBps: number; runs: number } | undefined {
  const pts: Array<{ x: number; y: number }> = [];
  for (const { m, sq } of rows) {
    if (!sq) continue;
    const x = modelValue(model, m.input.queues, m.test.streams.length, sq.occupied, sq.loads ? Math.max(0, maxOf(sq.loads)) : sq.maxLoad);
    if (x !== undefined) pts.push({ x, y: m.throughput.bitsPerSecond });
  }
  const sxx = pts.reduce((s, p) => s + p.x * p.x, 0);
  if (pts.length === 0 || !(sxx > 0)) return undefined;
  const bps = pts.reduce((s, p) => s + p.x * p.y, 0) / sxx;
  const rmseBps = Math.sqrt(pts.reduce((s, p) => s + (p.y - bps * p.x) ** 2, 0) / pts.length);
  return { bps, rmseBps, runs: pts.length };
}
