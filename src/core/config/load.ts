// Reading configuration snapshots from files and folders (a recorded run's config/ and counters/ folders, or any
// folder of snapshots): every file through runs/inputFiles (caps, regular files, links kept inside the folder).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listInputDirs, listInputFiles, readInputText } from '../runs/inputFiles';
import { detectConfigKind, readConfigText } from './detect';
import { ConfigPiece } from './model';
import { errorMessage } from '../text';

export interface LoadedConfig {
  /** Snapshots of the run (after it, or the only one). */
  pieces: ConfigPiece[];
  /** Snapshots named *before*: the start of a before/after pair (interrupts, io rings). */
  before: ConfigPiece[];
  /** Files in given folders that are no configuration snapshot: listed, not read. */
  skipped: string[];
}

/** sysfs files whose whole content is one mask or list; their meaning is in their path. */
const PATH_FILES = /^(xps_cpus|xps_rxqs|rps_cpus|smp_affinity_list|smp_affinity|effective_affinity_list|effective_affinity)$/;
const MAX_DEPTH = 5;

function walk(dir: string, root: string, depth: number, out: string[]): void {
  for (const f of listInputFiles(dir, root)) out.push(path.join(dir, f));
  if (depth >= MAX_DEPTH) return;
  for (const d of listInputDirs(dir, root)) walk(path.join(dir, d), root, depth + 1, out);
}

const isBefore = (file: string): boolean => /(^|[/._-])before([/._-]|$)/i.test(file);

/** Reads each file, and each folder's snapshots (a run folder: its config/ and counters/ subfolders). */
export function loadConfigInputs(inputs: readonly string[]): LoadedConfig {
  const pieces: ConfigPiece[] = [];
  const before: ConfigPiece[] = [];
  const skipped: string[] = [];
  const add = (p: ConfigPiece): void => { (isBefore(p.file) ? before : pieces).push(p); };
  for (const input of inputs) {
    if (!fs.statSync(input).isDirectory()) {
      add(readConfigText(readInputText(input, 'config', { allowFifo: true }), input));
      continue;
    }
    const files: string[] = [];
    // a recorded run (queue-lens record): its config/ and counters/ folders; any other folder: all of it
    const subs = listInputDirs(input);
    if (subs.includes('config')) {
      for (const s of ['config', 'counters']) if (subs.includes(s)) walk(path.join(input, s), input, 1, files);
    } else walk(input, input, 0, files);
    // one-value sysfs files become one listing per folder, as `grep . PATH` would print them
    const listing: string[] = [];
    const listingBefore: string[] = [];
    for (const f of files) {
      const rel = path.relative(input, f).split(path.sep).join('/');
      if (PATH_FILES.test(path.basename(f))) {
        (isBefore(rel) ? listingBefore : listing).push(`${rel}:${readInputText(f, 'config').trim()}`);
        continue;
      }
      let text: string;
      try {
        text = readInputText(f, 'config');
      } catch (e) {
        skipped.push(`${rel} (${errorMessage(e)})`);
        continue;
      }
      if (text.includes('\u0000') || detectConfigKind(text, rel) === undefined) { skipped.push(rel); continue; }
      add(readConfigText(text, f));
    }
    for (const [lines, into] of [[listing, pieces], [listingBefore, before]] as const) {
      const masks = lines.filter((l) => /(xps_cpus|xps_rxqs|rps_cpus):/.test(l));
      const aff = lines.filter((l) => /affinity/.test(l));
      if (masks.length) into.push(readConfigText(masks.join('\n'), path.join(input, '(queue masks)')));
      if (aff.length) into.push(readConfigText(aff.join('\n'), path.join(input, '(irq affinity)')));
    }
  }
  return { pieces, before, skipped };
}
