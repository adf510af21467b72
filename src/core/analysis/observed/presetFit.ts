/**
 * An exact preset checked against what a run's per-queue counters measured: one check for Compare Queue Counts
 * (each run of a sweep) and for a capture's own view and `queue-lens observed --preset`. The counters are the
 * truth; a preset that predicts another number of busy queues, or puts a stream on a queue no assignment that fits
 * the counters allows, does not fit the run. A model preset (a random queue per socket) predicts no queue per
 * flow, so there is nothing to check. Pure.
 */
import { compilePreset, FlowTuple, parseFlow, PresetName, PresetOptions } from '../../hashing';

/** An exact preset's queues for a run's streams, checked against the counters beside the run. */
export interface PresetCheck {
  preset: string;
  /** Queues the preset puts the streams on (modelled). */
  occupied: number;
  /** Streams per queue under the preset (modelled). */
  loads: number[];
  /** false: the preset's spread contradicts the counters (another busy-queue count, or a stream on a queue they rule out). */
  fits: boolean;
  reason?: string;
  /** What it was checked against: the counters (default), or, without counters, the measured throughput. */
  by?: 'counters' | 'throughput';
}

/** What the counters allow per stream: its queue where every fitting assignment agrees, else the candidates. */
export interface CounterQueues {
  busyQueues: number;
  /** `key`: the stream's test and 4-tuple (streamKey.ts); the port stands in only where no key is known. */
  streams: ReadonlyArray<{ port: number; key?: string; queue: number | null; candidates: readonly number[] }>;
}

/** A stream's queue under the preset, by its key (test and 4-tuple; modelled). */
export interface ModelledQueue {
  port: number;
  key?: string;
  queue: number;
}

/** How a stream is matched between the model and the counters: by key, never by the local port alone when a key exists. */
const idOf = (s: { port: number; key?: string }): string => s.key ?? `port ${s.port}`;

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const queueList = (qs: readonly number[]): string => qs.map((q) => `q${q}`).join('|');
/** At most this many streams are named in a reason; the rest are counted. */
const NAMED = 4;

/**
 * The preset's queue for each stream (at the run's n queues) against the counters. Streams the counters could not
 * place at all (no candidate) are not held against the preset. `ruledOut`: the streams (keys) whose modelled queue
 * the counters rule out.
 */
export function checkPresetQueues(preset: string, n: number, modelled: readonly ModelledQueue[], measured: CounterQueues): PresetCheck & { ruledOut: string[] } {
  const loads = new Array<number>(n).fill(0);
  for (const m of modelled) loads[m.queue]++;
  const occupied = loads.filter((l) => l > 0).length;
  const queueOf = new Map(modelled.map((m) => [idOf(m), m.queue]));
  const off = measured.streams.filter((s) => {
    const q = queueOf.get(idOf(s));
    return q !== undefined && s.candidates.length > 0 && !s.candidates.includes(q);
  });
  const reasons: string[] = [];
  if (occupied !== measured.busyQueues) {
    reasons.push(`it puts the ${plural(modelled.length, 'stream')} on ${occupied} of ${plural(n, 'queue')}, the counters show ${measured.busyQueues} busy`);
  }
  if (off.length > 0) {
    // named by port where ports tell the streams apart (a client log), else by test and 4-tuple (a server log: all 5201)
    const ports = measured.streams.map((s) => s.port);
    const byPort = new Set(ports).size === ports.length;
    const named = off.slice(0, NAMED).map((s) => `${byPort ? `port ${s.port}` : idOf(s)} on q${queueOf.get(idOf(s))} (counters: ${queueList(s.candidates)})`);
    reasons.push(`${off.length} of ${plural(modelled.length, 'stream')} on a queue the counters rule out: ${named.join(', ')}${off.length > NAMED ? ` and ${off.length - NAMED} more` : ''}`);
  }
  const check: PresetCheck & { ruledOut: string[] } = { preset, occupied, loads, fits: reasons.length === 0, ruledOut: off.map(idOf) };
  if (reasons.length > 0) check.reason = reasons.join('; ');
  return check;
}

/** One stream of a run as the fit needs it: its local port, the counters' answer and the tuple the hash sees. */
export interface RunStream {
  localPort: number;
  /** Test and 4-tuple (streamKey.ts). */
  key?: string;
  queue: number | null;
  candidates: readonly number[];
  /** Sender → receiver (the data's direction), as on the wire; absent when neither capture nor log gave it. */
  flow?: FlowTuple;
}

/** `queue-lens observed --preset P --json`: `presetFit`, and what the capture editor shows. */
export interface RunPresetFit extends PresetCheck {
  /** The run's queue count (measured: the counters' queues), at which the preset was applied. */
  queues: number;
  /** Busy queues the counters measured. */
  busyQueues: number;
  /** Each stream's queue under the preset (the model's answer) and whether the counters allow it. */
  streams: Array<{ localPort: number; key?: string; queue: number; allowed: boolean }>;
  /** The sentence the CLI prints and the editor shows: "Preset P does not fit this run: …" or "Preset P fits this run: …". */
  text: string;
}

/**
 * An exact preset applied to a run's streams at the run's queue count, against its counters; undefined for a model
 * preset (nothing exact to check) or when no stream's tuple is known. Throws when the preset cannot be compiled for
 * n queues (say, a table naming a queue beyond n).
 */
export function runPresetFit(run: { queues: number; busyQueues: number; streams: readonly RunStream[] }, preset: PresetName, opts: PresetOptions = {}): RunPresetFit | undefined {
  const compiled = compilePreset(preset, run.queues, opts);
  if (!compiled.exact || !compiled.flowQueue) return undefined;
  const modelled: ModelledQueue[] = [];
  for (const s of run.streams) {
    if (s.flow) modelled.push({ port: s.localPort, ...(s.key !== undefined ? { key: s.key } : {}), queue: compiled.flowQueue(parseFlow(s.flow)).queue });
  }
  if (modelled.length === 0) return undefined;
  const { ruledOut, ...check } = checkPresetQueues(preset, run.queues, modelled, {
    busyQueues: run.busyQueues,
    streams: run.streams.map((s) => ({ port: s.localPort, ...(s.key !== undefined ? { key: s.key } : {}), queue: s.queue, candidates: s.candidates })),
  });
  const text = check.fits
    ? `Preset ${preset} fits this run: at ${run.queues} queues it puts the ${plural(modelled.length, 'stream')} on ${check.occupied} ` +
      `(the counters show ${run.busyQueues} busy), and each on a queue the counters allow. Its queues are still the model's answer.`
    : `Preset ${preset} does not fit this run: ${check.reason}.`;
  return {
    ...check, queues: run.queues, busyQueues: run.busyQueues,
    streams: modelled.map((m) => ({ localPort: m.port, ...(m.key !== undefined ? { key: m.key } : {}), queue: m.queue, allowed: !ruledOut.includes(idOf(m)) })),
    text,
  };
}
