// Run-set folders for the dataset: runs through the sweep's loader, the manifest's host, date and kernel, and each
// recorded run folder's trace and capture (runExtras.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadSweepFolderWithCaptures } from '../analysis/sweep/sweepLoader';
import { readInputText } from '../runs/inputFiles';
import type { DatasetSet } from './buildDataset';
import { RunExtras, runExtras } from './runExtras';

export async function loadDatasetSet(dir: string): Promise<DatasetSet & { warnings: string[] }> {
  const label = path.basename(path.resolve(dir));
  const loaded = await loadSweepFolderWithCaptures(dir);
  if (loaded.runs.length === 0) throw new Error(`${dir}: no runs (a manifest.json, or logs named like q5-t2.iperf.log)`);
  const warnings = loaded.warnings.map((w) => `${label}: ${w}`);
  const extras = new Map<string, RunExtras>();
  for (const [name, run] of loaded.runInputs ?? []) {
    const x = await runExtras(run, `${label}/${name}`, warnings);
    if (x.trace || x.flows) extras.set(name, x);
  }
  const out: DatasetSet & { warnings: string[] } = { label, runs: loaded.runs, warnings, extras };
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest)) {
    const j = JSON.parse(readInputText(manifest, 'manifest')) as Record<string, unknown>;
    for (const k of ['host', 'date', 'kernel', 'driver'] as const) if (typeof j[k] === 'string') out[k] = j[k] as string;
  }
  return out;
}
