// The `counters` and `observed` jobs: per-queue counter files read in the worker (node:fs + core), in the shapes
// `queue-lens counters --json` and `queue-lens observed --json` print.
import { readInputTextAsync } from '../../core/runs/inputFiles';
import { counterDelta, CounterSnapshot, parseSysfsListing, QueueCounter, readCounters, readSysfsQueues } from '../../core/counters';
import { findRunFiles, observeRun, ObservedRunJson, RunFiles } from '../../core/analysis/observed/observeRun';

/** One queue as `queue-lens counters --json` prints it. */
export interface QueueCounterJson { queue: number; packets: number | null; bytes: number | null; interrupts?: number }

/** `queue-lens counters --json` (src/cli/countersCommand.ts), field for field. */
export interface CountersJson {
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

/** A counter snapshot: a regular file within the one counters cap (core/runs/inputFiles.ts). */
function readText(file: string): Promise<string> {
  return readInputTextAsync(file, 'counters');
}

async function readSnapshot(file: string, device: string | undefined): Promise<CounterSnapshot> {
  const text = await readText(file);
  // a saved listing of /sys/class/net/DEV/queues (`tx-0/tx_bytes: N` lines), as the CLI reads it
  return /^(tx|rx)-\d+\//m.test(text) ? readSysfsQueues(parseSysfsListing(text), file, device ?? null) : readCounters(text, file, { device });
}

/** One snapshot, or after − before; errors (no per-queue counters, mismatched pair) name the file and line. */
export async function readCountersJob(after: string, before: string | undefined, device?: string): Promise<CountersResult> {
  const a = await readSnapshot(after, device);
  const snap = before === undefined ? a : counterDelta({ snap: await readSnapshot(before, device), file: before }, { snap: a, file: after });
  return {
    counters: { source: snap.source, device: snap.device, unit: snap.unit, delta: before !== undefined, tx: snap.tx.map(strip), rx: snap.rx.map(strip), warnings: snap.warnings },
    naming: snap.naming ?? null,
    after,
    before: before ?? null,
  };
}

/** `queue-lens observed RUN --json` for a run folder, or for named files. */
export async function observedJob(dir: string | undefined, files: RunFiles, signal?: AbortSignal): Promise<ObservedRunJson> {
  let found: RunFiles = {};
  // files named by the caller win; a folder with two logs is then no error
  if (dir !== undefined) try { found = findRunFiles(dir); } catch (e) { if (!files.log && !files.capture) throw e; }
  // the search for assignments stops between slices when the job is cancelled
  return observeRun({ ...found, ...files }, dir, signal ? { signal } : {});
}
