import * as vscode from 'vscode';
import { showDataPanelOnceComputed } from '../views/dataPanel';
import type { DocumentRegistry } from '../documents/registry';
import { SweepDocument } from '../documents/sweepDocument';
import type { AnalysisService } from '../worker/analysisService';

/** Folders of the workspace holding a sweep manifest first, then "Choose a folder…" (any folder of logs). */
async function pickSweepFolder(): Promise<vscode.Uri | undefined> {
  // findFiles answers in no fixed order: sorted, the list reads the same every time
  const manifests = (await vscode.workspace.findFiles('**/manifest.json', '**/node_modules/**', 50)).sort((x, y) => x.path.localeCompare(y.path));
  const browse = { label: '$(folder-opened) Choose a folder…', description: 'logs named like queues-5.log or q5-t2.json', uri: undefined as vscode.Uri | undefined };
  const found = manifests.map((m) => {
    const dir = vscode.Uri.joinPath(m, '..');
    return { label: `$(graph-line) ${vscode.workspace.asRelativePath(dir)}`, description: 'manifest.json', uri: dir as vscode.Uri | undefined };
  });
  const pick = found.length === 0 ? browse : await vscode.window.showQuickPick([...found, browse], { title: 'Queue Lens: compare queue counts — which runs?' });
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  return (await vscode.window.showOpenDialog({
    canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Compare queue counts',
    title: 'A folder of iperf logs: a manifest.json, or names like queues-5.log / q5-t2.json',
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  }))?.[0];
}

/** Queue Lens: Compare Queue Counts — a folder of iperf runs taken with 1..N queues against the model. */
export async function compareQueueCounts(
  context: vscode.ExtensionContext, registry: DocumentRegistry, service: AnalysisService, folder?: vscode.Uri,
): Promise<vscode.WebviewPanel | undefined> {
  const target = folder instanceof vscode.Uri ? folder : await pickSweepFolder();
  if (!target) return undefined;
  const document = new SweepDocument(target.fsPath, service);
  return showDataPanelOnceComputed(context, registry, 'queueLens.sweep', `Queue counts: ${document.name}`, document, () => document.sweep());
}
