import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { PRESET_NAMES, PresetOptions, parseHexKey, parseTableText } from '../core/hashing';
import type { ThroughputModel } from '../core/analysis/odds/throughput';

export interface QueueLensSettings {
  /** Width of a time-series bin, in milliseconds. */
  binMs: number;
  preset: string;
  presetOptions: PresetOptions;
  /** The indirection-table file the options were read from, resolved against the workspace folder. */
  tableFile?: string;
  /** Queue counts shown: 1..maxQueues. */
  maxQueues: number;
  model: ThroughputModel;
  annotations: boolean;
  /** Problems found while reading the settings, in words a user can act on. */
  problems: string[];
}

function clampInt(v: unknown, lo: number, hi: number, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi ? v : fallback;
}

/** Reads and validates the `queueLens.*` settings (package.json declares and documents them). */
export function settings(): QueueLensSettings {
  const c = vscode.workspace.getConfiguration('queueLens');
  const problems: string[] = [];
  const presetName = c.get<string>('preset', 'linux-tx');
  const preset = PRESET_NAMES.includes(presetName) ? presetName : 'linux-tx';
  if (preset !== presetName) problems.push(`queueLens.preset: unknown preset '${presetName}', using linux-tx`);
  const presetOptions: PresetOptions = {};
  const key = c.get<string>('toeplitzKey', '').trim();
  if (key) {
    try { presetOptions.key = parseHexKey(key); } catch (e) { problems.push(`queueLens.toeplitzKey: ${(e as Error).message}`); }
  }
  const table = c.get<string>('indirectionTable', '').trim();
  let tableFile: string | undefined;
  if (table) {
    try {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
      const file = path.isAbsolute(table) ? table : path.join(folder, table);
      const parsed = parseTableText(fs.readFileSync(file, 'utf8'));
      tableFile = file;
      presetOptions.table = parsed.table;
      if (parsed.key && !presetOptions.key) presetOptions.key = parsed.key;
      if (parsed.symmetricXor) presetOptions.symmetricXor = true;
    } catch (e) {
      problems.push(`queueLens.indirectionTable: ${(e as Error).message}`);
    }
  }
  const model = c.get<string>('throughputModel', 'A');
  return {
    binMs: clampInt(c.get('binMs'), 1, 60_000, 100),
    preset,
    presetOptions,
    tableFile,
    maxQueues: clampInt(c.get('maxQueues'), 1, 64, 8),
    model: model === 'B' ? 'B' : 'A',
    annotations: c.get<boolean>('annotations.enabled', true),
    problems,
  };
}
