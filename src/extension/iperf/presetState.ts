// The queueLens.* settings as the iperf features need them, read once per configuration change
// (settings() may read an indirection-table file; a keystroke should not).
import * as vscode from 'vscode';
import { log } from '../log';
import { settings } from '../settings';
import { BoundPreset, bindPreset } from './queueModel';

export interface PresetState {
  enabled: boolean;
  preset: string;
  bound: BoundPreset;
}

export class IperfPresetState implements vscode.Disposable {
  private current: PresetState | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after the queueLens settings changed. */
  readonly onDidChange = this.changed.event;
  private readonly watcher: vscode.Disposable;

  constructor() {
    this.watcher = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('queueLens')) return;
      this.current = undefined;
      this.changed.fire();
    });
  }

  get(): PresetState {
    if (!this.current) {
      const s = settings();
      for (const p of s.problems) log.warn(p);
      this.current = { enabled: s.annotations, preset: s.preset, bound: bindPreset(s.preset, s.presetOptions, s.maxQueues) };
    }
    return this.current;
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
