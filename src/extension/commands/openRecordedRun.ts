import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../../core/text';
import { showDataPanel } from '../views/dataPanel';
import type { DocumentRegistry } from '../documents/registry';
import { RunDocument } from '../documents/runDocument';
import type { RunReport } from '../../core/runs/runReport';
import type { AnalysisService } from '../worker/analysisService';

const RUN_VIEW_TYPE = 'queueLens.run';

/** A run folder from an argument: the folder itself, or its run.json (the Explorer's file). */
async function folderOf(arg: unknown): Promise<vscode.Uri | undefined> {
  const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' && arg !== '' ? vscode.Uri.file(arg) : undefined;
  if (!uri) return undefined;
  try {
    const st = await vscode.workspace.fs.stat(uri);
    return (st.type & vscode.FileType.Directory) !== 0 ? uri : vscode.Uri.joinPath(uri, '..');
  } catch {
    return uri;
  }
}

/** Recorded runs of the workspace (their run.json) first, then "Choose a folder…". */
async function pickRun(): Promise<vscode.Uri | undefined> {
  const found = (await vscode.workspace.findFiles('**/run.json', '**/node_modules/**', 50)).sort((x, y) => x.path.localeCompare(y.path));
  const browse = { label: '$(folder-opened) Choose a run folder…', description: 'recorded by queue-lens record, or logs and counters of one run', uri: undefined as vscode.Uri | undefined };
  const items = found.map((f) => ({ label: `$(pulse) ${vscode.workspace.asRelativePath(vscode.Uri.joinPath(f, '..'))}`, description: 'run.json', uri: vscode.Uri.joinPath(f, '..') as vscode.Uri | undefined }));
  const pick = items.length === 0 ? browse : await vscode.window.showQuickPick([...items, browse], { title: 'Queue Lens: open a recorded run' });
  if (!pick) return undefined;
  if (pick.uri) return pick.uri;
  return (await vscode.window.showOpenDialog({
    canSelectFiles: false, canSelectFolders: true, canSelectMany: false, openLabel: 'Open run',
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  }))?.[0];
}

/**
 * Queue Lens: Open Recorded Run… — a run folder in the run view. It reads the folder's data in the analysis worker
 * and runs nothing. Returns the model the view shows (core's RunReport), or the error it shows.
 */
export async function openRecordedRun(
  context: vscode.ExtensionContext, registry: DocumentRegistry, service: AnalysisService, arg?: unknown,
): Promise<RunReport | { error: string } | undefined> {
  const dir = (await folderOf(arg)) ?? (await pickRun());
  if (!dir) return undefined;
  const document = new RunDocument(dir.fsPath, service);
  showDataPanel(context, registry, RUN_VIEW_TYPE, `Run: ${path.basename(dir.fsPath)}`, document);
  try {
    return await document.model();
  } catch (e) {
    return { error: errorMessage(e) };
  }
}
