import * as vscode from 'vscode';
import type { HostToWebview } from '../shared/protocol';
import { captureEditorHtml } from './webviewHtml';
import { WebviewSession } from './webviewSession';

/**
 * A Queue Lens webview panel beside the editor (queue spread, queue-count comparison). `compute` builds the
 * message from the current settings; it is sent after the page's ready handshake and again on settings changes.
 */
export function showDataPanel(context: vscode.ExtensionContext, viewType: string, title: string, compute: () => HostToWebview): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Beside, {
    enableScripts: true,
    retainContextWhenHidden: true,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist'), vscode.Uri.joinPath(context.extensionUri, 'media')],
  });
  panel.webview.html = captureEditorHtml(panel.webview, context.extensionUri, title);
  const send = (): void => {
    try {
      session.post(compute());
    } catch (e) {
      session.post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
  const session = new WebviewSession(panel, viewType, (msg) => { if (msg.type === 'ready') send(); });
  const subs = [
    session,
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('queueLens')) send(); }),
  ];
  panel.onDidDispose(() => subs.forEach((d) => d.dispose()));
  return panel;
}
