import * as vscode from 'vscode';
import { flowsCsv, spreadCsv } from '../core/export/csv';
import { errorMessage } from '../core/export/format';
import { htmlReport } from '../core/export/htmlReport';
import { jsonExport } from '../core/export/json';
import type { ExportModel } from '../core/export/model';
import type { DocumentRegistry } from './documents/registry';

type Format = 'html' | 'flows-csv' | 'queues-csv' | 'odds-csv' | 'json' | 'png';

const FORMATS: readonly Format[] = ['html', 'flows-csv', 'queues-csv', 'odds-csv', 'json', 'png'];

/** The command's optional argument (scripts, tests): which format, and where to write without asking. */
export function parseExportArgs(value: unknown): { format?: Format; target?: vscode.Uri } {
  if (typeof value !== 'object' || value === null) return {};
  const { format, target } = value as { format?: unknown; target?: unknown };
  return {
    format: FORMATS.includes(format as Format) ? (format as Format) : undefined,
    target: target instanceof vscode.Uri ? target : undefined,
  };
}

async function save(defaultName: string, filters: Record<string, string[]>, data: Uint8Array, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = given ?? await vscode.window.showSaveDialog({ defaultUri: folder ? vscode.Uri.joinPath(folder, defaultName) : undefined, filters });
  if (target) {
    await vscode.workspace.fs.writeFile(target, data);
    void vscode.window.showInformationMessage(`Queue Lens: saved ${target.path.split('/').pop() ?? ''}`);
  }
  return target;
}

/**
 * Queue Lens: Export Report — HTML report, CSV or JSON of the tables, or PNG of a chart. The data comes from the
 * active document's core models (computed for the current settings); only the chart images come from the webview.
 */
export async function exportReport(registry: DocumentRegistry, format?: Format, given?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const view = registry.active();
  if (!view) {
    void vscode.window.showWarningMessage('Queue Lens: open a capture or a queue spread first; there is nothing to export yet.');
    return undefined;
  }
  const { document, session } = view;
  let model: ExportModel;
  try {
    model = await document.exportModel();
  } catch (e) {
    void vscode.window.showErrorMessage(`Queue Lens: nothing to export yet: ${errorMessage(e)}`);
    return undefined;
  }
  const { capture, spread } = model;
  const choices: { label: string; format: Format; show: boolean }[] = [
    { label: 'HTML report (charts and tables, self-contained)', format: 'html', show: true },
    { label: 'CSV: flows', format: 'flows-csv', show: !!capture },
    { label: 'CSV: queue of each flow for every n', format: 'queues-csv', show: !!spread },
    { label: 'CSV: imbalance and model odds per n', format: 'odds-csv', show: !!spread },
    { label: 'JSON: everything shown', format: 'json', show: true },
    { label: 'PNG: one chart', format: 'png', show: true },
  ];
  const chosen = format ?? (await vscode.window.showQuickPick(choices.filter((c) => c.show), { title: 'Queue Lens: export' }))?.format;
  if (!chosen) return undefined;
  const base = (model.name || 'queue-lens').replace(/[^\w.-]+/g, '_');
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  switch (chosen) {
    case 'html': {
      const images = await session.chartImages();
      const html = htmlReport({ model, images, generated: new Date().toISOString() });
      return save(`${base}.report.html`, { HTML: ['html'] }, text(html), given);
    }
    case 'flows-csv':
      return capture ? save(`${base}.flows.csv`, { CSV: ['csv'] }, text(flowsCsv(capture)), given) : undefined;
    case 'queues-csv':
      return spread ? save(`${base}.queues.csv`, { CSV: ['csv'] }, text(spreadCsv(spread).queues), given) : undefined;
    case 'odds-csv':
      return spread ? save(`${base}.odds.csv`, { CSV: ['csv'] }, text(spreadCsv(spread).odds), given) : undefined;
    case 'json':
      return save(`${base}.queue-lens.json`, { JSON: ['json'] }, text(jsonExport(model)), given);
    case 'png': {
      const images = await session.chartImages();
      const pick = images.length === 1 || given ? images[0] : (await vscode.window.showQuickPick(images.map((i) => ({ label: i.title, image: i })), { title: 'Which chart?' }))?.image;
      if (!pick) return undefined;
      const png = Buffer.from(pick.dataUrl.slice(pick.dataUrl.indexOf(',') + 1), 'base64');
      return save(`${base}.chart.png`, { PNG: ['png'] }, png, given);
    }
  }
}
