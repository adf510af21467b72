import * as vscode from 'vscode';
import { CAPTURE_VIEW_TYPE } from '../views/captureEditor';

/** Queue Lens: Open Capture… — a capture given as argument, or one picked in the file dialog. */
export async function openCapture(uri?: vscode.Uri): Promise<void> {
  const target =
    uri instanceof vscode.Uri
      ? uri
      : (
          await vscode.window.showOpenDialog({
            canSelectMany: false,
            openLabel: 'Open in Queue Lens',
            filters: { 'Packet captures': ['pcap', 'pcapng', 'gz', 'cap'] },
          })
        )?.[0];
  if (target) await vscode.commands.executeCommand('vscode.openWith', target, CAPTURE_VIEW_TYPE);
}
