import * as path from 'node:path';
import * as vscode from 'vscode';

/** Absolute paths inside the workspace folders, written relative to them (as the Explorer shows them). */
export function workspaceRelative(text: string): string {
  let out = text;
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    const root = f.uri.fsPath.endsWith(path.sep) ? f.uri.fsPath : f.uri.fsPath + path.sep;
    out = out.split(root).join('');
  }
  return out;
}
