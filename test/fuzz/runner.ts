// Runs cases in worker threads with a per-case time limit: a case that does not answer is a hang,
// its worker is terminated and replaced. Memory is bounded by the workers' heap limit and reported.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { Outcome, Verdict } from './runCase';

export interface FuzzOptions {
  seed: number;
  iterations: number;
  /** First case index (to re-run a slice). */
  start?: number;
  workers?: number;
  /** A case slower than this fails (default 2000 ms). */
  limitMs?: number;
  /** Heap limit per worker (MB); running out is a failure. */
  heapMb?: number;
  onProgress?: (done: number, failed: number) => void;
  /** Run the fixed hostile cases of hostileCases.ts (index i is case i) instead of seeded mutations. */
  hostile?: boolean;
}

export interface FuzzSummary {
  seed: number;
  cases: number;
  passed: number;
  failed: number;
  byVerdict: Record<Verdict | 'hang' | 'crash', number>;
  failures: Outcome[];
  slowest: Outcome | undefined;
  peakRssMb: number;
  seconds: number;
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzSummary> {
  const t0 = performance.now();
  const limitMs = o.limitMs ?? 2000;
  const start = o.start ?? 0;
  const end = start + o.iterations;
  const byVerdict: FuzzSummary['byVerdict'] = { complete: 0, partial: 0, 'typed-error': 0, failure: 0, hang: 0, crash: 0 };
  const failures: Outcome[] = [];
  let slowest: Outcome | undefined;
  let next = start;
  let done = 0;
  const script = path.join(__dirname, 'worker.js');

  const lane = async (): Promise<void> => {
    let worker: Worker | undefined;
    /** A worker that has loaded its corpus (a slow start-up on a busy machine is not a hang of the first case). */
    const spawn = async (): Promise<Worker> => {
      const w = new Worker(script, { workerData: { seed: o.seed, hostile: o.hostile }, resourceLimits: { maxOldGenerationSizeMb: o.heapMb ?? 256 } });
      await new Promise<void>((resolve, reject) => {
        const onMsg = (m: unknown): void => { if (m === 'ready') { w.off('error', reject); resolve(); } };
        w.once('message', onMsg);
        w.once('error', reject);
      });
      return w;
    };
    try {
      while (next < end) {
        const index = next++;
        worker ??= await spawn();
        const w = worker;
        const out = await new Promise<Outcome>((resolve) => {
          // The hard stop is later than the limit so a slow-but-finishing case is still measured.
          const timer = setTimeout(() => finish({ index, verdict: 'failure', ms: limitMs * 2, name: '?', desc: '?', detail: `hang: no answer within ${limitMs * 2} ms` }, true), limitMs * 2);
          const onMsg = (m: Outcome): void => finish(m, false);
          const onErr = (e: Error): void => finish({ index, verdict: 'failure', ms: 0, name: '?', desc: '?', detail: `worker crashed: ${e.name}: ${e.message}` }, true);
          const onExit = (code: number): void => finish({ index, verdict: 'failure', ms: 0, name: '?', desc: '?', detail: `worker exited with code ${code}` }, true);
          function finish(r: Outcome, kill: boolean): void {
            clearTimeout(timer);
            w.off('message', onMsg); w.off('error', onErr); w.off('exit', onExit);
            if (kill) { void w.terminate(); worker = undefined; }
            resolve(r);
          }
          w.on('message', onMsg); w.on('error', onErr); w.on('exit', onExit);
          w.postMessage(index);
        });
        if (out.verdict !== 'failure' && out.ms > limitMs) {
          out.detail = `took ${out.ms.toFixed(0)} ms (limit ${limitMs} ms), verdict would be ${out.verdict}`;
          out.verdict = 'failure';
        }
        if (out.detail?.startsWith('hang')) byVerdict.hang++;
        else if (out.detail?.startsWith('worker')) byVerdict.crash++;
        else byVerdict[out.verdict]++;
        if (out.verdict === 'failure') failures.push(out);
        if (!slowest || out.ms > slowest.ms) slowest = out;
        done++;
        if (done % 1000 === 0) o.onProgress?.(done, failures.length);
      }
    } finally {
      await worker?.terminate();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.workers ?? 1) }, lane));
  // Workers killed mid-case cannot clean up after themselves.
  const shm = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  for (const d of fs.readdirSync(shm)) if (d.startsWith(`ql-fuzz-${process.pid}-`)) fs.rmSync(path.join(shm, d), { recursive: true, force: true });
  const cases = end - start;
  return {
    seed: o.seed,
    cases,
    passed: cases - failures.length,
    failed: failures.length,
    byVerdict,
    failures,
    slowest,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Human summary ending in the one-line "N passed, N failed". */
export function formatSummary(s: FuzzSummary, showFailures = 20): string {
  const v = s.byVerdict;
  const lines = [
    `fuzz: seed ${s.seed}, ${s.cases} cases in ${s.seconds.toFixed(1)} s, peak RSS ${s.peakRssMb.toFixed(0)} MB`,
    `  complete ${v.complete}, partial (warning/truncated) ${v.partial}, typed error ${v['typed-error']}, failure ${v.failure} (of which hang ${v.hang}, worker crash ${v.crash})`,
  ];
  if (s.slowest) lines.push(`  slowest case #${s.slowest.index}: ${s.slowest.ms.toFixed(0)} ms (${s.slowest.name}: ${s.slowest.desc})`);
  for (const f of s.failures.slice(0, showFailures)) lines.push(`  FAIL #${f.index} ${f.name}: ${f.desc}\n    ${(f.detail ?? '').replace(/\n/g, '\n    ')}`);
  if (s.failures.length > showFailures) lines.push(`  ... and ${s.failures.length - showFailures} more failures`);
  lines.push(`${s.passed} passed, ${s.failed} failed`);
  return lines.join('\n');
}
