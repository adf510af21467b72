import * as vscode from 'vscode';
import { compareCsv, compareHtml, compareJson } from '../../core/analysis/compare/compareExport';
import type { CompareDocument } from '../documents/compareDocument';
import type { WebviewSession } from '../views/webviewSession';

type CompareFormat = 'html' | 'compare-csv' | 'json';

/**
 * Export Report for Compare Two Run Sets: HTML (with the charts), CSV of the per-queue-count table, or the JSON that
 * `queue-lens compare --json` prints (dirs as given to the command: absolute). `put` saves beside the input.
 */
export async function exportComparison(
  document: CompareDocument, session: WebviewSession, format: string | undefined,
  put: (name: string, filters: Record<string, string[]>, data: Uint8Array) => Promise<vscode.Uri | undefined>,
): Promise<vscode.Uri | undefined> {
  const choices: { label: string; format: CompareFormat }[] = [
    { label: 'HTML report (charts and tables, self-contained)', format: 'html' },
    { label: 'CSV: both sets per queue count, B/A and per busy queue', format: 'compare-csv' },
    { label: 'JSON: the comparison (queue-lens compare --json)', format: 'json' },
  ];
  const chosen = (choices.find((c) => c.format === format) ?? (format === undefined ? await vscode.window.showQuickPick(choices, { title: 'Queue Lens: export the comparison' }) : undefined))?.format;
  if (!chosen) return undefined;
  const r = await document.comparison();
  const dirs = { a: document.dirA, b: document.dirB };
  const base = document.name.replace(/[^\w.-]+/g, '_');
  const text = (s: string): Uint8Array => new TextEncoder().encode(s);
  switch (chosen) {
    case 'html': {
      const images = await session.chartImages();
      return put(`${base}.compare.html`, { HTML: ['html'] }, text(compareHtml(r, dirs, images, new Date().toISOString())));
    }
    case 'compare-csv':
      return put(`${base}.compare.csv`, { CSV: ['csv'] }, text(compareCsv(r)));
    case 'json':
      return put(`${base}.compare.json`, { JSON: ['json'] }, text(compareJson(r, dirs)));
  }
}
