// Run sets for the compare tests: the committed samples, and sub-sets of them written to a temp folder (the logs
// copied with a manifest listing only the chosen runs, as a user would split a folder).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/paths';

export const oneRunSweepsDir = path.join(repoRoot, 'samples', 'one-run-sweeps');
export const fasterQueuesDir = path.join(repoRoot, 'samples', 'faster-queues');
export const experimentDir = path.join(repoRoot, 'samples', 'experiment');

export interface ManifestRun { log: string; queues: number; trial: number; portQueue: Record<string, number> }
interface Manifest { runs: ManifestRun[] }

export function readManifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

export const busyOf = (r: ManifestRun): number => new Set(Object.values(r.portQueue)).size;

/** A new folder named `name` under a temp root holding the runs of `dir` that `keep` selects. */
export function subset(root: string, name: string, dir: string, keep: (r: ManifestRun) => boolean): string {
  const m = readManifest(dir);
  const out = path.join(root, name);
  fs.mkdirSync(out, { recursive: true });
  const runs = m.runs.filter(keep);
  for (const r of runs) fs.copyFileSync(path.join(dir, r.log), path.join(out, r.log));
  fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({ ...m, runs }));
  return out;
}

export function tempRoot(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ql-compare-'));
}
