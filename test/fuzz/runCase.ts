// Runs one fuzz case and classifies it: a result (complete or partial) or a typed error passes; anything else fails.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import { analyseCaptures, CaptureFormatError, FlowReport } from '../../src/core/capture';
import { IperfParseError, parseIperfLog } from '../../src/core/iperf';
import { FuzzCase } from './mutate';
import type { HostileCase, PathCase } from './hostileCases';

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

export async function runCase(index: number, c: FuzzCase | HostileCase): Promise<Outcome> {
  const t0 = performance.now();
  const base = { index, name: c.name, desc: c.desc };
  let verdict: Verdict;
  let detail: string | undefined;
  if (c.kind === 'path') {
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
