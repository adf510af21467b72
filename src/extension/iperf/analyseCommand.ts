// Queue Lens: Analyse iperf Log — the active log (text or iperf3 -J JSON) → the queue spread chart.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { log } from '../log';
import { parsedLog, safeText } from './parsedLogs';
import type { ShowSpreadArgs } from '../views/spreadPanel';
import { SHOW_SPREAD, spreadArgs, streamCount } from './spreadArgs';
import { errorMessage, untrustedText } from '../../core/text';

interface TestPick extends vscode.QuickPickItem {
  args: ShowSpreadArgs;
}

async function targetDocument(uri: unknown): Promise<vscode.TextDocument | undefined> {
  if (uri instanceof vscode.Uri) return vscode.workspace.openTextDocument(uri);
  return vscode.window.activeTextEditor?.document;
}

/** Shows the queue spread of a log's test; returns what it showed (undefined when nothing was). */
export async function analyseIperfLog(uri?: unknown): Promise<ShowSpreadArgs | undefined> {
  const doc = await targetDocument(uri);
  if (!doc) {
    void vscode.window.showErrorMessage('Queue Lens: open an iperf log (text, or iperf3 -J JSON) first.');
    return undefined;
  }
  const name = path.basename(doc.uri.path);
  const parsed = parsedLog(doc);
  if (!parsed.ok) {
    const where = parsed.line ? `${name}:${parsed.line}` : name;
    void vscode.window.showErrorMessage(`Queue Lens: cannot read ${safeText(where)}: ${safeText(parsed.error)}`);
    return undefined;
  }
  const tests = parsed.log.tests;
  const picks: TestPick[] = tests
    .map((t, i) => ({ t, args: spreadArgs(name, t, i, tests.length), i }))
    .filter((x) => x.args.flows.length > 0)
    .map(({ t, args, i }) => ({
      label: `Test ${i + 1}: ${streamCount(args.flows.length, t.protocol)}`,
      description: `${t.side} side, ${t.direction}`,
      detail: `from line ${t.startLine + 1}`,
      args,
    }));
  if (picks.length === 0) {
    void vscode.window.showErrorMessage(`Queue Lens: ${safeText(name)} has no iperf stream with both endpoints to analyse.`);
    return undefined;
  }
  const pick = picks.length === 1 ? picks[0] : await vscode.window.showQuickPick(picks, { title: `Tests in ${name}`, placeHolder: 'Which test?' });
  if (!pick) return undefined;
  try {
    await vscode.commands.executeCommand(SHOW_SPREAD, pick.args);
    return pick.args;
  } catch (e) {
    const m = errorMessage(e);
    log.error(`Analyse iperf Log: ${m}`);
    void vscode.window.showErrorMessage(untrustedText(`Queue Lens: could not show the queue spread: ${m}`));
    return undefined;
  }
}
