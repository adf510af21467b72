// The extension host's side of the analysis worker: it only routes requests and results. No vscode import, so
// the unit tests drive it against the compiled worker.
import { ChildProcess, fork } from 'node:child_process';
import type { HostToWorker, JobKind, JobRequest, JobResult, WorkerToHost } from './messages';

/** A job in flight: its result, and a way to stop it. */
export interface Job<T> {
  result: Promise<T>;
  /** Asks the worker to stop; kills its process if it has not within 200 ms (a model loop does not look at signals). */
  cancel(): void;
}

/** Rejection of a cancelled job; callers usually ignore it. */
export class JobCancelledError extends Error {
  constructor() { super('Cancelled'); this.name = 'JobCancelledError'; }
}

/** The worker process's limits. */
export interface WorkerLimits {
  /** V8's old-generation heap cap in MiB (--max-old-space-size). */
  maxOldGenerationSizeMb: number;
}

/** The worker's heap cap: a huge capture or a runaway model fails that job, never the extension host. */
const WORKER_LIMITS: WorkerLimits = { maxOldGenerationSizeMb: 2048 };

const CANCEL_GRACE_MS = 200;
/** The end of a dying worker's stderr kept to say why it died (V8's "FATAL ERROR: ..." line, an uncaught error). */
const STDERR_TAIL = 8192;

/** Why a worker process died, from the end of its stderr: V8's fatal error line, or an uncaught error's first line. */
function deathReason(stderr: string): string | undefined {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const fatal = lines.find((l) => /^(FATAL ERROR:|Fatal JavaScript|#\s*Fatal error)/.test(l));
  if (fatal) return fatal.replace(/^#\s*/, '');
  const error = lines.find((l) => /^[A-Za-z]*Error(\s*\[\w+\])?:\s/.test(l));
  return error;
}

/** A job's progress, shared by its answer and its cancel. */
interface JobState {
  settled: boolean;
  cancelled: boolean;
}

/** Posts to a worker that may have died meanwhile (its exit then rejects the job). */
function post(worker: ChildProcess, m: HostToWorker): void {
  if (!worker.connected) return;
  try {
    worker.send(m);
  } catch {
    // the worker died meanwhile: its exit rejects the job
  }
}

/** A dead worker's job error: what it said last on stderr, and its exit code or signal. */
function deathError(worker: ChildProcess, code: number | null, signal: NodeJS.Signals | null): Error {
  const why = deathReason((worker as ChildProcess & { stderrTail(): string }).stderrTail());
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  return new Error(why ? `the analysis worker stopped: ${why} (${how})` : `the analysis worker stopped unexpectedly (${how})`);
}

/**
 * Runs every job in a child process of its own (dist/analysisWorker.js), not a thread of the extension host: V8
 * failures that a worker thread's heap limit does not catch (an array past its maximum length, "invalid array
 * length" in an allocation) abort the whole process they happen in, and that process is then only the worker's.
 * Jobs run side by side, a cancelled model stops at once (kill), and a worker that dies takes only its job with
 * it: the job is rejected with what happened, and the caller shows it as an error view.
 */
export class AnalysisService {
  private readonly running = new Set<ChildProcess>();
  private nextId = 1;
  /** A worker started ahead of the next job: starting a process and loading the bundle costs ~60 ms, paid while nothing waits. */
  private spare?: ChildProcess;
  private disposed = false;

  constructor(private readonly script: string, private readonly limits: WorkerLimits = WORKER_LIMITS) {}

  private start(): ChildProcess {
    const child = fork(this.script, [], {
      execArgv: [`--max-old-space-size=${this.limits.maxOldGenerationSizeMb}`],
      // structured clone, as worker threads used: typed arrays and Maps cross as they are
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let tail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => { tail = (tail + s).slice(-STDERR_TAIL); });
    (child as ChildProcess & { stderrTail(): string }).stderrTail = () => tail;
    return child;
  }

  /** Starts the spare worker now (at activation), so the first job does not wait for it. */
  warm(): void {
    if (this.spare || this.disposed) return;
    const spare = this.start();
    // an idle spare keeps no event loop alive (the host may exit; dispose() kills it)
    spare.unref();
    (spare as unknown as { channel?: { unref(): void } }).channel?.unref();
    (spare.stderr as unknown as { unref?(): void } | null)?.unref?.();
    // a spare that fails while idle is dropped; once it has a job, the job's listeners report what happened
    spare.on('error', () => undefined);
    spare.once('exit', () => { if (this.spare === spare) this.spare = undefined; });
    this.spare = spare;
  }

  run<K extends JobKind>(request: JobRequest<K>, onProgress?: (bytesDone: number, bytesTotal: number) => void): Job<JobResult<K>> {
    const id = this.nextId++;
    const worker = this.take();
    this.running.add(worker);
    const state: JobState = { settled: false, cancelled: false };
    const result = this.answer<JobResult<K>>(worker, id, state, onProgress);
    post(worker, { type: 'run', id, request: request as JobRequest });
    return {
      result,
      cancel: () => {
        if (state.settled || state.cancelled) return;
        state.cancelled = true;
        post(worker, { type: 'cancel', id });
        setTimeout(() => { if (!state.settled) worker.kill('SIGKILL'); }, CANCEL_GRACE_MS).unref();
      },
    };
  }

  /** The spare worker if it is alive (held by the event loop again), else a new one; the next spare starts loading. */
  private take(): ChildProcess {
    const worker = this.spare && this.spare.exitCode === null && this.spare.signalCode === null && this.spare.connected ? this.spare : this.start();
    if (worker === this.spare) {
      worker.ref();
      (worker as unknown as { channel?: { ref(): void } }).channel?.ref();
      (worker.stderr as unknown as { ref?(): void } | null)?.ref?.();
    }
    this.spare = undefined;
    // the next job's worker loads while this one runs
    if (!this.disposed) setImmediate(() => this.warm());
    return worker;
  }

  /** Job `id`'s one answer from `worker`: done, failed, cancelled, or the worker's death; the worker is killed after it. */
  private answer<T>(worker: ChildProcess, id: number, state: JobState, onProgress?: (bytesDone: number, bytesTotal: number) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const finish = (then: () => void): void => {
        if (state.settled) return;
        state.settled = true;
        this.running.delete(worker);
        if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
        then();
      };
      worker.on('message', (m: WorkerToHost) => {
        if (m.id !== id) return;
        if (m.type === 'progress') onProgress?.(m.bytesDone, m.bytesTotal);
        else if (m.type === 'done') finish(() => resolve(m.result as T));
        else finish(() => reject(m.aborted || state.cancelled ? new JobCancelledError() : new Error(m.message)));
      });
      worker.on('error', (e) => finish(() => reject(state.cancelled ? new JobCancelledError() : new Error(`the analysis worker stopped: ${e.message}`))));
      worker.on('exit', (code, signal) => {
        // the stderr pipe may hold the last words still: read them once it has ended
        const report = (): void => finish(() => reject(state.cancelled ? new JobCancelledError() : deathError(worker, code, signal)));
        if (worker.stderr && !worker.stderr.readableEnded) {
          worker.stderr.once('end', report);
          setTimeout(report, 100).unref();
        } else report();
      });
    });
  }

  /** Jobs in flight (for tests and the log). */
  get busy(): number {
    return this.running.size;
  }

  /** Kills every worker process, running or spare: none outlives the extension. */
  dispose(): void {
    this.disposed = true;
    for (const w of this.running) w.kill('SIGKILL');
    this.running.clear();
    this.spare?.kill('SIGKILL');
    this.spare = undefined;
  }
}
