// Inline "→ q3/8 · preset" after each stream's connect line, in the themable queueLens.annotationForeground.
import * as vscode from 'vscode';
import { parsedLog } from './parsedLogs';
import { IperfPresetState } from './presetState';
import { annotationLabel, queueAt } from './queueModel';
import { streamTuple } from './streamFlows';

/** Typing pauses shorter than this do not re-parse the log. */
const DEBOUNCE_MS = 250;

export class IperfAnnotations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('queueLens.annotationForeground'), margin: '0 0 0 1.5em' },
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
    void this.decorations(editor.document).then((d) => {
      // a newer refresh of a newer version wins
      if (editor.document.version === version) editor.setDecorations(this.type, d);
    }, () => undefined);
  }

  private async decorations(doc: vscode.TextDocument): Promise<vscode.DecorationOptions[]> {
    if (doc.languageId !== 'iperf') return [];
    const state = await this.state.get();
    if (!state.enabled) return [];
    const parsed = parsedLog(doc);
    if (!parsed.ok) return [];
    const out: vscode.DecorationOptions[] = [];
    for (const [line, { stream }] of parsed.byLine) {
      const tuple = streamTuple(stream);
      if (!tuple || line >= doc.lineCount) continue;
      const label = annotationLabel(queueAt(state.bound, tuple, state.bound.maxQueues), state.preset);
      const end = doc.lineAt(line).range.end;
      out.push({ range: new vscode.Range(end, end), renderOptions: { after: { contentText: label } } });
    }
    return out;
  }

  dispose(): void {
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    for (const s of this.subscriptions) s.dispose();
    this.type.dispose();
  }
}
