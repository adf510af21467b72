import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorMessage, untrustedText } from '../../core/text';
import type { CaptureDocument } from '../documents/captureDocument';
import { queueConfigView } from './configView';
import { workspaceRelative } from './relativePaths';
import type { WebviewSession } from './webviewSession';

/** Posts the queue configuration of the capture's run folder (its config/), when it has one, as a capture-view section. */
export function postQueueConfig(document: CaptureDocument, session: WebviewSession): Promise<void> {
  return document.queueConfig().then((c) => {
    if (c) session.post({ type: 'captureQueueConfig', config: queueConfigView(c, [path.join(path.dirname(document.uri.fsPath), 'config')], workspaceRelative) });
  }, (e: unknown) => {
    void vscode.window.showWarningMessage(untrustedText(`Queue Lens: queue configuration beside ${document.name}: ${workspaceRelative(errorMessage(e))}`));
  });
}
