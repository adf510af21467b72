// The analysis worker's typed protocol. One job per worker process: the host posts one `run`, may post one
// `cancel`, and the worker answers with `progress` messages and then exactly one `done` or `failed`.
import type { Correlation, CorrelateCapture } from '../../core/analysis/correlate/correlate';
import type { QueueSpread, SpreadFlow } from '../../core/analysis/spread/queueSpread';
import type { SweepReport } from '../../core/analysis/sweep/sweep';
import type { CompareReport } from '../../core/analysis/compare/compareModel';
import type { ThroughputModel } from '../../core/analysis/odds/throughput';
import type { FlowReport } from '../../core/flows/report';
import type { PlanRequest, PlanResult, PresetName, PresetOptions } from '../../core/hashing';
import type { ObservedRunJson, RunFiles } from '../../core/analysis/observed/observeRun';
import type { CountersResult } from './countersJob';
import type { ConfigJson } from '../../core/config/report';
import type { RunReport } from '../../core/runs/runReport';
import type { PresetSuggestion } from '../settings/suggest';

/** The hashing settings every modelling job needs. */
interface PresetSettings {
  preset: PresetName;
  presetOptions: PresetOptions;
  model: ThroughputModel;
}

/** Each job: what the host sends and what the worker answers. */
interface AnalysisJobs {
  /** Read captures (merged by time) into a flow report; reports progress. */
  report: { request: { paths: string[]; binMs: number }; result: FlowReport };
  /** The queue view of these flows for n = 1..maxQueues. */
  spread: { request: PresetSettings & { flows: SpreadFlow[]; maxQueues: number }; result: QueueSpread };
  /** Compare Queue Counts: load a folder of runs and sweep it against the model. */
  sweep: { request: PresetSettings & { dir: string }; result: { report: SweepReport; loaderWarnings: string[] } };
  /** Compare Two Run Sets: two folders of runs, B against A (`queue-lens compare A B --json` without its dirs). */
  compare: { request: { dirA: string; dirB: string; preset: PresetName; presetOptions: PresetOptions }; result: CompareReport };
  /** Match an iperf log (read by the worker) to a capture's flows. */
  correlate: { request: { capture: CorrelateCapture; logPath: string; logName: string }; result: Correlation };
  /** Source ports that spread k flows evenly. */
  plan: { request: PlanRequest; result: PlanResult };
  /** Per-queue counters of one snapshot, or after − before (`queue-lens counters --json`). */
  counters: { request: { after: string; before?: string }; result: CountersResult };
  /** A run's streams matched to its per-queue counters (`queue-lens observed --json`): dir, or named files, or both. */
  observed: { request: { dir?: string; files: RunFiles }; result: ObservedRunJson };
  /** A run's queue configuration: how many queues and why, queue → interrupt → CPU (`queue-lens config --json`). */
  config: { request: { inputs: string[]; userQueues?: number }; result: ConfigJson };
  /** A recorded run folder read once for the run view (its observed part is `queue-lens observed DIR --json`). */
  run: { request: { dir: string }; result: RunReport };
  /**
   * The preset picker's OS hint read from files: a capture's pcapng Section Header Block, else `sender`'s TTL among
   * its first 10 000 packets; or a sweep folder's first iperf log that names its OS (settings/suggestFor.ts).
   */
  presetHint: { request: { capture: string; sender?: string } | { folder: string }; result: PresetSuggestion | undefined };
}

export type JobKind = keyof AnalysisJobs;
export type JobRequest<K extends JobKind = JobKind> = { [P in K]: { kind: P } & AnalysisJobs[P]['request'] }[K];
export type JobResult<K extends JobKind> = AnalysisJobs[K]['result'];

export type HostToWorker =
  | { type: 'run'; id: number; request: JobRequest }
  | { type: 'cancel'; id: number };

export type WorkerToHost =
  | { type: 'progress'; id: number; bytesDone: number; bytesTotal: number }
  | { type: 'done'; id: number; result: unknown }
  | { type: 'failed'; id: number; message: string; aborted: boolean };
