// Hover on a stream's connect line: the queue for every n = 1..maxQueues, with the hash value.
import * as vscode from 'vscode';
import { log } from '../log';
import { hoverMarkdown } from './hoverText';
import { isIperfDocument } from './iperfContent';
import { parsedLog } from './parsedLogs';
import { IperfPresetState } from './presetState';
import { senderTuple } from '../../core/iperf';
import { errorMessage } from '../../core/text';

export class IperfHoverProvider implements vscode.HoverProvider {
  constructor(private readonly state: IperfPresetState) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | undefined> {
    try {
      const state = await this.state.get();
      if (!state.enabled || !isIperfDocument(doc)) return undefined;
      const parsed = parsedLog(doc);
      if (!parsed.ok) return undefined;
      const at = parsed.byLine.get(pos.line);
      const tuple = at && senderTuple(at.stream);
      if (!at || !tuple) return undefined;
      const md = new vscode.MarkdownString(hoverMarkdown(at.stream, tuple, state.bound));
      md.isTrusted = false;
      md.supportHtml = false;
      return new vscode.Hover(md, doc.lineAt(pos.line).range);
    } catch (e) {
      log.error(`iperf hover: ${errorMessage(e)}`);
      return undefined;
    }
  }
}
