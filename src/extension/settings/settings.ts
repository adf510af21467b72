import * as path from 'node:path';
import * as vscode from 'vscode';
import { isPresetName, PresetName, PresetOptions, parseHexKey } from '../../core/hashing';
import type { ThroughputModel } from '../../core/analysis/odds/throughput';
import { errorMessage } from '../../core/text';
import { documentPresets } from './documentPresets';
import { readTableFile } from './tableFile';

export interface QueueLensSettings {
  /** Width of a time-series bin, in milliseconds. */
  binMs: number;
  preset: PresetName;
  /** 'document': the capture's or sweep folder's own preset; 'setting': the global queueLens.preset. */
  presetFrom: 'document' | 'setting';
  presetOptions: PresetOptions;
  /** The folder the table file must lie in: the workspace, when the workspace's own settings name the file. */
  tableWithin?: string;
  /** The indirection-table file, resolved against the workspace folder (read by loadSettings only). */
  tableFile?: string;
  /** Queue counts shown: 1..maxQueues. */
  maxQueues: number;
  model: ThroughputModel;
  /** A capture's VXLAN/Geneve flows hashed by the outer UDP header (most NICs) or by the inner flow (inner RSS). */
  tunnelHashing: 'outer' | 'inner';
  annotations: boolean;
  /** Problems found while reading the settings, in words a user can act on. */
  problems: string[];
}

function clampInt(v: unknown, lo: number, hi: number, fallback: number): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi ? v : fallback;
}

/**
 * The `queueLens.*` settings (package.json declares and documents them) without the indirection-table file:
 * synchronous and cheap, for the status bar and the bin width. Everything that hashes uses loadSettings().
 */
export function settings(scope?: vscode.Uri): QueueLensSettings {
  const c = vscode.workspace.getConfiguration('queueLens');
  const problems: string[] = [];
  const presetName = c.get<string>('preset', 'linux-tx');
  const global: PresetName = isPresetName(presetName) ? presetName : 'linux-tx';
  if (global !== presetName) problems.push(`queueLens.preset: unknown preset '${presetName}', using linux-tx`);
  const own = scope ? documentPresets()?.get(scope) : undefined;
  const preset = own ?? global;
  const presetOptions: PresetOptions = {};
  const key = c.get<string>('toeplitzKey', '').trim();
  if (key) {
    try { presetOptions.key = parseHexKey(key); } catch (e) { problems.push(`queueLens.toeplitzKey: ${errorMessage(e)}`); }
  }
  const table = c.get<string>('indirectionTable', '').trim();
  const tableSetting = c.inspect<string>('indirectionTable');
  // A value from the workspace's own settings may name only a file inside the workspace; the user's may name any.
  const fromWorkspace = !!(tableSetting?.workspaceValue || tableSetting?.workspaceFolderValue);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const model = c.get<string>('throughputModel', 'A');
  return {
    binMs: clampInt(c.get('binMs'), 1, 60_000, 100),
    preset,
    presetFrom: own ? 'document' : 'setting',
    presetOptions,
    tableFile: table ? (path.isAbsolute(table) ? table : path.join(folder, table)) : undefined,
    tableWithin: table && fromWorkspace ? folder : undefined,
    maxQueues: clampInt(c.get('maxQueues'), 1, 64, 8),
    model: model === 'B' ? 'B' : 'A',
    tunnelHashing: c.get<string>('tunnelHashing', 'outer') === 'inner' ? 'inner' : 'outer',
    annotations: c.get<boolean>('annotations.enabled', true),
    problems,
  };
}

/** The settings (with `scope`: that capture's or sweep folder's own preset, if chosen) with the indirection-table file read (asynchronously, capped) into the preset options. */
export async function loadSettings(scope?: vscode.Uri): Promise<QueueLensSettings> {
  const s = settings(scope);
  if (!s.tableFile) return s;
  try {
    const parsed = await readTableFile(s.tableFile, s.tableWithin);
    s.presetOptions.table = parsed.table;
    if (parsed.key && !s.presetOptions.key) s.presetOptions.key = parsed.key;
    if (parsed.symmetricXor) s.presetOptions.symmetricXor = true;
  } catch (e) {
    s.problems.push(`queueLens.indirectionTable: ${errorMessage(e)}`);
    s.tableFile = undefined;
  }
  return s;
}
