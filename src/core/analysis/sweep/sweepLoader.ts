// Thin file loader for a sweep folder (node:fs, so not exported from the analysis index the webview may bundle).
// Confined: it reads only regular files inside the folder (after resolving symbolic links), each size-capped, and
// quotes a file's text in an error only as a short escaped excerpt.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectCounterFormat } from '../../counters';
import { parseIperfLog } from '../../iperf';
import { IperfLog } from '../../iperf/model';
import { observedSpread } from '../observed/assign';
import { explainQueueConfig, loadConfigInputs } from '../../config';
import { FolderLister, findRunCounters, folderLister, isCounterFileName, logStem, RunCounters } from '../../runs/counterFiles';
import { INPUT_CAPS, listInputDirs } from '../../runs/inputFiles';
import { readRun, RunInputs } from '../../runs/readRun';
import { observeTrace } from '../observed/fromTrace';
import { logStreams, observeRunInputs } from '../observed/observeRun';
import {
  excerpt, MAX_SWEEP_QUEUES, MAX_SWEEP_RUNS, MAX_SWEEP_STREAMS, parseSweepManifest, queueCountFromName, RunCountersInput,
  safeMessage, SweepRunInput, sweepTest,
} from './sweepInput';
import { errorMessage } from '../../text';

export interface LoadedSweep {
  dir: string;
  /** manifest.json was read (queue counts and observed spreads from it). */
  manifest: boolean;
  runs: SweepRunInput[];
  /** Files skipped and why. */
  warnings: string[];
  /** Each run folder's inputs as the run reader read them (by run name), so nothing is read twice. */
  runInputs?: Map<string, RunInputs>;
}

const MANIFEST = 'manifest.json';
const LOG_FILE = /\.(log|txt|json|out|iperf)$/i;
/** Largest log read: the run reader's one cap for logs (a 60 000-stream iperf log is 4 MB). */
const MAX_SWEEP_LOG_BYTES = INPUT_CAPS.log;
/** Largest manifest read: the one cap for manifests. */
const MAX_MANIFEST_BYTES = INPUT_CAPS.manifest;

const C = fs.constants;
const OPEN_FLAGS = C.O_RDONLY | (C.O_NONBLOCK ?? 0) | (C.O_NOCTTY ?? 0);

/** A path a sweep folder's manifest may not name, or a file it may not read. */
class SweepFileError extends Error {
  override readonly name = 'SweepFileError';
}

/**
 * The real path of `rel` inside `realDir`, or a SweepFileError: no absolute path, no `..`, and after following
 * symbolic links the file must still be inside the folder and be a regular file.
 */
function confined(realDir: string, rel: string): string {
  const shown = excerpt(rel, 80);
  if (path.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel) || rel.startsWith('\\\\')) throw new SweepFileError(`'${shown}': an absolute path; a sweep folder names its logs relative to itself`);
  if (rel.split(/[\\/]/).includes('..')) throw new SweepFileError(`'${shown}': '..' leaves the sweep folder`);
  const joined = path.join(realDir, rel);
  let real: string;
  try {
    real = fs.realpathSync(joined);
  } catch (e) {
    throw new SweepFileError(`'${shown}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : safeMessage(errorMessage(e))}`);
  }
  if (real !== realDir && !real.startsWith(realDir + path.sep)) throw new SweepFileError(`'${shown}': a link that leads out of the sweep folder`);
  const st = fs.statSync(real);
  if (!st.isFile()) throw new SweepFileError(`'${shown}': not a regular file (${st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO' : st.isCharacterDevice() ? 'a character device' : 'a special file'})`);
  return real;
}

/** Reads a confined regular file as UTF-8, refusing one above `max` bytes; the descriptor is checked again after open. */
function readConfined(realDir: string, rel: string, max: number): string {
  const real = confined(realDir, rel);
  const fd = fs.openSync(real, OPEN_FLAGS);
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new SweepFileError(`'${excerpt(rel, 80)}': not a regular file`);
    if (st.size > max) throw new SweepFileError(`'${excerpt(rel, 80)}': ${st.size} bytes; at most ${max} are read`);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < buf.length) {
      const n = fs.readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.toString('utf8', 0, got);
  } finally {
    fs.closeSync(fd);
  }
}

/** A run's log, read from inside the folder and parsed. */
function readLog(realDir: string, file: string): SweepRunInput['log'] {
  return parseLog(readConfined(realDir, file, MAX_SWEEP_LOG_BYTES), file);
}

/** A log's text parsed; a parse error keeps only a short excerpt of the offending text; streams capped. */
function parseLog(text: string, file: string): SweepRunInput['log'] {
  let log: SweepRunInput['log'];
  try {
    log = parseIperfLog(text, file);
  } catch (e) {
    throw new Error(safeMessage(errorMessage(e)));
  }
  const streams = sweepTest(log)?.streams.length ?? 0;
  if (streams > MAX_SWEEP_STREAMS) throw new SweepFileError(`'${excerpt(file, 80)}': ${streams} streams in one run; at most ${MAX_SWEEP_STREAMS}`);
  return log;
}

function checkQueues(file: string, queues: number): void {
  if (queues > MAX_SWEEP_QUEUES) throw new SweepFileError(`'${excerpt(file, 80)}': ${queues} queues; at most ${MAX_SWEEP_QUEUES} per run`);
}

/** A counter file by its name: X.before.txt, X.tc.txt, qdisc-after.txt, ... (they are never runs). */
function isCounterName(file: string): boolean {
  return isCounterFileName(file); // by name alone: no folder listing per file
}

/** Time for one run's search for assignments in a sweep (many runs; what is not proven by then is left open). */
const SWEEP_RUN_MS = 2000;

/** The observed spread of a run from its counters and the log's stream totals (sync: bytes from the log). */
function countersFromLog(found: RunCounters, log: IperfLog, name: string, peer?: RunInputs['peer']): RunCountersInput | string {
  try {
    const { streams, direction, totals } = logStreams(log, name, peer);
    const side = found.delta[direction];
    if (found.delta.unit !== 'traffic' || side.length === 0 || side.some((q) => q.bytes === null)) {
      return `${name}: ${found.files.after} has no per-queue ${direction} byte counters (${found.delta.source}); not used`;
    }
    return {
      source: found.delta.source, device: found.delta.device, after: found.files.after, before: found.files.before ?? null,
      observed: observedSpread(streams, side.map((q) => q.bytes as number), { bytesSource: 'log', logTotals: totals, timeBudgetMs: SWEEP_RUN_MS }),
    };
  } catch (e) {
    return `${name}: counters not matched (${errorMessage(e)})`;
  }
}

/** Counters beside a log (X.tc.txt, X.before/after.txt, tc/X.*), attached to the run; warnings for what did not fit. */
function attachCounters(run: SweepRunInput, dir: string, stem: string, warnings: string[], list: FolderLister): void {
  let found: ReturnType<typeof findRunCounters>;
  try {
    found = findRunCounters(dir, stem, undefined, list);
  } catch (e) {
    warnings.push(`${run.name}: ${errorMessage(e)}`);
    return;
  }
  // one queue: nothing to split, and a single-queue qdisc has no per-queue counters by nature
  if (run.queues > 1) warnings.push(...found.warnings.map((w) => `${run.name}: ${w}`));
  if (!found.counters) return;
  const c = countersFromLog(found.counters, run.log, run.name);
  if (typeof c === 'string') warnings.push(c);
  else run.counters = c;
}

/** A run folder's config/ (what `queue-lens record` saves): the queue configuration, read and explained. */
function attachConfig(run: SweepRunInput, d: string, sub: string, warnings: string[]): void {
  if (!listInputDirs(d).includes('config')) return;
  try {
    const loaded = loadConfigInputs([path.join(d, 'config')]);
    if (loaded.pieces.length === 0) return;
    run.config = explainQueueConfig(loaded.pieces, { before: loaded.before.length ? loaded.before : undefined });
    warnings.push(...run.config.warnings.map((w) => `${sub}: ${w}`));
  } catch (e) {
    warnings.push(`${sub}: queue configuration not read (${safeMessage(errorMessage(e))})`);
  }
}

/** The tx queues a recorded run's counters or configuration state (a recorded folder's name need carry no count). */
function recordedQueues(inputs: RunInputs): number | undefined {
  if (!inputs.manifest) return undefined;
  return inputs.txQueues ?? (inputs.counters && inputs.counters.delta.tx.length > 0 ? inputs.counters.delta.tx.length : undefined);
}

/**
 * A recorded run's trace as the sweep's port → queue map: each stream's queue as the kernel chose it (measured,
 * exact). A stream that moved between queues has no single queue: then the map is not used (the counters answer).
 */
function tracedPortQueue(d: string, run: RunInputs, sub: string, warnings: string[], into: SweepRunInput): Record<string, number> | undefined {
  if (!run.manifest?.trace.recorded) return undefined;
  try {
    const t = observeTrace(d, run.manifest, { run });
    into.tracedCpus = t.tracedCpus;
    if (t.direction !== 'tx' || t.streams.some((s) => s.queue === null || s.moved)) {
      warnings.push(`${sub}: the trace gives no single tx queue for every stream; its counters are used instead`);
      return undefined;
    }
    return Object.fromEntries(t.streams.map((s) => [String(s.localPort), s.queue as number]));
  } catch (e) {
    warnings.push(`${sub}: trace not read (${safeMessage(errorMessage(e))}); its counters are used instead`);
    return undefined;
  }
}

/**
 * A subfolder holding one run (a log, counter snapshots, maybe a capture: measured-queues' layout), or one recorded by
 * `queue-lens record` (run.json). Read once by the run reader; its inputs are kept for the capture pass.
 */
function runFolder(dir: string, sub: string, warnings: string[], inputs: Map<string, RunInputs>): SweepRunInput | undefined {
  const named = queueCountFromName(sub);
  const d = path.join(dir, sub);
  if (!named && !fs.existsSync(path.join(d, 'run.json'))) return undefined;
  let run: RunInputs;
  try {
    run = readRun(d, {}, named ? { txQueues: named.queues } : {});
  } catch (e) {
    warnings.push(`${sub}: ${safeMessage(errorMessage(e))}; skipped`);
    return undefined;
  }
  if (!run.log) { warnings.push(`${sub}: no iperf log in the folder; skipped`); return undefined; }
  const q = named ?? (recordedQueues(run) ? { queues: recordedQueues(run)! } : undefined);
  if (!q) { warnings.push(`${sub}: a recorded run whose queue count neither its name, its counters nor its configuration states; skipped`); return undefined; }
  const name = path.join(sub, path.basename(run.log.file));
  try {
    checkQueues(name, q.queues);
    const streams = sweepTest(run.log.log)?.streams.length ?? 0;
    if (streams > MAX_SWEEP_STREAMS) throw new SweepFileError(`'${excerpt(name, 80)}': ${streams} streams in one run; at most ${MAX_SWEEP_STREAMS}`);
  } catch (e) {
    warnings.push(`${excerpt(name, 80)}: skipped: ${safeMessage(errorMessage(e))}`);
    return undefined;
  }
  const out: SweepRunInput = { name, queues: q.queues, log: run.log.log };
  if (q.trial !== undefined) out.trial = q.trial;
  const traced = tracedPortQueue(d, run, sub, warnings, out);
  if (traced) { out.portQueue = traced; out.portQueueFrom = 'trace'; }
  // one queue: nothing to split, and a single-queue qdisc has no per-queue counters by nature
  if (q.queues > 1) warnings.push(...run.warnings.map((w) => `${sub}: ${w}`));
  if (run.counters) {
    const c = countersFromLog(run.counters, run.log.log, out.name, run.peer);
    if (typeof c === 'string') warnings.push(c);
    else out.counters = c;
  }
  attachConfig(out, d, sub, warnings);
  inputs.set(name, run);
  return out;
}

/**
 * The runs of a folder: those manifest.json lists (log, queues, trial, portQueue, queueRateMbps), or else every
 * log file whose name carries a queue count (`queues-5.log`, `q5-t2.json`), and every subfolder so named that holds
 * one run. Counter snapshots beside a log (`q5-t2.tc.txt`, `q5-t2.before.txt` + `.after.txt`, `tc/q5-t2.*`, or
 * `qdisc-before.txt` + `qdisc-after.txt` in a run's folder) are that run's observed spread, never runs. A log that
 * does not parse is an error when the manifest names it, and a warning otherwise. Only regular files inside the
 * folder are read.
 */
export function loadSweepFolder(dir: string): LoadedSweep {
  const realDir = fs.realpathSync(dir);
  const manifestPath = path.join(dir, MANIFEST);
  const warnings: string[] = [];
  const list = folderLister(); // each folder listed once for the whole load
  if (fs.existsSync(manifestPath) || isLink(manifestPath)) return { dir, manifest: true, runs: manifestRuns(dir, realDir, manifestPath, warnings, list), warnings };
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  const { runs, counterFiles } = namedLogRuns(dir, realDir, entries, warnings, list);
  const inputs = new Map<string, RunInputs>();
  for (const sub of entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const run = runFolder(dir, sub, warnings, inputs);
    if (run) runs.push(run);
  }
  const attached = runs.filter((r) => r.counters).length;
  if (counterFiles > 0 && attached === 0) warnings.push(`${counterFiles} counter file${counterFiles === 1 ? '' : 's'} matched no run's log by name; not used`);
  return { dir, manifest: false, runs, warnings, runInputs: inputs };
}

/** The runs manifest.json lists; a log it names that does not read is an error naming the manifest. */
function manifestRuns(dir: string, realDir: string, manifestPath: string, warnings: string[], list: ReturnType<typeof folderLister>): SweepRunInput[] {
  let json: unknown;
  try {
    json = JSON.parse(readConfined(realDir, MANIFEST, MAX_MANIFEST_BYTES));
  } catch (e) {
    throw new Error(`${manifestPath}: ${safeMessage(errorMessage(e))}`);
  }
  return parseSweepManifest(json).map((m): SweepRunInput => {
    let log: SweepRunInput['log'];
    try {
      log = readLog(realDir, m.log);
    } catch (e) {
      throw new Error(`${manifestPath}: run ${excerpt(m.log, 80)}: ${errorMessage(e)}`);
    }
    const run: SweepRunInput = { name: m.log, queues: m.queues, log };
    if (m.trial !== undefined) run.trial = m.trial;
    if (m.portQueue) run.portQueue = m.portQueue;
    if (m.queueRateMbps !== undefined) run.queueRateBps = m.queueRateMbps * 1e6;
    attachCounters(run, dir, logStem(m.log), warnings, list);
    return run;
  });
}

/** Every log file whose name carries a queue count; counter snapshots among them are counted, never runs. */
function namedLogRuns(dir: string, realDir: string, entries: fs.Dirent[], warnings: string[], list: ReturnType<typeof folderLister>): { runs: SweepRunInput[]; counterFiles: number } {
  const runs: SweepRunInput[] = [];
  const logEntries = entries.filter((e) => LOG_FILE.test(e.name));
  const files = logEntries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name).sort();
  for (const e of logEntries) if (!e.isFile() && !e.isSymbolicLink() && !e.isDirectory()) warnings.push(`${excerpt(e.name, 80)}: not a regular file; skipped`);
  let counterFiles = 0;
  for (const file of files) {
    const shown = excerpt(file, 80);
    if (isCounterName(file)) { counterFiles++; continue; }
    const q = queueCountFromName(file);
    if (!q) { warnings.push(`${shown}: no queue count in the name (e.g. queues-5.log, q5-t2.json); skipped`); continue; }
    if (runs.length >= MAX_SWEEP_RUNS) { warnings.push(`${files.length - MAX_SWEEP_RUNS} more log files beyond ${MAX_SWEEP_RUNS} runs; skipped`); break; }
    let text = '';
    try {
      checkQueues(file, q.queues);
      text = readConfined(realDir, file, MAX_SWEEP_LOG_BYTES);
      const run: SweepRunInput = { name: file, queues: q.queues, log: parseLog(text, file) };
      if (!run.log.tests.some((t) => t.streams.length > 0) && detectCounterFormat(text)) { counterFiles++; continue; }
      if (q.trial !== undefined) run.trial = q.trial;
      attachCounters(run, dir, logStem(file), warnings, list);
      runs.push(run);
    } catch (e) {
      if (text && detectCounterFormat(text)) { counterFiles++; continue; }
      if (e instanceof SweepFileError) warnings.push(`${shown}: skipped: ${e.message}`);
      else warnings.push(`${shown}: not an iperf log (${safeMessage(errorMessage(e))}); skipped`);
    }
  }
  return { runs, counterFiles };
}

/**
 * loadSweepFolder, with each run's streams' bytes taken from its capture (wire segments) where one sits in the
 * run's folder: the counters then tell the streams apart to the byte instead of to a few %.
 */
export async function loadSweepFolderWithCaptures(dir: string): Promise<LoadedSweep> {
  const loaded = loadSweepFolder(dir);
  if (loaded.manifest) return loaded;
  for (const run of loaded.runs) {
    const inputs = loaded.runInputs?.get(run.name);
    if (!run.counters || !inputs?.capture) continue;
    try {
      // the run as the reader read it: its log and counters are not read again
      const r = await observeRunInputs({ ...inputs, warnings: [] });
      run.counters = { ...run.counters, observed: r };
    } catch (e) {
      loaded.warnings.push(`${run.name}: capture not used (${errorMessage(e)})`);
    }
  }
  return loaded;
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
