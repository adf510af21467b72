import * as path from 'node:path';
import * as vscode from 'vscode';
import { sweep } from '../core/analysis/sweep/sweep';
import { loadSweepFolder } from '../core/analysis/sweep/sweepLoader';
import type { SweepView } from '../shared/protocol';
import { showDataPanel } from './dataPanel';
import { settings } from './settings';

/** The sweep of a folder of runs under the current preset and model, as plain data for the webview. */
export function sweepView(dir: string): SweepView {
  const s = settings();
  const loaded = loadSweepFolder(dir);
  const report = sweep(loaded.runs, { preset: s.preset, presetOptions: s.presetOptions, model: s.model });
  return {
    title: path.basename(dir),
    preset: report.preset,
    model: report.model,
    flows: report.flows,
    capacityBps: report.capacity.bps,
    points: report.points.map((p) => ({
      n: p.n, trials: p.trials, meanBps: p.meanBps, expectedBps: p.expectedBps, lowBps: p.lowBps, highBps: p.highBps,
      pBalanced: p.pBalanced, pSlowerThanPrevious: p.pSlowerThanPrevious, trialSteps: p.trialSteps,
    })),
    runs: report.runs.map((r) => ({
      name: r.name, queues: r.queues, trial: r.trial, bps: r.throughput.bitsPerSecond, loads: r.spread?.loads,
      spreadSource: r.spread?.source, percentile: r.percentile,
      fell: report.trialDips.some((d) => d.trial === r.trial && d.n === r.queues),
    })),
    sentences: report.sentences,
    warnings: [...loaded.warnings, ...report.warnings, ...s.problems],
  };
}

/** Folders of the workspace holding a sweep manifest first, then "Choose a folder…" (any folder of logs). */
async function pickSweepFolder(): Promise<vscode.Uri | undefined> {
  const manifests = await vscode.workspace.findFiles('**/manifest.json', '**/node_modules/**', 50);
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
export async function compareQueueCounts(context: vscode.ExtensionContext, folder?: vscode.Uri): Promise<vscode.WebviewPanel | undefined> {
  const target = folder instanceof vscode.Uri ? folder : await pickSweepFolder();
  if (!target) return undefined;
  const dir = target.fsPath;
  // Read once up front so a folder without runs is an error message, not an empty panel.
  try {
    sweepView(dir);
  } catch (e) {
    void vscode.window.showErrorMessage(`Queue Lens: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  return showDataPanel(context, 'queueLens.sweep', `Queue counts: ${path.basename(dir)}`, () => ({ type: 'sweep', sweep: sweepView(dir) }));
}
