import * as vscode from 'vscode';
import { isPresetName, PRESET_NAMES, PresetName, PRESETS } from '../../core/hashing';
import { errorMessage, untrustedText } from '../../core/text';
import { CaptureDocument } from '../documents/captureDocument';
import { largestFlow } from '../documents/captureFlows';
import type { DocumentRegistry, QueueLensDocument } from '../documents/registry';
import { isIperfDocument } from '../iperf/iperfContent';
import { log } from '../log';
import { documentPresets } from '../settings/documentPresets';
import { PresetSuggestion, suggestFromIperfText } from '../settings/suggest';
import { settings } from '../settings/settings';
import type { AnalysisService } from '../worker/analysisService';

interface PresetPick extends vscode.QuickPickItem {
  preset?: PresetName;
  /** Clears the document's own preset: it follows the global setting again. */
  clear?: true;
}

/** The sender of a capture's largest flow: whose TTL tells its OS. */
async function largestSender(document: QueueLensDocument): Promise<string | undefined> {
  return document instanceof CaptureDocument ? largestFlow(await document.report())?.from.ip : undefined;
}

/** What the active document's files say about the sending OS: its files are read in the worker (job presetHint). */
async function suggestionFor(document: QueueLensDocument | undefined, service: AnalysisService): Promise<PresetSuggestion | undefined> {
  try {
    if (document?.presetScope) {
      const p = document.presetScope.fsPath;
      const hint = document.presetScope === document.location ? { folder: p } : { capture: p, sender: await largestSender(document) };
      return await service.run({ kind: 'presetHint', ...hint }).result;
    }
    const editor = vscode.window.activeTextEditor;
    if (editor) return suggestFromIperfText(editor.document.getText(), vscode.workspace.asRelativePath(editor.document.uri));
  } catch (e) {
    log.warn(`preset suggestion: ${errorMessage(e)}`);
  }
  return undefined;
}

/** The picker's items: the suggestion first (what the files say), then every preset, exact or model. */
function presetItems(current: string, suggestion: PresetSuggestion | undefined, scoped: { global: string } | undefined): PresetPick[] {
  const items: PresetPick[] = [];
  if (suggestion) {
    items.push({ label: `$(lightbulb) Suggested: ${suggestion.preset}`, description: untrustedText(`(${suggestion.evidence})`), preset: suggestion.preset,
      detail: 'A suggestion from what the files say; the multi-queue scheme itself is not recorded in them.' });
  }
  if (scoped) items.push({ label: `$(settings-gear) Use the global setting (${scoped.global})`, clear: true });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  for (const p of PRESETS) {
    items.push({ label: p.name, description: `${p.exact ? 'exact' : 'model'}${p.name === current ? ' · current' : ''}`, detail: p.title, preset: p.name });
  }
  return items;
}

/**
 * Queue Lens: Choose Hash Preset — with a capture or a sweep active, the preset of that document (kept in the
 * workspace state); otherwise the global setting. The OS the files name is suggested first.
 * `pick` (tests): a preset name chosen without the quick pick, or 'global' to clear the document's own preset.
 */
export async function choosePreset(registry: DocumentRegistry, service: AnalysisService, pick?: unknown): Promise<string | undefined> {
  const active = registry.active();
  const scope = active?.document.presetScope;
  const s = settings(scope);
  const suggestion = await suggestionFor(active?.document, service);
  const global = settings().preset;
  let chosen: PresetPick | undefined;
  if (typeof pick === 'string') {
    if (pick === 'global') chosen = { label: pick, clear: true };
    else if (isPresetName(pick)) chosen = { label: pick, preset: pick };
    else {
      void vscode.window.showErrorMessage(`Queue Lens: unknown preset '${pick}' (known: ${PRESET_NAMES.join(', ')})`);
      return undefined;
    }
  } else {
    chosen = await vscode.window.showQuickPick(presetItems(s.preset, suggestion, scope ? { global } : undefined), {
      title: scope ? `Queue Lens: hash preset for ${active!.document.name}` : 'Queue Lens: hash preset (all captures and runs)',
      placeHolder: 'Which multi-queue scheme steers the flows?', matchOnDetail: true,
    });
  }
  if (!chosen) return undefined;
  const store = documentPresets();
  if (scope && store) {
    await store.set(scope, chosen.clear ? undefined : chosen.preset);
    return chosen.clear ? global : chosen.preset;
  }
  if (chosen.preset) await vscode.workspace.getConfiguration('queueLens').update('preset', chosen.preset, vscode.ConfigurationTarget.Global);
  return chosen.preset;
}

/**
 * Status bar item with the preset in use: the active capture's or sweep's own one, else the global setting. Shown
 * while a Queue Lens view or an iperf log is open (activation happens only then); a click opens the picker.
 */
export function presetStatusItem(registry: DocumentRegistry): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('queueLens.preset', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Queue Lens preset';
  item.command = 'queueLens.choosePreset';
  const update = (): void => {
    const active = registry.active();
    const s = settings(active?.document.presetScope);
    const own = s.presetFrom === 'document';
    item.text = `$(list-tree) ${s.preset}${own ? ' (this run)' : ''}`;
    item.tooltip = `Queue Lens hash preset${own ? ` of ${active?.document.name}` : ' (global setting)'}, ${s.maxQueues} queues, model ${s.model} — click to change`;
    const iperfOpen = vscode.window.visibleTextEditors.some((e) => isIperfDocument(e.document));
    if (registry.all().length > 0 || iperfOpen) item.show();
    else item.hide();
  };
  update();
  const subs = [
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('queueLens')) update(); }),
    registry.onDidChangeActive(update),
    vscode.window.onDidChangeVisibleTextEditors(update),
    vscode.workspace.onDidOpenTextDocument(update),
    ...(documentPresets() ? [documentPresets()!.onDidChange(update)] : []),
  ];
  return vscode.Disposable.from(item, ...subs);
}
