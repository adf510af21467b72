import * as vscode from 'vscode';
import type { FlowReport } from '../core/capture';
import { CaptureView, HostToWebview, parseWebviewMessage } from '../shared/protocol';
import { CaptureDocument } from './captureDocument';
import { log } from './log';
import { settings } from './settings';
import { captureEditorHtml } from './webviewHtml';
import { captureSeries, captureSpreadFlows, spreadView } from './spreadView';
import { LINK_TYPE_NAMES } from '../core/capture/linkTypes';

export const CAPTURE_VIEW_TYPE = 'queueLens.capture';

/** Read-only custom editor for pcap/pcapng(.gz): a webview fed through the typed protocol. */
export class CaptureEditorProvider implements vscode.CustomReadonlyEditorProvider<CaptureDocument> {
  constructor(private readonly context: vscode.ExtensionContext) {}

  openCustomDocument(uri: vscode.Uri): CaptureDocument {
    return new CaptureDocument(uri, this.context.extensionPath, settings().binMs);
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
    webview.html = captureEditorHtml(webview, this.context.extensionUri, document.fileName);
    const post = (m: HostToWebview): void => void webview.postMessage(m);
    const disposables: vscode.Disposable[] = [];
    const unsubscribe = document.onProgress((bytesDone, bytesTotal) => post({ type: 'progress', bytesDone, bytesTotal }));

    disposables.push(
      webview.onDidReceiveMessage((raw: unknown) => {
        const msg = parseWebviewMessage(raw);
        if (!msg) {
          log.warn(`ignored an invalid message from the ${document.fileName} webview`);
          return;
        }
        switch (msg.type) {
          case 'ready':
            // Sent after every (re)load of the page, so the data is (re)sent each time.
            document.report().then(
              (report) => post({ type: 'capture', capture: toView(report, document.fileName) }),
              (e: unknown) => {
                const message = e instanceof Error ? e.message : String(e);
                log.error(message);
                post({ type: 'error', message });
              },
            );
            break;
          case 'cancel':
            document.dispose();
            break;
          case 'rendered':
            log.info(`${document.fileName}: chart rendered with ${msg.points} points`);
            break;
        }
      }),
    );
    disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('queueLens')) return;
        void document.report().then((report) => {
          const { flows, note } = captureSpreadFlows(report);
          post({ type: 'spread', spread: spreadView(document.fileName, flows, settings(), note) });
        }, () => undefined);
      }),
    );
    panel.onDidDispose(() => {
      unsubscribe();
      for (const d of disposables) d.dispose();
    });
  }
}

/** The part of a flow report the webview shows: no paths, nothing it does not draw. */
function toView(report: FlowReport, fileName: string): CaptureView {
  const { flows, note } = captureSpreadFlows(report);
  return {
    spread: spreadView(fileName, flows, settings(), note),
    series: captureSeries(report),
    interfaces: report.interfaces.map((i) => ({ name: i.name, linkType: i.linkType, drops: i.drops })),
    linkTypeNames: report.linkTypes.map((t) => `${LINK_TYPE_NAMES[t] ?? 'unknown'} (${t})`),
    fileName,
    format: report.format,
    linkTypes: report.linkTypes,
    packets: report.packets,
    bytes: report.bytes,
    start: report.start,
    duration: report.duration,
    binMs: report.binMs,
    timeline: report.timeline,
    flows: report.flows.map((f) => ({ proto: f.proto, a: f.a, b: f.b, aToB: f.aToB, bToA: f.bToA, start: f.start, duration: f.duration })),
    warnings: report.warnings,
    comments: report.comments,
  };
}
