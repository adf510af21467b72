import * as vscode from 'vscode';
import type { SpreadResult } from '../../core/export/model';
import { errorMessage, untrustedText } from '../../core/text';
import type { CaptureDocument } from '../documents/captureDocument';
import { modelQueueText, observedView } from './countersView';
import { workspaceRelative } from './relativePaths';
import type { WebviewSession } from './webviewSession';

/**
 * Posts the capture run's measured queues (when counters are beside it or chosen), each flow beside the model's
 * answer, and whether the capture's exact preset fits them. Counters that cannot be matched are a warning: the
 * capture view itself stays. Posted again whenever the spread is (another preset: another fit).
 */
export function postObserved(document: CaptureDocument, spread: SpreadResult, session: WebviewSession): Promise<void> {
  return document.observedFit().then((o) => {
    if (o) session.post({ type: 'observed', observed: observedView(o, (port) => modelQueueText(spread, o.queues, port), workspaceRelative) });
  }, (e: unknown) => {
    void vscode.window.showWarningMessage(untrustedText(`Queue Lens: measured queues of ${document.name}: ${workspaceRelative(errorMessage(e))}`));
  });
}
