import * as vscode from 'vscode';
import type { FlowReport } from '../core/capture';
import { analyseInWorker } from './captureAnalysis';

type ProgressListener = (bytesDone: number, bytesTotal: number) => void;

/**
 * A capture opened in the custom editor. Read-only: the file is streamed by the worker once,
 * on first demand, and every panel showing this document shares the result and its progress.
 */
export class CaptureDocument implements vscode.CustomDocument {
  private analysis?: Promise<FlowReport>;
  private cancelAnalysis?: () => void;
  private readonly listeners = new Set<ProgressListener>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly watcher: vscode.FileSystemWatcher;
  private debounce?: NodeJS.Timeout;
  /** Fires (debounced) after the file changed on disk; the next report() reads it again. */
  readonly onDidChangeOnDisk = this.changed.event;

  constructor(readonly uri: vscode.Uri, private readonly extensionPath: string, private readonly binMs: number) {
    const folder = vscode.Uri.joinPath(uri, '..');
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, this.fileName), true, false, true);
    this.watcher.onDidChange(() => {
      // A capture still being written changes often: re-read once it has been quiet for a second.
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => {
        this.cancelAnalysis?.();
        this.analysis = undefined;
        this.changed.fire();
      }, 1000);
    });
  }

  get fileName(): string {
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
      const handle = analyseInWorker(this.extensionPath, { paths: [this.uri.fsPath], binMs: this.binMs }, (done, total) => {
        for (const l of this.listeners) l(done, total);
      });
      this.cancelAnalysis = handle.cancel;
      this.analysis = handle.result;
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Queue Lens: reading ${this.fileName}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => handle.cancel());
          let shown = 0;
          const stop = this.onProgress((done, total) => {
            const pct = total > 0 ? (100 * done) / total : 0;
            progress.report({ increment: pct - shown, message: `${Math.round(pct)} %` });
            shown = pct;
          });
          await handle.result.catch(() => undefined);
          stop();
        },
      );
    }
    return this.analysis;
  }

  /** Stops a read in progress (the next report() starts again). */
  cancel(): void {
    this.cancelAnalysis?.();
    this.analysis = undefined;
  }

  /** Closing the last editor of a capture stops its worker. */
  dispose(): void {
    clearTimeout(this.debounce);
    this.cancelAnalysis?.();
    this.listeners.clear();
    this.watcher.dispose();
    this.changed.dispose();
  }
}
