// "→ q2 (measured)" after each stream's connect line of an iperf log whose run has per-queue counters beside it
// (qdisc-before/after.txt, X.tc.txt, ... as `queue-lens observed` finds them). Its own decoration type, placed after
// the model's annotation (src/extension/iperf/annotations.ts) so the two read side by side.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ObservedRunJson } from '../../core/analysis/observed/observeRun';
import { errorMessage } from '../../core/text';
import { parsedLog } from './parsedLogs';
import { log } from '../log';
import { measuredQueueText } from '../views/countersView';
import { measuredLines } from './measuredLines';
import { type AnalysisService, type Job, JobCancelledError } from '../worker/analysisService';

/** The measured annotation of one stream: its queue, or the queues it may be on. */
const measuredLabel = (s: { queue: number | null; candidates: readonly number[] }): string => `→ ${measuredQueueText(s)}`;

export class MeasuredAnnotations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('queueLens.annotationForeground'), margin: '0 0 0 1em', fontWeight: '600' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  /** One observed job per saved log (keyed by path): cancelled, its worker killed, when the log is saved again, edited or closed. */
  private readonly runs = new Map<string, { job: Job<ObservedRunJson>; result: Promise<ObservedRunJson | undefined> }>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly service: AnalysisService) {
    this.subscriptions.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
      vscode.workspace.onDidSaveTextDocument((d) => { this.stop(d.uri.fsPath); this.refreshAll(); }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length > 0) this.stop(e.document.uri.fsPath); }),
      vscode.workspace.onDidCloseTextDocument((d) => this.stop(d.uri.fsPath)),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('queueLens.annotations')) this.refreshAll(); }),
    );
    this.refreshAll();
  }

  refreshAll(): void {
    for (const e of vscode.window.visibleTextEditors) this.refresh(e);
  }

  /** The run this log belongs to, measured: undefined when no counters are beside it (or they cannot be matched). */
  observed(file: string): Promise<ObservedRunJson | undefined> {
    let r = this.runs.get(file);
    if (!r) {
      const job = this.service.run({ kind: 'observed', dir: path.dirname(file), files: { log: file } });
      r = {
        job,
        result: job.result.then((o) => o, (e: unknown) => {
          if (!(e instanceof JobCancelledError)) log.info(`${path.basename(file)}: no measured queues (${errorMessage(e)})`);
          return undefined;
        }),
      };
      this.runs.set(file, r);
    }
    return r.result;
  }

  /** Cancels the log's job (a no-op once it is done) and forgets its result. */
  private stop(file: string): void {
    this.runs.get(file)?.job.cancel();
    this.runs.delete(file);
  }

  private refresh(editor: vscode.TextEditor): void {
    const doc = editor.document;
    const enabled = vscode.workspace.getConfiguration('queueLens').get<boolean>('annotations.enabled', true);
    // the counters describe the file on disk: nothing while it is edited
    if (doc.languageId !== 'iperf' || doc.uri.scheme !== 'file' || doc.isDirty || !enabled) {
      editor.setDecorations(this.type, []);
      return;
    }
    const version = doc.version;
    void this.observed(doc.uri.fsPath).then((o) => {
      if (doc.version !== version) return;
      const parsed = parsedLog(doc);
      if (!o || !parsed.ok) { editor.setDecorations(this.type, []); return; }
      // by test and 4-tuple: a server log's streams all have local port 5201, and each test of a log has its own
      const out: vscode.DecorationOptions[] = [];
      for (const [line, s] of measuredLines(parsed.log, o.streams)) {
        if (line >= doc.lineCount) continue;
        const end = doc.lineAt(line).range.end;
        out.push({
          range: new vscode.Range(end, end),
          renderOptions: { after: { contentText: measuredLabel(s) } },
          hoverMessage: `Measured by ${o.counters.source} counters (${path.basename(o.counters.after)}${o.counters.before ? ` − ${path.basename(o.counters.before)}` : ''}): ` +
            `${o.busyQueues} of ${o.queues} queues busy; ${s.queue === null ? `the counters fit this stream on any of q${s.candidates.join(', q')}` : `every assignment that fits the counters puts this stream on q${s.queue}`}.`,
        });
      }
      editor.setDecorations(this.type, out);
    });
  }

  dispose(): void {
    for (const file of [...this.runs.keys()]) this.stop(file);
    for (const s of this.subscriptions) s.dispose();
    this.type.dispose();
    this.runs.clear();
  }
}
