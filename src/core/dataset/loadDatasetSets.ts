// Run-set folders for the dataset: runs through the sweep's loader, the manifest's host, date, kernel and driver (for
// recorded runs, else: the first run's start, `uname -r` and `ethtool -i`), and each run folder's trace and capture.
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
  // recorded runs carry their start time and configuration: the first run's stand for the set unless manifest.json says
  const recorded = [...(loaded.runInputs?.values() ?? [])].filter((r) => r.manifest && /^\d{4}-\d{2}-\d{2}/.test(r.manifest.start))
    .sort((a, b) => a.manifest!.start.localeCompare(b.manifest!.start));
  if (recorded[0]) {
    out.date = recorded[0].manifest!.start.slice(0, 10);
    const kernel = recorded[0].config['uname -r']?.trim();
    const driver = /^driver:\s*(\S+)/m.exec(recorded[0].config['ethtool -i'] ?? '')?.[1];
    if (kernel) out.kernel = kernel;
    if (driver) out.driver = driver;
  }
  const manifest = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifest)) {
    const j = JSON.parse(readInputText(manifest, 'manifest')) as Record<string, unknown>;
    for (const k of ['host', 'date', 'kernel', 'driver'] as const) if (typeof j[k] === 'string') out[k] = j[k] as string;
  }
  return out;
}
