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

  constructor(readonly uri: vscode.Uri, private readonly extensionPath: string, private readonly binMs: number) {}

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

  /** Closing the last editor of a capture stops its worker. */
  dispose(): void {
    this.cancelAnalysis?.();
    this.listeners.clear();
  }
}
