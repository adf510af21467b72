// What a recorded run folder adds to the dataset beyond its log and counters: the trace's per-queue frames and wire
// bytes and each stream's traced queue and CPUs, and the capture's flows. node:fs (the trace and capture readers).
import * as path from 'node:path';
import { analyseCaptures } from '../flows/analyse';
import type { FlowReport } from '../flows/report';
import { observeTrace } from '../analysis/observed/fromTrace';
import { readRunConfig } from '../analysis/observed/runConfig';
import { readInputText } from '../runs/inputFiles';
import type { RunInputs } from '../runs/readRun';
import { parseTrace, rowQueue, TraceDirection, TraceRow } from '../trace';
import { errorMessage } from '../text';

interface TracedQueues {
  /** The direction whose queues these are (the run's streams'), and what the numbers mean. */
  direction: TraceDirection;
  meaning: string;
  /** Per queue, measured by the tracer: wire frames (GSO/GRO segments; non-IP packets one each) and wire bytes. */
  frames: number[];
  wireBytes: number[];
  /** Each traced stream by its local port: the queue that carried most of its bytes, that queue's CPUs, its wire bytes. */
  streams: Map<number, { queue: number | null; cpus: number[]; wireBytes: number; moved: boolean }>;
  /** Frames and bytes of this direction on no queue below n (queue not recorded, or beyond the recorded count). */
  unplaced: { frames: number; wireBytes: number };
}

export interface RunExtras {
  trace?: TracedQueues;
  flows?: FlowReport;
}

/** The trace of a recorded run as dataset rows; undefined when none was recorded. Throws when it cannot be read. */
function tracedQueues(run: RunInputs): TracedQueues | undefined {
  const dir = run.dir;
  const m = run.manifest;
  if (!dir || !m?.trace.recorded) return undefined;
  const t = observeTrace(dir, m, { run });
  const file = path.join(dir, m.trace.file);
  const trace = parseTrace(readInputText(file, 'trace'), file);
  const driver = readRunConfig(dir, m).driver;
  const n = t.queues;
  const frames = new Array<number>(n).fill(0);
  const wireBytes = new Array<number>(n).fill(0);
  const unplaced = { frames: 0, wireBytes: 0 };
  const add = (q: number | null, f: number, b: number): void => {
    if (q !== null && q < n) { frames[q] += f; wireBytes[q] += b; } else { unplaced.frames += f; unplaced.wireBytes += b; }
  };
  for (const r of trace.rows) if (r.direction === t.direction) add(rowQueue(r, driver).queue, r.segments, r.wireBytes);
  // non-IP packets (ARP) are on the queues too, as fromTrace counts them
  for (const o of trace.other) {
    if (o.direction === t.direction && o.wireBytes !== null) add(rowQueue({ ...o, l4Hash: false } as unknown as TraceRow, driver).queue, o.packets, o.wireBytes);
  }
  const streams = new Map(t.streams.map((s) => [s.localPort, { queue: s.queue, cpus: s.queues[0]?.cpus ?? [], wireBytes: s.wireBytes, moved: s.moved }]));
  return { direction: t.direction, meaning: t.queueMeaning, frames, wireBytes, streams, unplaced };
}

/** A run's trace and capture, each read where present; what cannot be read is a warning naming the run. */
export async function runExtras(run: RunInputs, name: string, warnings: string[]): Promise<RunExtras> {
  const out: RunExtras = {};
  try {
    out.trace = tracedQueues(run);
  } catch (e) {
    warnings.push(`${name}: trace not in the dataset (${errorMessage(e)})`);
  }
  if (run.capture) {
    try {
      out.flows = await analyseCaptures([run.capture]);
    } catch (e) {
      warnings.push(`${name}: capture's flows not in the dataset (${errorMessage(e)})`);
    }
  }
  return out;
}
