// Runs one fuzz case and classifies it: a result (complete or partial) or a typed error passes; anything else fails.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { CaptureFormatError } from '../../src/core/capture';
import { analyseCaptures, FlowReport } from '../../src/core/flows';
import { IperfParseError, parseIperfLog } from '../../src/core/iperf';
import { FuzzCase } from './mutate';
import type { HostileCase, PathCase } from './hostileCases';
import type { Hostile20Case } from './hostileCases20';
import { CounterFormatError } from '../../src/core/counters';
import { readCounterFiles } from '../../src/core/analysis/observed/counterFiles';
import { observeRun } from '../../src/core/analysis/observed/observeRun';
import { loadSweepFolder } from '../../src/core/analysis/sweep/sweepLoader';
import { InputFileError, readInputText } from '../../src/core/runs/inputFiles';
import { errorMessage } from '../../src/core/text';

export type Verdict = 'complete' | 'partial' | 'typed-error' | 'failure';

export interface Outcome {
  index: number;
  verdict: Verdict;
  ms: number;
  name: string;
  desc: string;
  detail?: string;
}

let dir: string | undefined;
function tempDir(): string {
  // tmpfs when there is one: the cases are written and read once each.
  const root = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  dir ??= fs.mkdtempSync(path.join(root, `ql-fuzz-${process.pid}-${threadId}-`));
  return dir;
}

export function removeTempDir(): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

/** Every number in a report must be finite: NaN or Infinity would reach the UI and the JSON output. */
function checkReport(r: FlowReport): string | undefined {
  const nums: [string, number][] = [['packets', r.packets], ['bytes', r.bytes], ['start', r.start], ['duration', r.duration]];
  for (const [i, f] of r.flows.entries()) {
    nums.push([`flow ${i} start`, f.start], [`flow ${i} duration`, f.duration], [`flow ${i} packets`, f.aToB.packets + f.bToA.packets], [`flow ${i} bytes`, f.aToB.bytes + f.bToA.bytes]);
    if (f.proto !== 'tcp' && f.proto !== 'udp') return `flow ${i} has protocol ${String(f.proto)}`;
  }
  for (const [what, v] of nums) if (!Number.isFinite(v)) return `${what} is ${v}`;
  if (r.flows.some((f) => f.duration < 0)) return 'negative flow duration';
  JSON.stringify(r); // must serialise for the webview and the CLI
  return undefined;
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : `non-Error thrown: ${String(e)}`;
}

/** A capture name that is a link to a device, a FIFO or a directory: must be refused at once with a typed error. */
async function runPathCase(index: number, c: PathCase): Promise<{ verdict: Verdict; detail?: string }> {
  const file = path.join(tempDir(), `case-${index}-${c.name}`);
  fs.rmSync(file, { recursive: true, force: true });
  const t = c.target;
  if ('link' in t) fs.symlinkSync(t.link, file);
  else if ('dir' in t) fs.mkdirSync(file);
  else if (spawnSync('mkfifo', [file]).status !== 0) return { verdict: 'failure', detail: 'mkfifo failed' };
  try {
    const r = await analyseCaptures([file]);
    return { verdict: 'failure', detail: `read as a capture: ${r.packets} packets` };
  } catch (e) {
    if (e instanceof CaptureFormatError && e.file === file && /reads only regular files/.test(e.message)) return { verdict: 'typed-error' };
    return { verdict: 'failure', detail: describe(e) };
  } finally {
    fs.rmSync(file, { recursive: true, force: true });
  }
}

/** Text that must never appear in what a run folder's reading returns or says: it sits outside the folder. */
const OUTSIDE_TEXT = 'SECRET-OUTSIDE-TEXT';

/** A counter file, run folder or trace (issue 20): a result, or an error naming the file (and line); nothing from outside. */
async function runCase20(index: number, c: Hostile20Case): Promise<{ verdict: Verdict; detail?: string }> {
  const root = path.join(tempDir(), `case20-${index}`);
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root);
  try {
    if (c.kind === 'counters' || c.kind === 'trace') {
      const file = path.join(root, c.name);
      c.write(file);
      try {
        if (c.kind === 'trace') {
          readInputText(file, 'trace');
          return { verdict: 'complete' };
        }
        const r = readCounterFiles({ after: file });
        JSON.stringify(r);
        return { verdict: r.delta.warnings.length > 0 ? 'partial' : 'complete' };
      } catch (e) {
        if (e instanceof InputFileError && e.file === file) return { verdict: 'typed-error' };
        if (e instanceof CounterFormatError && e.file === file && Number.isInteger(e.line) && e.line >= 0) return { verdict: 'typed-error' };
        return { verdict: 'failure', detail: describe(e) };
      }
    }
    // a run folder named like a sweep's run (q2-t1), and a folder outside it for the links to lead to
    const outside = path.join(root, 'outside');
    const sweep = path.join(root, 'sweep');
    const dir = path.join(sweep, 'q2-t1');
    fs.mkdirSync(outside);
    fs.mkdirSync(dir, { recursive: true });
    c.build(dir, outside);
    const said: string[] = [];
    let typed = false;
    try {
      said.push(JSON.stringify(await observeRun({}, dir)));
    } catch (e) {
      const m = errorMessage(e);
      said.push(m);
      if (!(e instanceof Error) || !m.includes(dir)) return { verdict: 'failure', detail: `observed: an error not naming the run folder: ${describe(e)}` };
      typed = true;
    }
    try {
      said.push(JSON.stringify(loadSweepFolder(sweep)));
    } catch (e) {
      return { verdict: 'failure', detail: `sweep: ${describe(e)}` };
    }
    if (said.some((t) => t.includes(OUTSIDE_TEXT))) return { verdict: 'failure', detail: 'text of a file outside the run folder was read' };
    return { verdict: typed ? 'typed-error' : 'complete' };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export async function runCase(index: number, c: FuzzCase | HostileCase): Promise<Outcome> {
  const t0 = performance.now();
  const base = { index, name: c.name, desc: c.desc };
  let verdict: Verdict;
  let detail: string | undefined;
  if (c.kind === 'counters' || c.kind === 'run' || c.kind === 'trace') {
    ({ verdict, detail } = await runCase20(index, c));
  } else if (c.kind === 'path') {
    ({ verdict, detail } = await runPathCase(index, c));
  } else if (c.kind === 'capture') {
    const file = path.join(tempDir(), `case-${index}${c.ext}`);
    fs.writeFileSync(file, c.bytes);
    try {
      const r = await analyseCaptures([file], { chunkSize: c.chunkSize });
      detail = checkReport(r);
      verdict = detail ? 'failure' : r.warnings.length > 0 ? 'partial' : 'complete';
    } catch (e) {
      if (e instanceof CaptureFormatError && e.file === file && Number.isInteger(e.offset) && e.offset >= 0) verdict = 'typed-error';
      else { verdict = 'failure'; detail = describe(e); }
    } finally {
      fs.rmSync(file, { force: true });
    }
  } else {
    try {
      const log = parseIperfLog(c.text, c.name);
      JSON.stringify(log);
      verdict = log.truncated || log.unknownLines > 0 ? 'partial' : 'complete';
    } catch (e) {
      if (e instanceof IperfParseError && Number.isInteger(e.line) && e.line >= 1) verdict = 'typed-error';
      else { verdict = 'failure'; detail = describe(e); }
    }
  }
  return { ...base, verdict, detail, ms: performance.now() - t0 };
}
