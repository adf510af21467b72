import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../../core/text';
import { showDataPanel } from '../views/dataPanel';
import { CountersDocument } from '../documents/countersDocument';
import type { DocumentRegistry } from '../documents/registry';
import type { AnalysisService } from '../worker/analysisService';
import type { CountersResult } from '../worker/countersJob';

const COUNTERS_VIEW_TYPE = 'queueLens.counters';

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

/** The earlier snapshot beside an AFTER file: its name with "after" → "before" (qdisc-after.txt → qdisc-before.txt). */
export async function beforeBeside(after: vscode.Uri): Promise<vscode.Uri | undefined> {
  const base = path.basename(after.fsPath);
  const swapped = base.replace(/after/i, (m) => (m === 'AFTER' ? 'BEFORE' : m[0] === 'A' ? 'Before' : 'before'));
  if (swapped === base) return undefined;
  const candidate = vscode.Uri.joinPath(after, '..', swapped);
  return (await isFile(candidate)) ? candidate : undefined;
}

const asUri = (v: unknown): vscode.Uri | undefined =>
  v instanceof vscode.Uri ? v : typeof v === 'string' && v !== '' ? vscode.Uri.file(v) : undefined;

/**
 * Queue Lens: Open Per-Queue Counters… — a counter file (the explorer's file, an argument, or one picked), with the
 * earlier snapshot beside it (or the one given as second argument; `null` for none), in a per-queue panel.
 * Returns what the panel shows (the CLI's `counters --json` model), or the error it shows.
 */
export async function openCounters(
  context: vscode.ExtensionContext, registry: DocumentRegistry, service: AnalysisService, arg?: unknown, beforeArg?: unknown,
): Promise<CountersResult | { error: string } | undefined> {
  let after = asUri(arg);
  let before = asUri(beforeArg);
  if (!after) {
    after = (await vscode.window.showOpenDialog({
      canSelectMany: false, openLabel: 'Open per-queue counters',
      title: 'A counter snapshot: ethtool -S, tc -s qdisc/class, /proc/interrupts, ynl qstats (the "after" one of a pair)',
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    }))?.[0];
    if (!after) return undefined;
    if (!before) before = await beforeBeside(after);
    if (!before) {
      const none = { label: 'No earlier snapshot', description: 'counts since the counters started' };
      const pick = await vscode.window.showQuickPick([none, { label: '$(file) Choose the "before" snapshot…', description: 'show after − before' }],
        { title: `Queue Lens: counters of ${path.basename(after.fsPath)} — compare with an earlier snapshot?` });
      if (!pick) return undefined;
      if (pick !== none) {
        before = (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use as "before"', defaultUri: vscode.Uri.joinPath(after, '..') }))?.[0];
        if (!before) return undefined;
      }
    }
  } else if (!before && beforeArg !== null) before = await beforeBeside(after);
  const document = new CountersDocument(after.fsPath, before?.fsPath, service);
  const title = `Counters: ${path.basename(after.fsPath)}`;
  showDataPanel(context, registry, COUNTERS_VIEW_TYPE, title, document);
  // The panel shows the same reading (or its error, which names the file and line).
  try {
    return await document.model();
  } catch (e) {
    return { error: errorMessage(e) };
  }
}
