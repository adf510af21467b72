/**
 * The one reader of a run's inputs: its manifest, logs, counters and configuration, each read once with its kind's
 * cap (inputFiles.ts); the capture is named here and streamed by core/capture, the trace read by the trace reader
 * (analysis/observed/fromTrace.ts), which is handed this run so the log and counters are not read again. A recorded folder (`run.json`) is read by its manifest; a hand-made folder by
 * its files' content (runLogs.ts tells the client's log from the server's). `queue-lens observed`, `sweep`, the
 * analysis worker and the sweep loader all read runs here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CounterSnapshot } from '../counters';
import { bestCounters, CounterFiles, counterCandidates, CounterReadOptions, logStem, readCounterFile, readCounterFiles, RunCounters } from './counterFiles';
import { listInputFiles, readInputText } from './inputFiles';
import { parseRunManifest, RUN_MANIFEST_NAME, RunManifest } from './manifest';
import { chooseRunLogs, logCandidates, readRunLog, RunLog } from './runLogs';
import { errorMessage } from '../text';

/** Parts of a run named by the caller (`--log`, `--capture`, `--counters/--before`); they win over what the folder holds. */
export interface NamedRunFiles {
  log?: string;
  capture?: string;
  counters?: CounterFiles;
}

/** One recorded counter snapshot of a --interval series, at `t` seconds after the run's start. */
interface CounterSeriesPoint { t: number; file: string; snap: CounterSnapshot }

export interface RunInputs {
  /** The run folder (absent when only named files were given). */
  dir?: string;
  /** run.json, when the folder was recorded by `queue-lens record`. */
  manifest?: RunManifest;
  /** The log whose streams are the run's (the client's when there is one). */
  log?: RunLog;
  /** The other end's log of the same run. */
  peer?: RunLog;
  capture?: string;
  /** A folder of one capture per queue (QUEUE_CAPTURE_NAME): each file with its queue, ascending. */
  queueCaptures?: Array<{ queue: number; file: string }>;
  counters?: RunCounters;
  /** The recorded periodic snapshots of the counters' source (`record --interval`), in time order. */
  series?: CounterSeriesPoint[];
  /** Configuration snapshots of a recorded run: label → text. */
  config: Record<string, string>;
  /** The tx queue count something besides the counters states (ethtool -l, the queues folder), when it does. */
  txQueues?: number;
  warnings: string[];
}

export interface ReadRunOptions {
  device?: string;
  /** The run's tx queue count when the caller knows it (a sweep's n). */
  txQueues?: number;
}

const CAPTURE_NAME = /\.(pcap|pcapng|cap)(\.gz)?$/i;
/** One capture per queue: q0.pcap, queue-3.pcapng, rx-2.pcap, tx_1.pcap.gz (q, queue, rx or tx; optional - or _; the number). */
export const QUEUE_CAPTURE_NAME = /^(?:q|queue|rx|tx)[-_]?(\d{1,4})\.(?:pcap|pcapng|cap)(?:\.gz)?$/i;

/** The tx queue count a recorded configuration states: `ethtool -l`'s current TX or Combined, or sysfs's tx-N folders. */
function configTxQueues(config: Record<string, string>): number | undefined {
  for (const [label, text] of Object.entries(config)) {
    if (/ethtool -l/.test(label)) {
      const cur = text.split(/current hardware settings:/i)[1];
      if (cur) {
        const tx = Number(/^\s*TX:\s*(\d+)/m.exec(cur)?.[1] ?? 0);
        const combined = Number(/^\s*Combined:\s*(\d+)/m.exec(cur)?.[1] ?? 0);
        if (tx + combined > 0) return tx + combined;
      }
    }
  }
  for (const [label, text] of Object.entries(config)) {
    if (/queues/.test(label)) {
      const qs = new Set([...text.matchAll(/\btx-(\d+)\b/g)].map((m) => Number(m[1])));
      if (qs.size > 0) return Math.max(...qs) + 1;
    }
  }
  return undefined;
}

/** Which of a recorded run's counter sources is best: the order bestCounters uses. */
function manifestCounters(dir: string, m: RunManifest, opts: CounterReadOptions): { counters?: RunCounters; series?: CounterSeriesPoint[]; warnings: string[] } {
  const sets = m.counters.map((c) => ({ after: path.join(dir, c.after), before: path.join(dir, c.before) }));
  const best = bestCounters(sets, { ...opts, lenient: true });
  if (!best.counters) return best;
  const rec = m.counters[sets.findIndex((s) => s.after === best.counters!.files.after)];
  if (!rec?.series?.length) return best;
  const warnings = [...best.warnings];
  const series: CounterSeriesPoint[] = [];
  for (const p of rec.series) {
    const file = path.join(dir, p.file);
    try {
      series.push({ t: p.t, file, snap: readCounterFile(file, opts) });
    } catch (e) {
      warnings.push(`${file}: a snapshot of the time series not read (${errorMessage(e)})`);
    }
  }
  return { ...best, series: series.sort((a, b) => a.t - b.t), warnings };
}

function readManifestRun(dir: string, m: RunManifest, named: NamedRunFiles, opts: ReadRunOptions, out: RunInputs): void {
  for (const [label, rel] of Object.entries(m.config)) {
    try {
      out.config[label] = readInputText(path.join(dir, rel), 'config');
    } catch (e) {
      out.warnings.push(`configuration "${label}" not read: ${errorMessage(e)}`);
    }
  }
  out.txQueues = opts.txQueues ?? configTxQueues(out.config);
  const device = opts.device ?? m.device;
  if (!named.log) {
    const r = readRunLog(path.join(dir, m.log));
    if ('skipped' in r) out.warnings.push(`the run's log: ${r.skipped}`);
    else out.log = r;
  }
  if (!named.capture && m.capture) out.capture = path.join(dir, m.capture);
  if (!named.counters) {
    const c = manifestCounters(dir, m, { device, txQueues: out.txQueues });
    out.counters = c.counters;
    if (c.series) out.series = c.series;
    out.warnings.push(...c.warnings);
    if (m.counters.length === 0) out.warnings.push(`${path.join(dir, RUN_MANIFEST_NAME)}: no counters were recorded`);
  }
}

function readHandMadeRun(dir: string, named: NamedRunFiles, opts: ReadRunOptions, out: RunInputs): void {
  const files = listInputFiles(dir);
  if (!named.log) {
    const logs: RunLog[] = [];
    for (const n of logCandidates(files)) {
      const r = readRunLog(path.join(dir, n));
      if ('skipped' in r) { if (!/\.txt$/i.test(n)) out.warnings.push(`${r.skipped}; not read as the run's log`); } else logs.push(r);
    }
    const chosen = chooseRunLogs(logs, dir);
    out.log = chosen.log;
    out.peer = chosen.peer;
    out.warnings.push(...chosen.warnings);
  }
  if (!named.capture) {
    const caps = files.filter((n) => CAPTURE_NAME.test(n));
    const perQueue = caps.map((n) => ({ n, m: QUEUE_CAPTURE_NAME.exec(n) }));
    if (caps.length > 1 && perQueue.every((c) => c.m)) {
      const queues = perQueue.map((c) => ({ queue: Number(c.m![1]), file: path.join(dir, c.n) })).sort((a, b) => a.queue - b.queue);
      const dup = queues.find((q, i) => i > 0 && queues[i - 1].queue === q.queue);
      if (dup) throw new Error(`${dir}: two captures name queue ${dup.queue} (${caps.filter((n) => Number(QUEUE_CAPTURE_NAME.exec(n)![1]) === dup.queue).join(', ')})`);
      out.queueCaptures = queues;
    } else if (caps.length > 1) throw new Error(`${dir}: ${caps.length} captures (${caps.join(', ')}): name one with --capture`);
    if (caps[0] && !out.queueCaptures) out.capture = path.join(dir, caps[0]);
  }
  if (!named.counters) {
    const opt = { device: opts.device, txQueues: opts.txQueues };
    let found = bestCounters(counterCandidates(dir, ''), opt);
    const stem = out.log && path.resolve(path.dirname(out.log.file)) === path.resolve(dir) ? logStem(out.log.file) : '';
    if (!found.counters && stem) {
      const beside = bestCounters(counterCandidates(dir, stem), opt);
      found = beside.counters ? beside : { warnings: [...found.warnings, ...beside.warnings] };
    }
    out.counters = found.counters;
    out.warnings.push(...found.warnings);
  }
}

/**
 * Reads a run: a folder (recorded or hand-made), the parts named by the caller, or both (named parts win). Throws
 * with the file named when a part cannot be read; what was skipped is in `warnings`.
 */
export function readRun(dir: string | undefined, named: NamedRunFiles = {}, opts: ReadRunOptions = {}): RunInputs {
  const out: RunInputs = { config: {}, warnings: [] };
  if (opts.txQueues !== undefined) out.txQueues = opts.txQueues;
  // a log the caller named first: counters beside it are found by its name (X.tc.txt, tc/X.after.txt)
  if (named.log) {
    const r = readRunLog(named.log);
    if ('skipped' in r) throw new Error(r.skipped);
    out.log = r;
  }
  if (dir !== undefined) {
    out.dir = dir;
    const manifestFile = path.join(dir, RUN_MANIFEST_NAME);
    if (fs.existsSync(manifestFile)) {
      out.manifest = parseRunManifest(readInputText(manifestFile, 'manifest'), manifestFile);
      readManifestRun(dir, out.manifest, named, opts, out);
    } else readHandMadeRun(dir, named, opts, out);
  }
  if (named.capture) out.capture = named.capture;
  // counters the caller named are read as given: an error (no per-queue counters, a bad pair) says why they are unusable
  if (named.counters) out.counters = readCounterFiles(named.counters, { device: opts.device ?? out.manifest?.device, txQueues: out.txQueues });
  return out;
}
