import * as vscode from 'vscode';
import { isPresetName, PresetName } from '../../core/hashing';

/**
 * The preset chosen for one capture or one sweep folder, kept in the workspace state under the file's or folder's
 * URI; without one the document follows the global `queueLens.preset` setting. One instance, made at activation.
 */
export class DocumentPresets implements vscode.Disposable {
  private static readonly KEY = 'queueLens.documentPresets';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires with the URI whose own preset was set or cleared. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  private all(): Record<string, string> {
    return this.state.get<Record<string, string>>(DocumentPresets.KEY, {});
  }

  /** This document's own preset, if one was chosen (and is still a preset Queue Lens knows). */
  get(uri: vscode.Uri): PresetName | undefined {
    const p = this.all()[uri.toString()];
    return p && isPresetName(p) ? p : undefined;
  }

  /** Sets (or, with undefined, clears) the document's own preset. */
  async set(uri: vscode.Uri, preset: PresetName | undefined): Promise<void> {
    const next = { ...this.all() };
    if (preset) next[uri.toString()] = preset;
    else delete next[uri.toString()];
    await this.state.update(DocumentPresets.KEY, next);
    this.changed.fire(uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

let instance: DocumentPresets | undefined;

/** Called once by activate(). */
export function initDocumentPresets(state: vscode.Memento): DocumentPresets {
  instance = new DocumentPresets(state);
  return instance;
}

/** The store; undefined only before activation (unit tests of code that never activates). */
export function documentPresets(): DocumentPresets | undefined {
  return instance;
}
