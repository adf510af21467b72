import * as path from 'node:path';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { Correlation } from '../../core/analysis/correlate/correlate';
import type { ObservedRunJson } from '../../core/analysis/observed/observeRun';
import type { ConfigJson } from '../../core/config/report';
import { queuesFromInputs } from '../../core/config/configJson';
import { runPresetFit, RunPresetFit } from '../../core/analysis/observed/presetFit';
import { errorMessage } from '../../core/text';
import type { CounterFiles } from '../../core/runs/counterFiles';
import type { FlowReport } from '../../core/flows';
import type { ExportModel, SpreadResult } from '../../core/export/model';
import { loadSettings } from '../settings/settings';
import { workspaceRelative } from '../views/relativePaths';
import { type AnalysisService, type Job, JobCancelledError } from '../worker/analysisService';
import { captureSpreadFlows } from './captureFlows';
import type { QueueLensDocument } from './registry';
import { SpreadJob } from './spreadJob';

type ProgressListener = (bytesDone: number, bytesTotal: number) => void;

/**
 * A capture opened in the custom editor, and the owner of its models: the core FlowReport (read once by the
 * worker, on first demand, shared by every panel showing the document), the queue spread for the current
 * settings, and the last correlation with an iperf log. Read-only.
 */
/** observeRun's message when a capture's folder holds no counter snapshot at all (nothing skipped). */
// the run reader may add what it skipped in parentheses ("… found (x.log: no iperf streams in it; …)")
const NO_COUNTERS = /no per-queue counter snapshots found(?: \(.*\))?$/s;

export class CaptureDocument implements vscode.CustomDocument, QueueLensDocument {
  private analysis?: Job<FlowReport>;
  /** Bumped whenever the report is read again, so spreads of the old flows are not reused. */
  private generation = 0;
  private readonly spreads: SpreadJob;
  private correlation?: Correlation;
  /** The run's measured queues (counters beside the capture, or chosen): undefined = not asked yet. */
  private observedRun?: Promise<ObservedRunJson | undefined>;
  /** The observed job in flight: cancelled (its worker process killed) when the document closes or changes. */
  private observedJob?: Job<ObservedRunJson>;
  private configRun?: Promise<ConfigJson | undefined>;
  private counters?: CounterFiles;
  private readonly listeners = new Set<ProgressListener>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly watcher: vscode.FileSystemWatcher;
  private debounce?: NodeJS.Timeout;
  /** Fires (debounced) after the file changed on disk; the next report() reads it again. */
  readonly onDidChangeOnDisk = this.changed.event;

  constructor(readonly uri: vscode.Uri, private readonly service: AnalysisService, private readonly binMs: number) {
    this.spreads = new SpreadJob(service);
    const folder = vscode.Uri.joinPath(uri, '..');
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, this.name), true, false, true);
    this.watcher.onDidChange(() => {
      // A capture still being written changes often: re-read once it has been quiet for a second.
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => {
        this.forget();
        this.changed.fire();
      }, 1000);
    });
  }

  get presetScope(): vscode.Uri {
    return this.uri;
  }

  get location(): vscode.Uri {
    return vscode.Uri.joinPath(this.uri, '..');
  }

  get name(): string {
    return this.uri.path.split('/').pop() ?? this.uri.path;
  }

  /** Subscribes to read progress; returns the unsubscribe function. */
  onProgress(listener: ProgressListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The flow report; the first call starts the worker and a cancellable progress notification. */
  report(): Promise<FlowReport> {
    if (!this.analysis) {
      const job = this.service.run({ kind: 'report', paths: [this.uri.fsPath], binMs: this.binMs }, (done, total) => {
        for (const l of this.listeners) l(done, total);
      });
      this.analysis = job;
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Queue Lens: reading ${this.name}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => { if (this.analysis === job) this.cancel(); });
          let shown = 0;
          const stop = this.onProgress((done, total) => {
            const pct = total > 0 ? (100 * done) / total : 0;
            progress.report({ increment: pct - shown, message: `${Math.round(pct)} %` });
            shown = pct;
          });
          await job.result.catch(() => undefined);
          stop();
        },
      );
    }
    return this.analysis.result;
  }

  /** The queue spread of the capture's data flows under the current settings (computed in the worker). */
  async spread(): Promise<SpreadResult> {
    const generation = this.generation;
    const [report, s] = await Promise.all([this.report(), loadSettings(this.uri)]);
    const { flows, note } = captureSpreadFlows(report, s.tunnelHashing);
    return this.spreads.get(this.name, flows, s, note, generation);
  }

  /** Matches an iperf log to this capture's flows (tunnel fields included) in the worker; the result is kept for export. */
  async correlate(logFile: string): Promise<Correlation> {
    const report = await this.report();
    const flows = report.flows.map(({ series: _series, ...flow }) => flow);
    const result = await this.service.run({ kind: 'correlate', capture: { file: this.name, start: report.start, duration: report.duration, flows }, logPath: logFile, logName: path.basename(logFile) }).result;
    this.correlation = result;
    return result;
  }

  /** The run folder's queue configuration (its config/, as `queue-lens config DIR/config --json`), when it has one. */
  queueConfig(): Promise<ConfigJson | undefined> {
    const dir = path.join(path.dirname(this.uri.fsPath), 'config');
    this.configRun ??= fs.promises.stat(dir).then(
      (st) => {
        if (!st.isDirectory()) return undefined;
        // a run folder named for its queue count (q5-…) is the N the user assumed: the view warns if it disagrees
        const named = queuesFromInputs([path.dirname(this.uri.fsPath)]);
        return this.service.run({ kind: 'config', inputs: [dir], ...(named === undefined ? {} : { userQueues: named }) }).result;
      },
      () => undefined,
    );
    return this.configRun;
  }

  /**
   * Which queue each stream of the run used, measured from per-queue counters beside the capture (as `queue-lens
   * observed` finds them) or chosen with `useCounters`; undefined when there are none. Matched in the worker.
   */
  observed(): Promise<ObservedRunJson | undefined> {
    if (this.observedRun) return this.observedRun;
    const job = this.service.run({
      kind: 'observed', dir: path.dirname(this.uri.fsPath), files: { capture: this.uri.fsPath, ...(this.counters ? { counters: this.counters } : {}) },
    });
    this.observedJob = job;
    this.observedRun = job.result.finally(() => { if (this.observedJob === job) this.observedJob = undefined; }).catch((e: unknown) => {
      // no counters beside the capture is the usual case and says nothing; counters that could not be read, a
      // worker that died (out of memory, a fatal V8 error) are shown, naming the file
      if (e instanceof JobCancelledError) return undefined; // the document changed or closed
      if (this.counters || !(e instanceof Error) || !NO_COUNTERS.test(e.message)) throw e;
      return undefined;
    });
    return this.observedRun;
  }

  /**
   * The run's measured queues with the capture's preset checked against them (observed/presetFit.ts, as `queue-lens
   * observed --preset` does): `presetFit` only for an exact preset; a preset that cannot be applied at the run's
   * queue count is a warning. Undefined without counters.
   */
  async observedFit(): Promise<(ObservedRunJson & { presetFit?: RunPresetFit }) | undefined> {
    const o = await this.observed();
    if (!o) return undefined;
    const s = await loadSettings(this.uri);
    try {
      const presetFit = runPresetFit(o, s.preset, s.presetOptions);
      return presetFit ? { ...o, presetFit } : o;
    } catch (e) {
      return { ...o, warnings: [...o.warnings, `preset ${s.preset} not checked against the counters: ${errorMessage(e)}`] };
    }
  }

  /** Counters chosen for this capture's run (instead of the ones beside it). */
  useCounters(files: CounterFiles): void {
    this.counters = files;
    this.stopObserved();
  }

  async exportModel(): Promise<ExportModel> {
    const capture = await this.report();
    // a spread the settings do not allow (say, a table naming queue 9 of 8) leaves the rest exportable
    const spread = await this.spread().catch(() => undefined);
    const observed = await this.observedFit().catch(() => undefined);
    // paths as the Explorer shows them: workspace-relative inside the workspace, else in full
    const relative = { ...capture, warnings: capture.warnings.map(workspaceRelative) };
    return {
      name: this.name, source: workspaceRelative(this.uri.fsPath), capture: relative, spread, correlation: this.correlation,
      ...(observed ? { observed: { ...observed, warnings: observed.warnings.map(workspaceRelative) } } : {}),
    };
  }

  /** Stops a read in progress (the next report() starts again). */
  cancel(): void {
    this.forget();
  }

  private forget(): void {
    this.analysis?.cancel();
    this.analysis = undefined;
    this.generation++;
    this.spreads.clear();
    this.correlation = undefined;
    this.stopObserved();
  }

  private stopObserved(): void {
    this.observedJob?.cancel();
    this.observedJob = undefined;
    this.observedRun = undefined;
    this.configRun = undefined;
  }

  /** Closing the last editor of a capture stops its worker. */
  dispose(): void {
    clearTimeout(this.debounce);
    this.forget();
    this.listeners.clear();
    this.watcher.dispose();
    this.changed.dispose();
  }
}
