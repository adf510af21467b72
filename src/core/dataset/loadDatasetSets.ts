// Run-set folders for the dataset: runs through the sweep's loader, and the manifest's host, date and kernel.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRunSet } from '../analysis/compare/compareLoader';
import { readInputText } from '../runs/inputFiles';
import type { DatasetSet } from './buildDataset';

export async function loadDatasetSet(dir: string): Promise<DatasetSet & { warnings: string[] }> {
  const set = await loadRunSet(dir);
  const out: DatasetSet & { warnings: string[] } = { label: set.label, runs: set.runs, warnings: set.warnings };
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest)) {
    const j = JSON.parse(readInputText(manifest, 'manifest')) as Record<string, unknown>;
    for (const k of ['host', 'date', 'kernel', 'driver'] as const) if (typeof j[k] === 'string') out[k] = j[k] as string;
  }
  return out;
}
