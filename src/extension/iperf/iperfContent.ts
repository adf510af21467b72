// Which open documents are iperf logs, by content (core's detection and parser), whatever their name: an iperf3
// -J log saved as *.out or *.json, iperf 2 output saved as *.txt. Plain-text ones are switched to the iperf
// language (grammar, annotations); JSON ones keep JSON highlighting and get the same features through this check.
import * as vscode from 'vscode';
import { parseIperfLog } from '../../core/iperf';

/** Languages a saved iperf log opens with when its name says nothing. */
export const CANDIDATE_LANGUAGES = ['plaintext', 'log', 'json', 'jsonc'];
/** Larger files are not sniffed (iperf logs are kilobytes to a few megabytes). */
const MAX_SNIFF_CHARS = 8 * 1024 * 1024;

const cache = new WeakMap<vscode.TextDocument, { version: number; iperf: boolean }>();

/** iperf3 -J output has these keys; other JSON is not parsed at all. */
const IPERF_JSON = /"start"\s*:\s*\{[\s\S]{0,20000}"connected"\s*:/;

function sniff(doc: vscode.TextDocument): boolean {
  const text = doc.getText();
  if (text.length > MAX_SNIFF_CHARS) return false;
  if (doc.languageId.startsWith('json') && !IPERF_JSON.test(text.slice(0, 64 * 1024))) return false;
  try {
    const log = parseIperfLog(text);
    return log.tests.some((t) => t.streams.length > 0);
  } catch {
    return false;
  }
}

/** An iperf log: the iperf language, or a candidate language whose content parses as iperf output with streams. */
export function isIperfDocument(doc: vscode.TextDocument): boolean {
  if (doc.languageId === 'iperf') return true;
  if (!CANDIDATE_LANGUAGES.includes(doc.languageId) || doc.uri.scheme === 'output') return false;
  const hit = cache.get(doc);
  if (hit && hit.version === doc.version) return hit.iperf;
  const iperf = sniff(doc);
  cache.set(doc, { version: doc.version, iperf });
  return iperf;
}

/**
 * Plain-text iperf logs become the iperf language when opened; the `queueLens.iperfContent` context key follows
 * the active editor, so "Analyse iperf Log" is offered for JSON logs by content, not by name.
 */
export function registerContentDetection(): vscode.Disposable {
  const consider = (doc: vscode.TextDocument): void => {
    if ((doc.languageId === 'plaintext' || doc.languageId === 'log') && doc.uri.scheme === 'file' && isIperfDocument(doc)) {
      void vscode.languages.setTextDocumentLanguage(doc, 'iperf');
    }
  };
  const context = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', 'queueLens.iperfContent', !!doc && isIperfDocument(doc));
  };
  vscode.workspace.textDocuments.forEach(consider);
  context();
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument(consider),
    vscode.window.onDidChangeActiveTextEditor(context),
  );
}
