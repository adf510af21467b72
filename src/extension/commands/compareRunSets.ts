import * as vscode from 'vscode';
import { showDataPanelOnceComputed } from '../views/dataPanel';
import { CompareDocument } from '../documents/compareDocument';
import type { DocumentRegistry } from '../documents/registry';
import type { AnalysisService } from '../worker/analysisService';

/** Folders of the workspace holding a manifest.json, then "Choose a folder…". */
async function pickRunSet(title: string, exclude?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const manifests = (await vscode.workspace.findFiles('**/manifest.json', '**/node_modules/**', 50)).sort((x, y) => x.path.localeCompare(y.path));
  const browse = { label: '$(folder-opened) Choose a folder…', description: 'runs named like q5-t2.iperf.log', uri: undefined as vscode.Uri | undefined };
  const found = manifests.map((m) => vscode.Uri.joinPath(m, '..')).filter((d) => d.toString() !== exclude?.toString())
    .map((dir) => ({ label: `$(graph-line) ${vscode.workspace.asRelativePath(dir)}`, description: 'manifest.json', uri: dir as vscode.Uri | undefined }));
  const pick = found.length === 0 ? browse : await vscode.window.showQuickPick([...found, browse], { title });
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  return (await vscode.window.showOpenDialog({
    canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Use these runs', title,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  }))?.[0];
}

/** Queue Lens: Compare Two Run Sets… — B against A beyond hash luck (the same core as `queue-lens compare A B`). */
export async function compareRunSets(
  context: vscode.ExtensionContext, registry: DocumentRegistry, service: AnalysisService, a?: unknown, b?: unknown,
): Promise<vscode.WebviewPanel | undefined> {
  const dirA = a instanceof vscode.Uri ? a : await pickRunSet('Queue Lens: compare two run sets — A, the baseline');
  if (!dirA) return undefined;
  const dirB = b instanceof vscode.Uri ? b : await pickRunSet('Queue Lens: compare two run sets — B, the change', dirA);
  if (!dirB) return undefined;
  const document = new CompareDocument(dirA.fsPath, dirB.fsPath, service);
  return showDataPanelOnceComputed(context, registry, 'queueLens.compare', `Compare: ${document.name}`, document, () => document.comparison());
}
