// The extension host's side of the analysis worker: it only routes requests and results. No vscode import, so
// the unit tests drive it against the compiled worker.
import { ResourceLimits, Worker } from 'node:worker_threads';
import type { HostToWorker, JobKind, JobRequest, JobResult, WorkerToHost } from './messages';

/** A job in flight: its result, and a way to stop it. */
export interface Job<T> {
  result: Promise<T>;
  /** Asks the worker to stop; terminates it if it has not within 200 ms (a model loop does not look at signals). */
  cancel(): void;
}

/** Rejection of a cancelled job; callers usually ignore it. */
export class JobCancelledError extends Error {
  constructor() { super('Cancelled'); this.name = 'JobCancelledError'; }
}

/** The worker's heap cap: a huge capture or a runaway model fails that job, never the extension host. */
const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 2048 };

const CANCEL_GRACE_MS = 200;

/**
 * Runs every job in a worker thread of its own (dist/analysisWorker.js), so jobs run side by side, a cancelled
 * model stops at once (terminate), and a worker that dies takes only its job with it: the job is rejected with
 * what happened, and the caller shows it as an error view.
 */
export class AnalysisService {
  private readonly running = new Set<Worker>();
  private nextId = 1;
  /** A worker started ahead of the next job: loading the worker bundle costs ~60 ms, paid while nothing waits. */
  private spare?: Worker;
  private disposed = false;

  constructor(private readonly script: string, private readonly limits: ResourceLimits = WORKER_LIMITS) {}

  /** Starts the spare worker now (at activation), so the first job does not wait for it. */
  warm(): void {
    if (this.spare || this.disposed) return;
    const spare = new Worker(this.script, { resourceLimits: this.limits });
    spare.unref(); // an idle spare keeps no process alive
    // a spare that fails while idle is dropped; once it has a job, the job's listeners report what happened
    spare.on('error', () => undefined);
    spare.once('exit', () => { if (this.spare === spare) this.spare = undefined; });
    this.spare = spare;
  }

  run<K extends JobKind>(request: JobRequest<K>, onProgress?: (bytesDone: number, bytesTotal: number) => void): Job<JobResult<K>> {
    const id = this.nextId++;
    const worker = this.spare ?? new Worker(this.script, { resourceLimits: this.limits });
    worker.ref();
    this.spare = undefined;
    // the next job's worker loads while this one runs
    setImmediate(() => this.warm());
    this.running.add(worker);
    let settled = false;
    let cancelled = false;
    const post = (m: HostToWorker): void => worker.postMessage(m);
    const result = new Promise<JobResult<K>>((resolve, reject) => {
      const finish = (then: () => void): void => {
        if (settled) return;
        settled = true;
        this.running.delete(worker);
        void worker.terminate();
        then();
      };
      worker.on('message', (m: WorkerToHost) => {
        if (m.id !== id) return;
        if (m.type === 'progress') onProgress?.(m.bytesDone, m.bytesTotal);
        else if (m.type === 'done') finish(() => resolve(m.result as JobResult<K>));
        else finish(() => reject(m.aborted || cancelled ? new JobCancelledError() : new Error(m.message)));
      });
      worker.on('error', (e) => finish(() => reject(new Error(`the analysis worker stopped: ${e.message}`))));
      worker.on('exit', (code) => finish(() => reject(cancelled ? new JobCancelledError() : new Error(`the analysis worker stopped unexpectedly (exit code ${code})`))));
    });
    post({ type: 'run', id, request: request as JobRequest });
    return {
      result,
      cancel: () => {
        if (settled || cancelled) return;
        cancelled = true;
        post({ type: 'cancel', id });
        setTimeout(() => { if (!settled) void worker.terminate(); }, CANCEL_GRACE_MS).unref();
      },
    };
  }

  /** Jobs in flight (for tests and the log). */
  get busy(): number {
    return this.running.size;
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.running) void w.terminate();
    this.running.clear();
    void this.spare?.terminate();
    this.spare = undefined;
  }
}
