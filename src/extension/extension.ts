import * as vscode from 'vscode';
import { CAPTURE_VIEW_TYPE, CaptureEditorProvider } from './captureEditor';
import { openCapture } from './commands';
import { registerIperfFeatures } from './iperf/register';
import { initLog, log } from './log';

export function activate(context: vscode.ExtensionContext): void {
  initLog(context);
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(CAPTURE_VIEW_TYPE, new CaptureEditorProvider(context), {
      // Keeps the chart when the tab is hidden; re-reading a big capture would cost far more.
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: true,
    }),
    vscode.commands.registerCommand('queueLens.openCapture', openCapture),
  );
  registerIperfFeatures(context);
  log.info('Queue Lens activated');
}

export function deactivate(): void {}
