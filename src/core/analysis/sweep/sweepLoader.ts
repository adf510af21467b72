// Thin file loader for a sweep folder (node:fs, so not exported from the analysis index the webview may bundle).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseIperfLog } from '../../iperf';
import { parseSweepManifest, queueCountFromName, SweepRunInput } from './sweepInput';

export interface LoadedSweep {
  dir: string;
  /** manifest.json was read (queue counts and observed spreads from it). */
  manifest: boolean;
  runs: SweepRunInput[];
  /** Files skipped and why. */
  warnings: string[];
}

export const MANIFEST = 'manifest.json';
const LOG_FILE = /\.(log|txt|json|out|iperf)$/i;

function readLog(dir: string, file: string): SweepRunInput['log'] {
  return parseIperfLog(fs.readFileSync(path.join(dir, file), 'utf8'), file);
}

/**
 * The runs of a folder: those manifest.json lists (log, queues, trial, portQueue, queueRateMbps), or else every
 * log file whose name carries a queue count (`queues-5.log`, `q5-t2.json`). A log that does not parse is an error
 * when the manifest names it, and a warning otherwise.
 */
export function loadSweepFolder(dir: string): LoadedSweep {
  const manifestPath = path.join(dir, MANIFEST);
  const warnings: string[] = [];
  if (fs.existsSync(manifestPath)) {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    } catch (e) {
      throw new Error(`${manifestPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const runs = parseSweepManifest(json).map((m): SweepRunInput => {
      const run: SweepRunInput = { name: m.log, queues: m.queues, log: readLog(dir, m.log) };
      if (m.trial !== undefined) run.trial = m.trial;
      if (m.portQueue) run.portQueue = m.portQueue;
      if (m.queueRateMbps !== undefined) run.queueRateBps = m.queueRateMbps * 1e6;
      return run;
    });
    return { dir, manifest: true, runs, warnings };
  }
  const runs: SweepRunInput[] = [];
  const files = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && LOG_FILE.test(e.name)).map((e) => e.name).sort();
  for (const file of files) {
    const q = queueCountFromName(file);
    if (!q) { warnings.push(`${file}: no queue count in the name (e.g. queues-5.log, q5-t2.json); skipped`); continue; }
    try {
      const run: SweepRunInput = { name: file, queues: q.queues, log: readLog(dir, file) };
      if (q.trial !== undefined) run.trial = q.trial;
      runs.push(run);
    } catch (e) {
      warnings.push(`${file}: not an iperf log (${e instanceof Error ? e.message : String(e)}); skipped`);
    }
  }
  return { dir, manifest: false, runs, warnings };
}
