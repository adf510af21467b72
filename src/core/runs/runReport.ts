/**
 * What the run view shows of a recorded (or hand-made) run folder, read once by readRun: the manifest's facts, the
 * measured queue of each flow (`queue-lens observed DIR --json`, the very same object), the log's summary, the
 * per-queue counters and, when recorded with --interval, each queue's rate over time. Everything here is measured
 * (trace, counters, log) except what the observed spread's modelCheck marks as the model's. Reads data; runs nothing.
 */
import * as path from 'node:path';
import { observeTraceWithConfig, ObservedTraceCliJson } from '../analysis/queueCpu/tracedObserved';
import { observeRunInputs, ObservedRunJson } from '../analysis/observed/observeRun';
import { observeCaptureQueues, ObservedCaptureQueuesJson } from '../analysis/observed/fromCaptureQueues';
import { runThroughput, RunThroughput } from '../analysis/sweep/sweepInput';
import type { CounterSnapshot, QueueCounter } from '../counters';
import type { IperfDirection, IperfFormat, IperfProtocol, IperfSide, IperfTool } from '../iperf/model';
import type { NotRecorded, TraceStatus } from './manifest';
import { readRun, RunInputs } from './readRun';
import { runTest } from './runLogs';
import { errorMessage } from '../text';

export interface RunReport {
  dir: string;
  /** From run.json; null for a hand-made folder. */
  recorded: {
    command: string[]; device: string; netns: string; start: string; end: string; exitCode: number | null; signal?: string;
    tools: Record<string, string>; trace: TraceStatus; notRecorded: NotRecorded[];
  } | null;
  /**
   * Exactly what `queue-lens observed DIR --json` prints: from the trace when the run recorded one (every flow's
   * queue as the kernel chose it, with the model check), else from the counters; null with `observedError` when the
   * run cannot be matched.
   */
  observed: ObservedRunJson | ObservedTraceCliJson | ObservedCaptureQueuesJson | null;
  observedError?: string;
  /** The run's log: whose it is, and its totals (measured by iperf). */
  log: {
    file: string; side: IperfSide; tool: IperfTool; format: IperfFormat; version?: string; protocol: IperfProtocol;
    direction: IperfDirection; streams: number; throughput: RunThroughput; peer?: string;
  } | null;
  /** The per-queue counters matched (after − before), as read. */
  counters: {
    source: CounterSnapshot['source']; device: string | null; naming: string | null; unit: CounterSnapshot['unit'];
    after: string; before: string | null; tx: QueueCounter[]; rx: QueueCounter[];
  } | null;
  /** `record --interval`: each tx queue's rate between consecutive snapshots (bits/s, measured by the counters). */
  series: { source: CounterSnapshot['source']; t: number[]; queues: number; bitsPerSecond: Array<Array<number | null>> } | null;
  warnings: string[];
}

/** Per tx queue, bits/s between consecutive snapshots (before at t = 0, the series, after at the run's end). */
function rateSeries(run: RunInputs): RunReport['series'] {
  const c = run.counters;
  if (!c || !run.series?.length || !run.manifest) return null;
  const dur = (Date.parse(run.manifest.end) - Date.parse(run.manifest.start)) / 1000;
  const points: Array<{ t: number; tx: QueueCounter[] }> = [];
  if (c.snaps.before) points.push({ t: 0, tx: c.snaps.before.tx });
  for (const p of run.series) points.push({ t: p.t, tx: p.snap.tx });
  if (Number.isFinite(dur) && dur > points[points.length - 1].t) points.push({ t: dur, tx: c.snaps.after.tx });
  const n = Math.max(...points.map((p) => p.tx.length));
  const t: number[] = [];
  const bps: Array<Array<number | null>> = Array.from({ length: n }, () => []);
  for (let i = 1; i < points.length; i++) {
    const dt = points[i].t - points[i - 1].t;
    if (!(dt > 0)) continue;
    t.push(points[i].t);
    for (let q = 0; q < n; q++) {
      const a = points[i].tx[q]?.bytes;
      const b = points[i - 1].tx[q]?.bytes;
      // a counter that went down (reset) or is missing has no rate there
      bps[q].push(a == null || b == null || a < b ? null : ((a - b) * 8) / dt);
    }
  }
  return t.length ? { source: c.delta.source, t, queues: n, bitsPerSecond: bps } : null;
}

/** The run view's model of a folder (read once). */
export async function runReport(dir: string): Promise<RunReport> {
  const run = readRun(dir);
  let observed: ObservedRunJson | ObservedTraceCliJson | ObservedCaptureQueuesJson | null = null;
  let observedError: string | undefined;
  try {
    // the CLI's order: a recorded trace answers exactly; the counters only without one
    // then a capture that says each packet's queue (epb_queue, one capture per queue); then the counters
    observed = run.manifest?.trace.recorded ? observeTraceWithConfig(dir, run.manifest, { run }) : (await observeCaptureQueues(run)) ?? await observeRunInputs(run);
  } catch (e) {
    observedError = errorMessage(e);
  }
  const m = run.manifest;
  const test = run.log ? runTest(run.log.log) : undefined;
  const c = run.counters;
  const out: RunReport = {
    dir,
    recorded: m ? {
      command: m.command, device: m.device, netns: m.netns, start: m.start, end: m.end, exitCode: m.exitCode,
      ...(m.signal ? { signal: m.signal } : {}), tools: m.tools, trace: m.trace, notRecorded: m.notRecorded,
    } : null,
    observed,
    log: run.log && test ? {
      file: path.relative(dir, run.log.file) || path.basename(run.log.file), side: run.log.side, tool: run.log.log.tool, format: run.log.log.format,
      ...(run.log.log.version ? { version: run.log.log.version } : {}), protocol: test.protocol, direction: test.direction,
      streams: test.streams.length, throughput: runThroughput(test), ...(run.peer ? { peer: path.relative(dir, run.peer.file) } : {}),
    } : null,
    counters: c ? {
      source: c.delta.source, device: c.delta.device, naming: c.delta.naming ?? null, unit: c.delta.unit,
      after: path.relative(dir, c.files.after), before: c.files.before ? path.relative(dir, c.files.before) : null, tx: c.delta.tx, rx: c.delta.rx,
    } : null,
    series: rateSeries(run),
    // observed carries the reader's warnings when it succeeded
    warnings: observed ? [] : run.warnings,
  };
  if (observedError !== undefined) out.observedError = observedError;
  return out;
}
