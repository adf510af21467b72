import * as vscode from 'vscode';
import { errorMessage, untrustedText } from '../../core/text';
import type { HostToWebview } from '../../shared/protocol';
import { SupersededError } from '../documents/latestJob';
import type { DocumentRegistry, QueueLensDocument } from '../documents/registry';
import { log } from '../log';
import { documentPresets } from '../settings/documentPresets';
import { captureEditorHtml } from './webviewHtml';
import { WebviewSession } from './webviewSession';

/** A document a panel can show: `message` builds what to post from the document's model for the current settings. */
export interface PanelDocument extends QueueLensDocument {
  message(): Promise<HostToWebview>;
  dispose(): void;
}

/**
 * A Queue Lens webview panel beside the editor (queue spread, queue-count comparison) showing one document. The
 * message is sent after the page's ready handshake and again on settings changes; the work behind it runs in the
 * analysis worker, so neither blocks the extension host.
 */
export function showDataPanel(context: vscode.ExtensionContext, registry: DocumentRegistry, viewType: string, title: string, document: PanelDocument): vscode.WebviewPanel {
  const panel = vscode.window.createWebviewPanel(viewType, title, vscode.ViewColumn.Beside, {
    enableScripts: true,
    retainContextWhenHidden: true,
    localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'dist'), vscode.Uri.joinPath(context.extensionUri, 'media')],
  });
  panel.webview.html = captureEditorHtml(panel.webview, context.extensionUri, title);
  const send = (): void => {
    document.message().then((m) => session.post(m), (e: unknown) => {
      if (e instanceof SupersededError) return;
      log.error(`${title}: ${errorMessage(e)}`);
      session.post({ type: 'error', message: errorMessage(e) });
    });
  };
  const session = new WebviewSession(panel, viewType, (msg) => {
    if (msg.type === 'ready') send();
    // the plan view's copy buttons
    else if (msg.type === 'copy') void vscode.env.clipboard.writeText(msg.text);
  });
  const subs = [
    session,
    registry.track({ document, session }),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('queueLens')) send(); }),
    ...(documentPresets() ? [documentPresets()!.onDidChange((uri) => { if (uri.toString() === document.presetScope?.toString()) send(); })] : []),
  ];
  panel.onDidDispose(() => {
    subs.forEach((d) => d.dispose());
    document.dispose();
  });
  return panel;
}

/**
 * A panel whose document is computed once up front (in the worker): a folder without runs is an error message, not an
 * empty panel. On failure the document is disposed and undefined comes back.
 */
export async function showDataPanelOnceComputed(
  context: vscode.ExtensionContext, registry: DocumentRegistry, viewType: string, title: string, document: PanelDocument, compute: () => Promise<unknown>,
): Promise<vscode.WebviewPanel | undefined> {
  try {
    await compute();
  } catch (e) {
    document.dispose();
    void vscode.window.showErrorMessage(untrustedText(`Queue Lens: ${errorMessage(e)}`));
    return undefined;
  }
  return showDataPanel(context, registry, viewType, title, document);
}
