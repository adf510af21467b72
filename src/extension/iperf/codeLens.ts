// "Queue spread of these N streams" above each test's first connect line → queueLens.showSpread.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { log } from '../log';
import { isIperfDocument } from './iperfContent';
import { parsedLog } from './parsedLogs';
import { IperfPresetState } from './presetState';
import { lensTitle, SHOW_SPREAD, spreadArgs } from './spreadArgs';
import { firstConnectLine } from './streamFlows';
import { errorMessage } from '../../core/text';

export class IperfCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly watcher: vscode.Disposable;

  constructor(private readonly state: IperfPresetState) {
    this.watcher = state.onDidChange(() => this.changed.fire());
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    try {
      if (!isIperfDocument(doc) || !(await this.state.get()).enabled) return [];
      const parsed = parsedLog(doc);
      if (!parsed.ok) return [];
      const name = path.basename(doc.uri.path);
      const lenses: vscode.CodeLens[] = [];
      parsed.log.tests.forEach((test, i) => {
        const line = firstConnectLine(test);
        const args = spreadArgs(name, test, i, parsed.log.tests.length);
        if (line === undefined || line >= doc.lineCount || args.flows.length === 0) return;
        const range = doc.lineAt(line).range;
        lenses.push(new vscode.CodeLens(range, { title: lensTitle(args.flows.length), command: SHOW_SPREAD, arguments: [args] }));
      });
      return lenses;
    } catch (e) {
      log.error(`iperf CodeLens: ${errorMessage(e)}`);
      return [];
    }
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
