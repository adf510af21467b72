import * as vscode from 'vscode';
import type { ObservedRunJson } from '../../core/analysis/observed/observeRun';
import type { RunPresetFit } from '../../core/analysis/observed/presetFit';
import { errorMessage } from '../../core/text';
import { CaptureDocument } from '../documents/captureDocument';
import type { DocumentRegistry } from '../documents/registry';
import { beforeBeside } from './openCounters';
import { postObserved } from '../views/postObserved';

/**
 * Queue Lens: Use Per-Queue Counters for This Capture… — counters taken around the capture's run (the "after"
 * snapshot; its "before" beside it is used too) for the capture editor in front. Returns the measured run (`queue-lens observed --json`, with `presetFit` as
 * `--preset` gives it for the capture's exact preset), or `{ error }` when the counters could not be used.
 */
export async function chooseRunCounters(registry: DocumentRegistry, arg?: unknown): Promise<(ObservedRunJson & { presetFit?: RunPresetFit }) | { error: string } | undefined> {
  const view = registry.activeOf(CaptureDocument);
  if (!view) {
    void vscode.window.showWarningMessage('Queue Lens: open a capture first; its run\'s counters are shown beside its flows.');
    return undefined;
  }
  const after = arg instanceof vscode.Uri ? arg : (await vscode.window.showOpenDialog({
    canSelectMany: false, openLabel: 'Use these counters',
    title: 'Per-queue counters taken around the run (tc -s qdisc, ethtool -S, …): the "after" snapshot',
    defaultUri: vscode.Uri.joinPath(view.document.uri, '..'),
  }))?.[0];
  if (!after) return undefined;
  const before = await beforeBeside(after);
  view.document.useCounters(before ? { after: after.fsPath, before: before.fsPath } : { after: after.fsPath });
  await postObserved(view.document, await view.document.spread(), view.session);
  // what went wrong, as the warning shown says it (the counters file named; a worker that died, and why)
  return view.document.observedFit().catch((e: unknown) => ({ error: errorMessage(e) }));
}
