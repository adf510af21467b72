/**
 * `run.json`, the manifest `queue-lens record` writes into a run folder: what ran, on which device, when, and every
 * file it recorded — or could not record, and why. A recorded folder is read by its manifest, never guessed.
 * Paths inside are relative to the run folder and must stay inside it.
 */
import * as path from 'node:path';
import { errorMessage } from '../text';

export const RUN_MANIFEST_FORMAT = 'queue-lens-run/1';
export const RUN_MANIFEST_NAME = 'run.json';

/** A counter source snapshotted before and after COMMAND (and every `interval` seconds with --interval). */
export interface RecordedCounters {
  /** The counters reader's source name: 'tc-qdisc', 'tc-class', 'ethtool', 'interrupts', 'qstats'. */
  source: string;
  before: string;
  after: string;
  /** With --interval: the snapshots in time order, each with its seconds since `start`. */
  series?: { t: number; file: string }[];
}

/** Something `record` tried and could not record, with the reason (no root, tool missing, device has none). */
export interface NotRecorded {
  what: string;
  reason: string;
}

export type TraceStatus =
  | {
    recorded: true; file: string; program: string; netns?: string; droppedLines?: number;
    /**
     * Times the kernel skipped the tracer's programs (their recursion_misses: a tracepoint that fired while another
     * BPF tracing program ran on that CPU). 0 = every packet was counted; more = the trace undercounts by that many
     * skbs (their queue choice is still the one traced for the flow).
     */
    missedEvents?: number;
  }
  | { recorded: false; reason: string };

export interface RunManifest {
  format: typeof RUN_MANIFEST_FORMAT;
  /** argv of the command the user gave after `--`, exactly as run. */
  command: string[];
  device: string;
  /** The network namespace `record` ran in ('' = the caller's). */
  netns: string;
  /** ISO 8601 times around COMMAND. */
  start: string;
  end: string;
  exitCode: number | null;
  /** COMMAND's signal when it was killed (exitCode null). */
  signal?: string;
  /** COMMAND's standard output (the run's log) and standard error. */
  log: string;
  stderr?: string;
  /** Tool name → its version line, for every tool used. */
  tools: Record<string, string>;
  trace: TraceStatus;
  counters: RecordedCounters[];
  /** Configuration snapshots: a label ('ethtool -l', 'xps_cpus', 'uname -r', ...) → file. */
  config: Record<string, string>;
  /** Headers-only capture of the device (--capture). */
  capture?: string;
  notRecorded: NotRecorded[];
}

/** A manifest that is not one, with the reason; names the file. */
class RunManifestError extends Error {
  override readonly name = 'RunManifestError';
  constructor(readonly file: string, detail: string) {
    super(`${file}: ${detail}`);
  }
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A relative path that stays inside the run folder. */
function inside(file: string, field: string, v: unknown): string {
  if (!isStr(v) || v === '' || path.isAbsolute(v) || path.normalize(v).split(/[\\/]/)[0] === '..') {
    throw new RunManifestError(file, `${field} must be a relative path inside the run folder`);
  }
  return v;
}

/** Parses and checks a manifest's text; throws RunManifestError naming the file and the field. */
export function parseRunManifest(text: string, file: string): RunManifest {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new RunManifestError(file, `not JSON (${errorMessage(e)})`);
  }
  if (!isObj(v) || v.format !== RUN_MANIFEST_FORMAT) throw new RunManifestError(file, `not a Queue Lens run manifest (format is not "${RUN_MANIFEST_FORMAT}")`);
  if (!Array.isArray(v.command) || !v.command.every(isStr)) throw new RunManifestError(file, 'command must be an array of strings');
  for (const k of ['device', 'netns', 'start', 'end'] as const) if (!isStr(v[k])) throw new RunManifestError(file, `${k} must be a string`);
  if (!(v.exitCode === null || Number.isInteger(v.exitCode))) throw new RunManifestError(file, 'exitCode must be an integer or null');
  const trace = v.trace;
  if (!isObj(trace) || typeof trace.recorded !== 'boolean') throw new RunManifestError(file, 'trace must be {recorded: true|false, ...}');
  if (trace.recorded) {
    inside(file, 'trace.file', trace.file);
    if (trace.missedEvents !== undefined && !(Number.isInteger(trace.missedEvents) && (trace.missedEvents as number) >= 0)) {
      throw new RunManifestError(file, 'trace.missedEvents must be a non-negative integer');
    }
  }
  else if (!isStr(trace.reason)) throw new RunManifestError(file, 'trace.reason must say why there is no trace');
  if (!Array.isArray(v.counters)) throw new RunManifestError(file, 'counters must be an array');
  v.counters.forEach((c: unknown, i: number) => {
    if (!isObj(c) || !isStr(c.source)) throw new RunManifestError(file, `counters[${i}].source must be a string`);
    inside(file, `counters[${i}].before`, c.before);
    inside(file, `counters[${i}].after`, c.after);
    if (c.series !== undefined) {
      if (!Array.isArray(c.series)) throw new RunManifestError(file, `counters[${i}].series must be an array`);
      c.series.forEach((s: unknown, j: number) => {
        if (!isObj(s) || typeof s.t !== 'number') throw new RunManifestError(file, `counters[${i}].series[${j}].t must be a number`);
        inside(file, `counters[${i}].series[${j}].file`, s.file);
      });
    }
  });
  if (!isObj(v.config)) throw new RunManifestError(file, 'config must be an object');
  for (const [k, f] of Object.entries(v.config)) inside(file, `config["${k}"]`, f);
  inside(file, 'log', v.log);
  if (v.stderr !== undefined) inside(file, 'stderr', v.stderr);
  if (v.capture !== undefined) inside(file, 'capture', v.capture);
  if (!isObj(v.tools) || !Object.values(v.tools).every(isStr)) throw new RunManifestError(file, 'tools must map names to version strings');
  if (!Array.isArray(v.notRecorded) || !v.notRecorded.every((n) => isObj(n) && isStr(n.what) && isStr(n.reason))) {
    throw new RunManifestError(file, 'notRecorded must be [{what, reason}]');
  }
  return v as unknown as RunManifest;
}
