// Thin file loader for a sweep folder (node:fs, so not exported from the analysis index the webview may bundle).
// Confined: it reads only regular files inside the folder (after resolving symbolic links), each size-capped, and
// quotes a file's text in an error only as a short escaped excerpt.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseIperfLog } from '../../iperf';
import {
  excerpt, MAX_SWEEP_QUEUES, MAX_SWEEP_RUNS, MAX_SWEEP_STREAMS, parseSweepManifest, queueCountFromName, safeMessage,
  SweepRunInput, sweepTest,
} from './sweepInput';

export interface LoadedSweep {
  dir: string;
  /** manifest.json was read (queue counts and observed spreads from it). */
  manifest: boolean;
  runs: SweepRunInput[];
  /** Files skipped and why. */
  warnings: string[];
}

export const MANIFEST = 'manifest.json';
const LOG_FILE = /\.(log|txt|json|out|iperf)$/i;
/** Largest log read (a 60 000-stream iperf log is 4 MB). */
export const MAX_SWEEP_LOG_BYTES = 32 << 20;
/** Largest manifest read. */
export const MAX_MANIFEST_BYTES = 1 << 20;

const C = fs.constants;
const OPEN_FLAGS = C.O_RDONLY | (C.O_NONBLOCK ?? 0) | (C.O_NOCTTY ?? 0);

/** A path a sweep folder's manifest may not name, or a file it may not read. */
export class SweepFileError extends Error {
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
    throw new SweepFileError(`'${shown}': ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : safeMessage(e instanceof Error ? e.message : String(e))}`);
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

/** A run's log, parsed; a parse error keeps only a short excerpt of the offending text. */
function readLog(realDir: string, file: string): SweepRunInput['log'] {
  const text = readConfined(realDir, file, MAX_SWEEP_LOG_BYTES);
  let log: SweepRunInput['log'];
  try {
    log = parseIperfLog(text, file);
  } catch (e) {
    throw new Error(safeMessage(e instanceof Error ? e.message : String(e)));
  }
  const streams = sweepTest(log)?.streams.length ?? 0;
  if (streams > MAX_SWEEP_STREAMS) throw new SweepFileError(`'${excerpt(file, 80)}': ${streams} streams in one run; at most ${MAX_SWEEP_STREAMS}`);
  return log;
}

function checkQueues(file: string, queues: number): void {
  if (queues > MAX_SWEEP_QUEUES) throw new SweepFileError(`'${excerpt(file, 80)}': ${queues} queues; at most ${MAX_SWEEP_QUEUES} per run`);
}

/**
 * The runs of a folder: those manifest.json lists (log, queues, trial, portQueue, queueRateMbps), or else every
 * log file whose name carries a queue count (`queues-5.log`, `q5-t2.json`). A log that does not parse is an error
 * when the manifest names it, and a warning otherwise. Only regular files inside the folder are read.
 */
export function loadSweepFolder(dir: string): LoadedSweep {
  const realDir = fs.realpathSync(dir);
  const manifestPath = path.join(dir, MANIFEST);
  const warnings: string[] = [];
  if (fs.existsSync(manifestPath) || isLink(manifestPath)) {
    let json: unknown;
    try {
      json = JSON.parse(readConfined(realDir, MANIFEST, MAX_MANIFEST_BYTES));
    } catch (e) {
      throw new Error(`${manifestPath}: ${safeMessage(e instanceof Error ? e.message : String(e))}`);
    }
    const runs = parseSweepManifest(json).map((m): SweepRunInput => {
      let log: SweepRunInput['log'];
      try {
        log = readLog(realDir, m.log);
      } catch (e) {
        throw new Error(`${manifestPath}: run ${excerpt(m.log, 80)}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const run: SweepRunInput = { name: m.log, queues: m.queues, log };
      if (m.trial !== undefined) run.trial = m.trial;
      if (m.portQueue) run.portQueue = m.portQueue;
      if (m.queueRateMbps !== undefined) run.queueRateBps = m.queueRateMbps * 1e6;
      return run;
    });
    return { dir, manifest: true, runs, warnings };
  }
  const runs: SweepRunInput[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => LOG_FILE.test(e.name));
  const files = entries.filter((e) => e.isFile() || e.isSymbolicLink()).map((e) => e.name).sort();
  for (const e of entries) if (!e.isFile() && !e.isSymbolicLink()) warnings.push(`${excerpt(e.name, 80)}: not a regular file; skipped`);
  for (const file of files) {
    const shown = excerpt(file, 80);
    const q = queueCountFromName(file);
    if (!q) { warnings.push(`${shown}: no queue count in the name (e.g. queues-5.log, q5-t2.json); skipped`); continue; }
    if (runs.length >= MAX_SWEEP_RUNS) { warnings.push(`${files.length - MAX_SWEEP_RUNS} more log files beyond ${MAX_SWEEP_RUNS} runs; skipped`); break; }
    try {
      checkQueues(file, q.queues);
      const run: SweepRunInput = { name: file, queues: q.queues, log: readLog(realDir, file) };
      if (q.trial !== undefined) run.trial = q.trial;
      runs.push(run);
    } catch (e) {
      if (e instanceof SweepFileError) warnings.push(`${shown}: skipped: ${e.message}`);
      else warnings.push(`${shown}: not an iperf log (${safeMessage(e instanceof Error ? e.message : String(e))}); skipped`);
    }
  }
  return { dir, manifest: false, runs, warnings };
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
