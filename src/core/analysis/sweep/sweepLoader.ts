// Thin file loader for a sweep folder (node:fs, so not exported from the analysis index the webview may bundle).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectCounterFormat } from '../../counters';
import { parseIperfLog } from '../../iperf';
import { IperfLog } from '../../iperf/model';
import { observedSpread } from '../observed/assign';
import { counterCandidates, findRunCounters, logStem, RunCounters } from '../observed/counterFiles';
import { findRunFiles, logStreams, observeRun } from '../observed/observeRun';
import { parseSweepManifest, queueCountFromName, RunCountersInput, SweepRunInput } from './sweepInput';

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

function readLog(dir: string, file: string): SweepRunInput['log'] {
  return parseIperfLog(fs.readFileSync(path.join(dir, file), 'utf8'), file);
}

/** A counter file by its name: X.before.txt, X.tc.txt, qdisc-after.txt, ... (they are never runs). */
function isCounterName(dir: string, file: string): boolean {
  return counterCandidates(dir, logStem(file).replace(/[.\-_](tc|qdisc|class|ethtool|counters|qstats|interrupts|stats)?[.\-_]?(before|after)$|\.(tc|qdisc|class|ethtool|counters|qstats|interrupts|stats)$/i, ''))
    .some((c) => path.basename(c.after) === file || (c.before !== undefined && path.basename(c.before) === file));
}

/** The observed spread of a run from its counters and the log's stream totals (sync: bytes from the log). */
function countersFromLog(found: RunCounters, log: IperfLog, name: string): RunCountersInput | string {
  try {
    const { streams, direction, tolerance } = logStreams(log, name);
    const side = found.delta[direction];
    if (found.delta.unit !== 'traffic' || side.length === 0 || side.some((q) => q.bytes === null)) {
      return `${name}: ${found.files.after} has no per-queue ${direction} byte counters (${found.delta.source}); not used`;
    }
    return {
      source: found.delta.source, device: found.delta.device, after: found.files.after, before: found.files.before ?? null,
      observed: observedSpread(streams, side.map((q) => q.bytes as number), { bytesSource: 'log', tolerance }),
    };
  } catch (e) {
    return `${name}: counters not matched (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** Counters beside a log (X.tc.txt, X.before/after.txt, tc/X.*), attached to the run; warnings for what did not fit. */
function attachCounters(run: SweepRunInput, dir: string, stem: string, warnings: string[]): void {
  let found: ReturnType<typeof findRunCounters>;
  try {
    found = findRunCounters(dir, stem);
  } catch (e) {
    warnings.push(`${run.name}: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  // one queue: nothing to split, and a single-queue qdisc has no per-queue counters by nature
  if (run.queues > 1) warnings.push(...found.warnings.map((w) => `${run.name}: ${w}`));
  if (!found.counters) return;
  const c = countersFromLog(found.counters, run.log, run.name);
  if (typeof c === 'string') warnings.push(c);
  else run.counters = c;
}

/** A subfolder holding one run (a log, counter snapshots, maybe a capture): measured-queues' layout. */
function runFolder(dir: string, sub: string, warnings: string[]): SweepRunInput | undefined {
  const q = queueCountFromName(sub);
  if (!q) return undefined;
  const d = path.join(dir, sub);
  let files;
  try {
    files = findRunFiles(d);
  } catch (e) {
    warnings.push(`${sub}: ${e instanceof Error ? e.message : String(e)}; skipped`);
    return undefined;
  }
  if (!files.log) { warnings.push(`${sub}: no iperf log in the folder; skipped`); return undefined; }
  const name = path.join(sub, path.basename(files.log));
  const run: SweepRunInput = { name, queues: q.queues, log: parseIperfLog(fs.readFileSync(files.log, 'utf8'), path.basename(files.log)) };
  if (q.trial !== undefined) run.trial = q.trial;
  attachCounters(run, d, '', warnings);
  return run;
}

/**
 * The runs of a folder: those manifest.json lists (log, queues, trial, portQueue, queueRateMbps), or else every
 * log file whose name carries a queue count (`queues-5.log`, `q5-t2.json`), and every subfolder so named that holds
 * one run. Counter snapshots beside a log (`q5-t2.tc.txt`, `q5-t2.before.txt` + `.after.txt`, `tc/q5-t2.*`, or
 * `qdisc-before.txt` + `qdisc-after.txt` in a run's folder) are that run's observed spread, never runs. A log that
 * does not parse is an error when the manifest names it, and a warning otherwise.
 */
export function loadSweepFolder(dir: string): LoadedSweep {
  const manifestPath = path.join(dir, MANIFEST);
  const warnings: string[] = [];
  if (fs.existsSync(manifestPath)) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    } catch (e) {
      throw new Error(`${manifestPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const runs = parseSweepManifest(json).map((m): SweepRunInput => {
      const run: SweepRunInput = { name: m.log, queues: m.queues, log: readLog(dir, m.log) };
      if (m.trial !== undefined) run.trial = m.trial;
      if (m.portQueue) run.portQueue = m.portQueue;
      if (m.queueRateMbps !== undefined) run.queueRateBps = m.queueRateMbps * 1e6;
      attachCounters(run, dir, logStem(m.log), warnings);
      return run;
    });
    return { dir, manifest: true, runs, warnings };
  }
  const runs: SweepRunInput[] = [];
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && LOG_FILE.test(e.name)).map((e) => e.name).sort();
  let counterFiles = 0;
  for (const file of files) {
    if (isCounterName(dir, file)) { counterFiles++; continue; }
    const q = queueCountFromName(file);
    if (!q) { warnings.push(`${file}: no queue count in the name (e.g. queues-5.log, q5-t2.json); skipped`); continue; }
    let text = '';
    try {
      text = fs.readFileSync(path.join(dir, file), 'utf8');
      const run: SweepRunInput = { name: file, queues: q.queues, log: parseIperfLog(text, file) };
      if (!run.log.tests.some((t) => t.streams.length > 0) && detectCounterFormat(text)) { counterFiles++; continue; }
      if (q.trial !== undefined) run.trial = q.trial;
      attachCounters(run, dir, logStem(file), warnings);
      runs.push(run);
    } catch (e) {
      if (detectCounterFormat(text)) { counterFiles++; continue; }
      warnings.push(`${file}: not an iperf log (${e instanceof Error ? e.message : String(e)}); skipped`);
    }
  }
  for (const sub of entries.filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const run = runFolder(dir, sub, warnings);
    if (run) runs.push(run);
  }
  const attached = runs.filter((r) => r.counters).length;
  if (counterFiles > 0 && attached === 0) warnings.push(`${counterFiles} counter file${counterFiles === 1 ? '' : 's'} matched no run's log by name; not used`);
  return { dir, manifest: false, runs, warnings };
}

/**
 * loadSweepFolder, with each run's streams' bytes taken from its capture (wire segments) where one sits in the
 * run's folder: the counters then tell the streams apart to the byte instead of to a few %.
 */
export async function loadSweepFolderWithCaptures(dir: string): Promise<LoadedSweep> {
  const loaded = loadSweepFolder(dir);
  if (loaded.manifest) return loaded;
  for (const run of loaded.runs) {
    if (!run.counters || !run.name.includes(path.sep)) continue;
    const d = path.join(dir, path.dirname(run.name));
    const files = findRunFiles(d);
    if (!files.capture) continue;
    try {
      const r = await observeRun({ ...files, counters: run.counters.before ? { after: run.counters.after, before: run.counters.before } : { after: run.counters.after } }, d);
      run.counters = { ...run.counters, observed: r };
    } catch (e) {
      loaded.warnings.push(`${run.name}: capture not used (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return loaded;
}
