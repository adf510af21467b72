import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConfigJson } from '../../core/config/report';
import { errorMessage } from '../../core/text';
import { showDataPanel } from '../views/dataPanel';
import { workspaceRelative } from '../views/relativePaths';
import { ConfigDocument } from '../documents/configDocument';
import type { DocumentRegistry } from '../documents/registry';
import type { AnalysisService } from '../worker/analysisService';

const CONFIG_VIEW_TYPE = 'queueLens.queueConfig';

const asUri = (v: unknown): vscode.Uri | undefined =>
  v instanceof vscode.Uri ? v : typeof v === 'string' && v !== '' ? vscode.Uri.file(v) : undefined;

/**
 * Queue Lens: Show Queue Configuration… — a run folder (or its config/ folder, or snapshot files) in a panel: how
 * many queues the run had and why, and which CPU served each queue. Returns what the panel shows
 * (`queue-lens config --json`), or the error it shows.
 */
export async function openQueueConfig(
  context: vscode.ExtensionContext, registry: DocumentRegistry, service: AnalysisService, arg?: unknown, more?: unknown,
): Promise<ConfigJson | { error: string } | undefined> {
  let inputs: vscode.Uri[] = [];
  const first = asUri(arg);
  if (first) inputs = [first, ...(Array.isArray(more) ? more.map(asUri).filter((u): u is vscode.Uri => u !== undefined && u.fsPath !== first.fsPath) : [])];
  else {
    inputs = (await vscode.window.showOpenDialog({
      canSelectMany: true, canSelectFolders: true, canSelectFiles: true, openLabel: 'Show queue configuration',
      title: 'A recorded run folder, its config/ folder, or snapshots: xenstore-ls, ethtool -l, /proc/interrupts, xps_cpus, ps -eLo …',
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    })) ?? [];
    if (inputs.length === 0) return undefined;
  }
  const document = new ConfigDocument(inputs.map((u) => u.fsPath), service, workspaceRelative);
  showDataPanel(context, registry, CONFIG_VIEW_TYPE, `Queue configuration: ${path.basename(inputs[0].fsPath)}`, document);
  try {
    return await document.model();
  } catch (e) {
    return { error: errorMessage(e) };
  }
}
