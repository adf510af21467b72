// What each analysis job does: plain calls into src/core, no vscode. Runs inside the worker process
// (analysisWorker.ts); unit tests call it directly too.
import { correlate } from '../../core/analysis/correlate/correlate';
import { queueSpread } from '../../core/analysis/spread/queueSpread';
import { sweep } from '../../core/analysis/sweep/sweep';
import { loadSweepFolderWithCaptures } from '../../core/analysis/sweep/sweepLoader';
import { compareFolders } from '../../core/analysis/compare/compareLoader';
import { analyseCaptures } from '../../core/flows';
import { planPorts } from '../../core/hashing';
import { parseIperfLog } from '../../core/iperf';
import { readInputTextAsync } from '../../core/runs/inputFiles';
import { runReport } from '../../core/runs/runReport';
import { observedJob, readCountersJob } from './countersJob';
import { queueConfigJson } from '../../core/config/configJson';
import { suggestForCapture, suggestForFolder } from '../settings/suggestFor';
import type { JobKind, JobRequest, JobResult } from './messages';

export interface JobContext {
  signal: AbortSignal;
  onProgress(bytesDone: number, bytesTotal: number): void;
}

function withoutKind<T extends { kind: string }>({ kind: _kind, ...rest }: T): Omit<T, 'kind'> {
  return rest;
}

export async function runJob<K extends JobKind>(request: JobRequest<K>, ctx: JobContext): Promise<JobResult<K>> {
  const r = request as JobRequest;
  switch (r.kind) {
    case 'report':
      return await analyseCaptures(r.paths, { binMs: r.binMs, signal: ctx.signal, onProgress: ctx.onProgress }) as JobResult<K>;
    case 'spread':
      return queueSpread(r.flows, r.preset, r.maxQueues, r.presetOptions, r.model) as JobResult<K>;
    case 'sweep': {
      const loaded = await loadSweepFolderWithCaptures(r.dir); // captures in run folders give exact wire bytes
      const report = sweep(loaded.runs, { preset: r.preset, presetOptions: r.presetOptions, model: r.model });
      return { report, loaderWarnings: loaded.warnings } as JobResult<K>;
    }
    case 'compare':
      return await compareFolders(r.dirA, r.dirB, { preset: r.preset, presetOptions: r.presetOptions }) as JobResult<K>;
    case 'correlate': {
      // parse errors name the file and line
      const log = parseIperfLog(await readInputTextAsync(r.logPath, 'log'), r.logName);
      return correlate(r.capture, log) as JobResult<K>;
    }
    case 'plan':
      return planPorts(withoutKind(r)) as JobResult<K>;
    case 'counters':
      return await readCountersJob(r.after, r.before) as JobResult<K>;
    case 'observed':
      return await observedJob(r.dir, r.files, ctx.signal) as JobResult<K>;
    case 'config':
      return queueConfigJson(r.inputs, r.userQueues === undefined ? {} : { userQueues: r.userQueues }) as JobResult<K>;
    case 'run':
      return await runReport(r.dir) as JobResult<K>;
    case 'presetHint':
      return await ('folder' in r ? suggestForFolder(r.folder) : suggestForCapture(r.capture, r.sender)) as JobResult<K>;
  }
}
