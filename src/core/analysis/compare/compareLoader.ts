// Two run-set folders read with the sweep's loader (node:fs: not for the webview bundle).
import * as path from 'node:path';
import type { SweepRunInput } from '../sweep/sweepInput';
import { loadSweepFolderWithCaptures } from '../sweep/sweepLoader';
import { compareRunSets, CompareOptions } from './compare';
import type { CompareReport } from './compareModel';

interface LoadedRunSet {
  label: string;
  runs: SweepRunInput[];
  warnings: string[];
}

/** A folder of runs (manifest.json or q5-t2.log names, as Compare Queue Counts reads it), labelled by its name. */
async function loadRunSet(dir: string, label = path.basename(path.resolve(dir))): Promise<LoadedRunSet> {
  const loaded = await loadSweepFolderWithCaptures(dir);
  if (loaded.runs.length === 0) throw new Error(`${dir}: no runs (a manifest.json, or logs named like q5-t2.iperf.log)`);
  return { label, runs: loaded.runs, warnings: loaded.warnings.map((w) => `${label}: ${w}`) };
}

/** Both folders read and compared; the loaders' warnings come first. Labels that clash get A:/B: prefixes. */
export async function compareFolders(dirA: string, dirB: string, opts: CompareOptions = {}): Promise<CompareReport> {
  let a = await loadRunSet(dirA);
  let b = await loadRunSet(dirB);
  if (a.label === b.label) {
    a = await loadRunSet(dirA, `A:${a.label}`);
    b = await loadRunSet(dirB, `B:${b.label}`);
  }
  const report = compareRunSets(a, b, opts);
  report.warnings.unshift(...a.warnings, ...b.warnings);
  return report;
}
