import * as vscode from 'vscode';
import { CaptureDocument } from './captureDocument';
import type { ExportModel } from '../../core/export/model';
import type { WebviewSession } from '../views/webviewSession';

/** A model Queue Lens shows in a webview: a capture, a sweep of a folder, or the spread of some flows. */
export interface QueueLensDocument {
  /** Base name of the capture or folder, or the panel's title. */
  readonly name: string;
  /** The folder the input lives in (the capture's folder, the sweep folder): where reports go by default. */
  readonly location?: vscode.Uri;
  /** The capture file or sweep folder whose own preset (workspace state) this document uses, if it can have one. */
  readonly presetScope?: vscode.Uri;
  /** The core models to export, computed for the current settings if need be. */
  exportModel(): Promise<ExportModel>;
}

/** One open webview and the document it shows. */
export interface OpenView<D extends QueueLensDocument = QueueLensDocument> {
  document: D;
  session: WebviewSession;
}

/**
 * Which document the user looks at now: every capture editor and panel registers here with its document, and the
 * panel's view state (focus) makes it the active one. Commands (export, correlate) ask this registry for the active
 * document's models; the `queueLens.reportAvailable` context key follows it.
 */
export class DocumentRegistry implements vscode.Disposable {
  private readonly views = new Set<OpenView>();
  private current: OpenView | undefined;
  private readonly activeChanged = new vscode.EventEmitter<OpenView | undefined>();
  /** Fires when another view (or none) becomes the active one. */
  readonly onDidChangeActive = this.activeChanged.event;

  /** Every open view (the status bar shows a preset while there is one). */
  all(): readonly OpenView[] {
    return [...this.views];
  }

  /** Registers an open view until the returned disposable is disposed (with its panel). */
  track(view: OpenView): vscode.Disposable {
    this.views.add(view);
    const update = (): void => {
      if (view.session.panel.active) this.setActive(view);
      else if (this.current === view) this.setActive(undefined);
    };
    const sub = view.session.panel.onDidChangeViewState(update);
    update();
    return new vscode.Disposable(() => {
      sub.dispose();
      this.views.delete(view);
      if (this.current === view) this.setActive(undefined);
    });
  }

  /** The view whose panel has focus, if it is one of ours. */
  active(): OpenView | undefined {
    return this.current;
  }

  /** The active view when its document is of this class. */
  activeOf<D extends QueueLensDocument>(kind: abstract new (...args: never[]) => D): OpenView<D> | undefined {
    const v = this.current;
    return v && v.document instanceof kind ? (v as OpenView<D>) : undefined;
  }

  private setActive(view: OpenView | undefined): void {
    this.current = view;
    void vscode.commands.executeCommand('setContext', 'queueLens.reportAvailable', !!view);
    // Correlate works on a capture only: the command is offered where one is active
    void vscode.commands.executeCommand('setContext', 'queueLens.captureActive', view?.document instanceof CaptureDocument);
    this.activeChanged.fire(view);
  }

  dispose(): void {
    this.views.clear();
    this.current = undefined;
    this.activeChanged.dispose();
  }
}
