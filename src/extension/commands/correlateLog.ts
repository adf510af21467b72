import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Correlation } from '../../core/analysis/correlate/correlate';
import { errorMessage, untrustedText } from '../../core/text';
import { CaptureDocument } from '../documents/captureDocument';
import type { DocumentRegistry, OpenView } from '../documents/registry';
import { correlationView } from '../views/correlationView';

/**
 * Queue Lens: Correlate with iperf Log… — the active capture's flows next to an iperf log's streams. The match
 * runs in the worker on the document's core FlowReport (tunnel fields included), as `queue-lens correlate` does;
 * returns the core Correlation.
 */
export async function correlateWithLog(registry: DocumentRegistry, logUri?: vscode.Uri): Promise<Correlation | undefined> {
  const view = await captureToCorrelate(registry);
  if (!view) {
    void vscode.window.showWarningMessage('Queue Lens: open a capture first, then correlate it with the iperf log of the same run.');
    return undefined;
  }
  const { document, session } = view;
  const target = logUri instanceof vscode.Uri
    ? logUri
    : (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Correlate', title: `iperf log of the run captured in ${document.name}` }))?.[0];
  if (!target) return undefined;
  // started from elsewhere (the walkthrough's button): show the capture the answer appears in
  if (!view.session.panel.active) view.session.panel.reveal();
  try {
    const correlation = await document.correlate(target.fsPath);
    const report = await document.report();
    session.post({ type: 'correlation', correlation: correlationView(correlation, report, path.basename(target.fsPath)) });
    if (correlation.noMatch) void vscode.window.showWarningMessage(untrustedText(`Queue Lens: no stream of ${path.basename(target.fsPath)} matched a flow of ${document.name}: ${correlation.noMatch}`));
    return correlation;
  } catch (e) {
    void vscode.window.showErrorMessage(untrustedText(`Queue Lens: ${errorMessage(e)}`));
    return undefined;
  }
}

/**
 * The active capture (none when another Queue Lens view is active: a sweep has no flows to match). Run from a tab
 * that is no Queue Lens view (the walkthrough's Correlate button): the one open capture, or the one the user picks
 * when several are open.
 */
async function captureToCorrelate(registry: DocumentRegistry): Promise<OpenView<CaptureDocument> | undefined> {
  if (registry.active()) return registry.activeOf(CaptureDocument);
  const open = registry.all().filter((v): v is OpenView<CaptureDocument> => v.document instanceof CaptureDocument);
  if (open.length <= 1) return open[0];
  const picked = await vscode.window.showQuickPick(open.map((v) => ({ label: v.document.name, description: vscode.workspace.asRelativePath(v.document.location), view: v })),
    { title: 'Queue Lens: correlate which capture with an iperf log?' });
  return picked?.view;
}
