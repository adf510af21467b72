import * as vscode from 'vscode';
import { PRESETS } from '../core/hashing';
import { settings } from './settings';

/** Queue Lens: Choose Hash Preset — a quick pick of the presets, saved to the user settings. */
export async function choosePreset(): Promise<void> {
  const current = settings().preset;
  const pick = await vscode.window.showQuickPick(
    PRESETS.map((p) => ({
      label: p.name,
      description: `${p.exact ? 'exact' : 'model'}${p.name === current ? ' · current' : ''}`,
      detail: p.title,
    })),
    { title: 'Queue Lens: hash preset', placeHolder: 'Which multi-queue scheme steers the flows?', matchOnDetail: true },
  );
  if (pick) await vscode.workspace.getConfiguration('queueLens').update('preset', pick.label, vscode.ConfigurationTarget.Global);
}

/** Status bar item with the current preset; a click opens the picker. */
export function presetStatusItem(): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('queueLens.preset', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Queue Lens preset';
  item.command = 'queueLens.choosePreset';
  const update = (): void => {
    const s = settings();
    item.text = `$(list-tree) ${s.preset}`;
    item.tooltip = `Queue Lens hash preset, ${s.maxQueues} queues, model ${s.model} — click to change`;
  };
  update();
  item.show();
  const sub = vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('queueLens')) update(); });
  return vscode.Disposable.from(item, sub);
}
