// The `counters` and `observed` jobs: per-queue counter files read in the worker (node:fs + core), in the shapes
// `queue-lens counters --json` and `queue-lens observed --json` print.
import { counterDelta, CounterSnapshot, QueueCounter } from '../../core/counters';
import { observeRunInputs, ObservedRunJson, RunFiles } from '../../core/analysis/observed/observeRun';
import { readCounterPath } from '../../core/runs/counterFiles';
import { readRun } from '../../core/runs/readRun';

/** One queue as `queue-lens counters --json` prints it. */
export interface QueueCounterJson { queue: number; packets: number | null; bytes: number | null; interrupts?: number }

/** `queue-lens counters --json` (src/cli/countersCommand.ts), field for field. */
interface CountersJson {
  source: CounterSnapshot['source'];
  device: string | null;
  unit: CounterSnapshot['unit'];
  delta: boolean;
  tx: QueueCounterJson[];
  rx: QueueCounterJson[];
  warnings: string[];
}

/** The counters job's answer: the CLI's JSON, plus which naming was recognised and which files were read. */
export interface CountersResult { counters: CountersJson; naming: string | null; after: string; before: string | null }

const strip = (c: QueueCounter): QueueCounterJson => {
  const o: QueueCounterJson = { queue: c.queue, packets: c.packets, bytes: c.bytes };
  if (c.interrupts !== undefined) o.interrupts = c.interrupts;
  return o;
};

/** One snapshot, or after − before; errors (no per-queue counters, mismatched pair) name the file and line. */
export async function readCountersJob(after: string, before: string | undefined, device?: string): Promise<CountersResult> {
  // the run reader's route: the same caps, sysfs folders and one-queue rule as `queue-lens counters`
  const a = readCounterPath(after, { device });
  const snap = before === undefined ? a : counterDelta({ snap: readCounterPath(before, { device }), file: before }, { snap: a, file: after });
  return {
    counters: { source: snap.source, device: snap.device, unit: snap.unit, delta: before !== undefined, tx: snap.tx.map(strip), rx: snap.rx.map(strip), warnings: snap.warnings },
    naming: snap.naming ?? null,
    after,
    before: before ?? null,
  };
}

/** `queue-lens observed RUN --json` for a run folder, or for named files. */
export async function observedJob(dir: string | undefined, files: RunFiles, signal?: AbortSignal): Promise<ObservedRunJson> {
  // files named by the caller win: the folder is searched only for the parts not named; the search for assignments
  // stops between slices when the job is cancelled
  return observeRunInputs(readRun(dir, files), signal ? { signal } : {});
}
