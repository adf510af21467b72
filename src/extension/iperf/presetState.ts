// The queueLens.* settings as the iperf features need them, loaded once per configuration change
// (loadSettings reads the indirection-table file asynchronously; a keystroke or a hover should not read it again).
import * as vscode from 'vscode';
import type { PresetName } from '../../core/hashing';
import { log } from '../log';
import { loadSettings } from '../settings/settings';
import { BoundPreset, bindPreset } from './queueModel';

export interface PresetState {
  enabled: boolean;
  preset: PresetName;
  bound: BoundPreset;
}

export class IperfPresetState implements vscode.Disposable {
  private current: Promise<PresetState> | undefined;
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

  get(): Promise<PresetState> {
    if (!this.current) {
      this.current = loadSettings().then((s) => {
        for (const p of s.problems) log.warn(p);
        return { enabled: s.annotations, preset: s.preset, bound: bindPreset(s.preset, s.presetOptions, s.maxQueues) };
      });
    }
    return this.current;
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}
