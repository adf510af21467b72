import * as vscode from 'vscode';
import { errorMessage } from '../../core/text';
import { CaptureDocument } from '../documents/captureDocument';
import { SupersededError } from '../documents/latestJob';
import type { DocumentRegistry } from '../documents/registry';
import { log } from '../log';
import { documentPresets } from '../settings/documentPresets';
import { settings } from '../settings/settings';
import { captureView } from './captureView';
import { workspaceRelative } from './relativePaths';
import { postObserved } from './postObserved';
import { postQueueConfig } from './postQueueConfig';
import { spreadView } from './spreadView';
import { captureEditorHtml } from './webviewHtml';
import { WebviewSession } from './webviewSession';
import type { AnalysisService } from '../worker/analysisService';
import type { WebviewToHost } from '../../shared/protocol';

export const CAPTURE_VIEW_TYPE = 'queueLens.capture';
/** The same editor offered (not default) for *.cap, which other tools also use. */
export const CAPTURE_OPTION_VIEW_TYPE = 'queueLens.captureOption';

/** Read-only custom editor for pcap/pcapng(.gz): a webview fed through the typed protocol from the document's models. */
export class CaptureEditorProvider implements vscode.CustomReadonlyEditorProvider<CaptureDocument> {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly service: AnalysisService,
    private readonly registry: DocumentRegistry,
  ) {}

  openCustomDocument(uri: vscode.Uri): CaptureDocument {
    return new CaptureDocument(uri, this.service, settings().binMs);
  }

  resolveCustomEditor(document: CaptureDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    webview.options = {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(this.context.extensionUri, 'dist'),
        vscode.Uri.joinPath(this.context.extensionUri, 'media'),
      ],
    };
    // Read and spread in the worker while the page loads: 'ready' then finds the answer (or the job) in the document.
    document.spread().catch(() => undefined);
    document.observed().catch(() => undefined);
    webview.html = captureEditorHtml(webview, this.context.extensionUri, document.name);
    const session: WebviewSession = new WebviewSession(panel, document.name, (msg) => onPageMessage(msg, document, session));
    const subs: vscode.Disposable[] = [
      session,
      this.registry.track({ document, session }),
      ...onSpreadSettingsChange(document, () => showSpread(document, session)),
      document.onDidChangeOnDisk(() => showReport(document, session)),
    ];
    const unsubscribe = document.onProgress((bytesDone, bytesTotal) => session.post({ type: 'progress', bytesDone, bytesTotal }));
    panel.onDidDispose(() => {
      unsubscribe();
      subs.forEach((d) => d.dispose());
    });
  }
}

/** What the page asks for: its data after every (re)load, a stop to the read; it reports when it has drawn. */
function onPageMessage(msg: WebviewToHost, document: CaptureDocument, session: WebviewSession): void {
  switch (msg.type) {
    case 'ready':
      // Sent after every (re)load of the page, so the data is (re)sent each time.
      showReport(document, session);
      break;
    case 'cancel':
      document.cancel();
      break;
    case 'rendered':
      log.info(`${document.name}: rendered, ${msg.points} time bins`);
      break;
  }
}

/**
 * The capture as soon as it is read; its spread follows in its own message, so a slow or failed spread never holds back
 * or replaces the capture (chained, so the spread never arrives before the capture it belongs to).
 */
function showReport(document: CaptureDocument, session: WebviewSession): void {
  document.report().then(
    (report) => {
      session.post({ type: 'capture', capture: captureView(report, document.name, undefined, workspaceRelative) });
      void postQueueConfig(document, session);
      showSpread(document, session);
    },
    (e: unknown) => {
      // a superseded job: the newer request posts its own answer
      if (e instanceof SupersededError) return;
      const message = workspaceRelative(errorMessage(e)); // a file inside the workspace named as the Explorer shows it
      log.error(`${document.name}: ${message}`);
      session.post({ type: 'error', message, capture: true });
    },
  );
}

/** A new spread (another preset or settings): the measured queues' model column and the preset's fit follow it. */
function showSpread(document: CaptureDocument, session: WebviewSession): void {
  document.spread().then((spread) => {
    session.post({ type: 'spread', spread: spreadView(spread) });
    void postObserved(document, spread, session);
  }, (e: unknown) => {
    if (e instanceof SupersededError) return;
    const message = workspaceRelative(errorMessage(e));
    log.error(`${document.name}: spread: ${message}`);
    session.post({ type: 'spreadError', message });
  });
}

/** Calls `then` when the spread's inputs change: a Queue Lens setting, or this capture's own preset chosen or cleared. */
function onSpreadSettingsChange(document: CaptureDocument, then: () => void): vscode.Disposable[] {
  return [
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The spread is recomputed in the worker; the host only posts the answer.
      if (e.affectsConfiguration('queueLens')) then();
    }),
    ...(documentPresets() ? [documentPresets()!.onDidChange((uri) => {
      if (uri.toString() === document.uri.toString()) then();
    })] : []),
  ];
}
