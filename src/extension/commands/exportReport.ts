import * as vscode from 'vscode';
import { flowsCsv, spreadCsv, sweepCsv } from '../../core/export/csv';
import { errorMessage, untrustedText } from '../../core/text';
import { htmlReport } from '../../core/export/htmlReport';
import { jsonExport } from '../../core/export/json';
import type { ExportModel } from '../../core/export/model';
import type { DocumentRegistry, QueueLensDocument } from '../documents/registry';
import { CompareDocument } from '../documents/compareDocument';
import { exportComparison } from './exportComparison';
import type { WebviewSession } from '../views/webviewSession';

type Format = 'html' | 'flows-csv' | 'queues-csv' | 'odds-csv' | 'sweep-csv' | 'runs-csv' | 'compare-csv' | 'json' | 'png';

const FORMATS: readonly Format[] = ['html', 'flows-csv', 'queues-csv', 'odds-csv', 'sweep-csv', 'runs-csv', 'compare-csv', 'json', 'png'];

export interface ExportArgs {
  format?: Format;
  target?: vscode.Uri;
  /** With a target: ask before writing it (default). Only a test or script that owns the target passes false. */
  confirm: boolean;
}

/** The command's optional argument (scripts, tests): which format, where to write, and whether to confirm. */
export function parseExportArgs(value: unknown): ExportArgs {
  if (typeof value !== 'object' || value === null) return { confirm: true };
  const { format, target, confirm } = value as { format?: unknown; target?: unknown; confirm?: unknown };
  return {
    format: FORMATS.includes(format as Format) ? (format as Format) : undefined,
    target: target instanceof vscode.Uri ? target : undefined,
    confirm: confirm !== false,
  };
}

/**
 * Where a report goes by default: beside its input, else the workspace. A capture's location is the folder it is
 * in; a sweep's input is its folder itself (location = presetScope), so its reports go in the folder holding it:
 * written inside, the next sweep of that folder would list each report as a file it skipped.
 */
function defaultFolder(document: Pick<QueueLensDocument, 'location' | 'presetScope'>): vscode.Uri | undefined {
  const { location, presetScope } = document;
  if (location && presetScope && location.toString() === presetScope.toString()) return vscode.Uri.joinPath(location, '..');
  return location ?? vscode.workspace.workspaceFolders?.[0]?.uri;
}

async function save(defaultName: string, filters: Record<string, string[]>, data: Uint8Array, folder: vscode.Uri | undefined, args: ExportArgs): Promise<vscode.Uri | undefined> {
  let target = args.target;
  if (target && args.confirm) {
    // a command argument naming a file is not the user choosing it: ask before writing there
    const yes = 'Write';
    const answer = await vscode.window.showWarningMessage(`Queue Lens: write the report to ${vscode.workspace.asRelativePath(target)}?`, { modal: true }, yes);
    if (answer !== yes) return undefined;
  }
  target ??= await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined, filters });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, data);
  const written = target;
  void vscode.window.showInformationMessage(`Queue Lens: saved ${vscode.workspace.asRelativePath(written)}`, 'Open').then((a) => {
    if (a === 'Open') void vscode.commands.executeCommand('vscode.open', written);
  });
  return target;
}

/**
 * Queue Lens: Export Report — HTML report, CSV or JSON of the tables, or PNG of a chart, for a capture, a queue
 * spread or a queue-count comparison. The data comes from the active document's core models (computed for its
 * preset); only the chart images come from the webview. Saved beside the input by default (see defaultFolder).
 */
export async function exportReport(registry: DocumentRegistry, args: ExportArgs = { confirm: true }): Promise<vscode.Uri | undefined> {
  const view = registry.active();
  if (!view) {
    void vscode.window.showWarningMessage('Queue Lens: open a capture, a queue spread or a queue-count comparison first; there is nothing to export yet.');
    return undefined;
  }
  const { document, session } = view;
  // Compare Two Run Sets has its own files (compare/exportComparison.ts)
  if (document instanceof CompareDocument) return exportComparison(document, session, args.format, (name, filters, data) => save(name, filters, data, defaultFolder(document), args));
  let model: ExportModel;
  try {
    model = await document.exportModel();
  } catch (e) {
    void vscode.window.showErrorMessage(untrustedText(`Queue Lens: nothing to export yet: ${errorMessage(e)}`));
    return undefined;
  }
  const chosen = args.format ?? (await vscode.window.showQuickPick(exportChoices(model), { title: 'Queue Lens: export' }))?.format;
  if (!chosen) return undefined;
  return writeExport(chosen, model, session, args, (name, filters, data) => save(name, filters, data, defaultFolder(document), args));
}

/** The formats this model can be exported to, for the quick pick. */
function exportChoices({ capture, spread, sweep }: ExportModel): { label: string; format: Format }[] {
  const choices: { label: string; format: Format; show: boolean }[] = [
    { label: 'HTML report (charts and tables, self-contained)', format: 'html', show: true },
    { label: 'CSV: flows', format: 'flows-csv', show: !!capture },
    { label: 'CSV: queue of each flow for every n', format: 'queues-csv', show: !!spread },
    { label: 'CSV: imbalance and model odds per n', format: 'odds-csv', show: !!spread },
    { label: 'CSV: measured and modelled throughput per queue count', format: 'sweep-csv', show: !!sweep },
    { label: 'CSV: every run (busy queues, in band, preset fit)', format: 'runs-csv', show: !!sweep },
    { label: 'JSON: everything shown', format: 'json', show: true },
    { label: 'PNG: one chart', format: 'png', show: true },
  ];
  return choices.filter((c) => c.show);
}

type Put = (name: string, filters: Record<string, string[]>, data: Uint8Array) => Promise<vscode.Uri | undefined>;

/** Renders the model in the chosen format (chart images from the webview) and saves it with `put`. */
async function writeExport(chosen: Format, model: ExportModel, session: Pick<WebviewSession, 'chartImages'>, args: ExportArgs, put: Put): Promise<vscode.Uri | undefined> {
  const { capture, spread, sweep } = model;
  const base = (model.name || 'queue-lens').replace(/[^\w.-]+/g, '_');
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  switch (chosen) {
    case 'html': {
      const images = await session.chartImages();
      const html = htmlReport({ model, images, generated: new Date().toISOString() });
      return put(`${base}.report.html`, { HTML: ['html'] }, text(html));
    }
    case 'flows-csv':
      return capture ? put(`${base}.flows.csv`, { CSV: ['csv'] }, text(flowsCsv(capture))) : undefined;
    case 'queues-csv':
      return spread ? put(`${base}.queues.csv`, { CSV: ['csv'] }, text(spreadCsv(spread).queues)) : undefined;
    case 'odds-csv':
      return spread ? put(`${base}.odds.csv`, { CSV: ['csv'] }, text(spreadCsv(spread).odds)) : undefined;
    case 'sweep-csv':
      return sweep ? put(`${base}.sweep.csv`, { CSV: ['csv'] }, text(sweepCsv(sweep).points)) : undefined;
    case 'runs-csv':
      return sweep ? put(`${base}.runs.csv`, { CSV: ['csv'] }, text(sweepCsv(sweep).runs)) : undefined;
    case 'json':
      return put(`${base}.queue-lens.json`, { JSON: ['json'] }, text(jsonExport(model)));
    case 'png': {
      const images = await session.chartImages();
      const pick = images.length === 1 || args.target ? images[0] : (await vscode.window.showQuickPick(images.map((i) => ({ label: i.title, image: i })), { title: 'Which chart?' }))?.image;
      if (!pick) return undefined;
      const png = Buffer.from(pick.dataUrl.slice(pick.dataUrl.indexOf(',') + 1), 'base64');
      return put(`${base}.chart.png`, { PNG: ['png'] }, png);
    }
  }
}
