// What an export reads: the core models a document owns, never what a webview was last sent.
import type { Correlation } from '../analysis/correlate/correlate';
import type { QueueSpread, SpreadFlow } from '../analysis/spread/queueSpread';
import type { SweepReport } from '../analysis/sweep/sweep';
import type { FlowReport } from '../flows/report';
import type { ObservedRunJson } from '../analysis/observed/observeRun';
import type { RunPresetFit } from '../analysis/observed/presetFit';

/** A queue spread together with the flows it was computed for (same order as its rows' assignments). */
export interface SpreadResult {
  title: string;
  flows: SpreadFlow[];
  spread: QueueSpread;
  /** What was left out, said plainly (e.g. flows under 1 % of the bytes). */
  note?: string;
  /** Settings problems to show (unknown preset, unreadable table file…). */
  problems: string[];
}

/** Compare Queue Counts: the sweep of a folder and what the loader skipped. */
export interface SweepResult {
  title: string;
  report: SweepReport;
  /** Files skipped by the loader, the sweep's own warnings and settings problems. */
  warnings: string[];
}

/** Everything one document can export. */
export interface ExportModel {
  /** The capture's base name, or the panel's title: names the exported files. */
  name: string;
  /** The input's path as the user knows it (workspace-relative inside the workspace, else in full); heads the report. */
  source?: string;
  capture?: FlowReport;
  /**
   * The run's measured queues (`queue-lens observed --json`), with the exact preset checked against them
   * (`presetFit`, as `queue-lens observed --preset` gives it).
   */
  observed?: ObservedRunJson & { presetFit?: RunPresetFit };
  spread?: SpreadResult;
  sweep?: SweepResult;
  correlation?: Correlation;
}
