// Inline "→ q3/8 · preset" after each stream's connect line, in the themable queueLens.annotationForeground.
import * as vscode from 'vscode';
import { isIperfDocument } from './iperfContent';
import { parsedLog } from './parsedLogs';
import { IperfPresetState } from './presetState';
import { annotationLabel, queueAt } from './queueModel';
import { senderTuple } from '../../core/iperf';

/**
 * Lines longer than this (iperf 2.1 -e connect lines run to 150+ characters) would put an end-of-line annotation
 * past the right edge or under the minimap: there it goes at the start of the line instead.
 */
const LONG_LINE = 100;

/** Typing pauses shorter than this do not re-parse the log. */
const DEBOUNCE_MS = 250;

export class IperfAnnotations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('queueLens.annotationForeground'), margin: '0 0 0 1.5em' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  /** Long lines: the label before the text, boxed so it reads as ours, not the log's. */
  private readonly leading = vscode.window.createTextEditorDecorationType({
    before: {
      color: new vscode.ThemeColor('queueLens.annotationForeground'), margin: '0 1em 0 0',
      border: '1px solid', borderColor: new vscode.ThemeColor('queueLens.annotationForeground'),
    },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly state: IperfPresetState) {
    this.subscriptions.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshAll()),
      vscode.window.onDidChangeActiveTextEditor((e) => { if (e) this.refresh(e); }),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      // A language switch to or from iperf re-opens the document.
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      state.onDidChange(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  refreshAll(): void {
    for (const e of vscode.window.visibleTextEditors) this.refresh(e);
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      for (const e of vscode.window.visibleTextEditors) if (e.document === doc) this.refresh(e);
    }, DEBOUNCE_MS));
  }

  private refresh(editor: vscode.TextEditor): void {
    const version = editor.document.version;
    void this.decorations(editor.document).then(({ end, start }) => {
      // a newer refresh of a newer version wins
      if (editor.document.version !== version) return;
      editor.setDecorations(this.type, end);
      editor.setDecorations(this.leading, start);
    }, () => undefined);
  }

  /** End-of-line labels for ordinary lines, start-of-line labels for long ones. */
  private async decorations(doc: vscode.TextDocument): Promise<{ end: vscode.DecorationOptions[]; start: vscode.DecorationOptions[] }> {
    const none = { end: [], start: [] };
    if (!isIperfDocument(doc)) return none;
    const state = await this.state.get();
    if (!state.enabled) return none;
    const parsed = parsedLog(doc);
    if (!parsed.ok) return none;
    const end: vscode.DecorationOptions[] = [];
    const start: vscode.DecorationOptions[] = [];
    for (const [line, { stream }] of parsed.byLine) {
      const tuple = senderTuple(stream);
      if (!tuple || line >= doc.lineCount) continue;
      const label = annotationLabel(queueAt(state.bound, tuple, state.bound.maxQueues), state.preset, stream.bidirRole);
      const text = doc.lineAt(line);
      if (text.text.length > LONG_LINE) {
        const at = text.range.start;
        start.push({ range: new vscode.Range(at, at), renderOptions: { before: { contentText: label } } });
      } else {
        end.push({ range: new vscode.Range(text.range.end, text.range.end), renderOptions: { after: { contentText: label } } });
      }
    }
    return { end, start };
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    for (const s of this.subscriptions) s.dispose();
    this.type.dispose();
    this.leading.dispose();
  }
}
