import * as vscode from 'vscode';

export interface QueueLensSettings {
  /** Width of a time-series bin, in milliseconds. */
  binMs: number;
}

/** Reads and clamps the `queueLens.*` settings (package.json declares and documents them). */
export function settings(): QueueLensSettings {
  const c = vscode.workspace.getConfiguration('queueLens');
  const binMs = c.get<number>('binMs', 100);
  return { binMs: Number.isFinite(binMs) && binMs >= 1 && binMs <= 60_000 ? binMs : 100 };
}
