import type { Job } from '../worker/analysisService';

/** The rejection of a job replaced by a newer one (new settings, a re-read file): whoever waits drops it. */
export class SupersededError extends Error {
  constructor() { super('Superseded by a newer request'); this.name = 'SupersededError'; }
}

interface Entry<T> { key: string; job: Job<unknown>; result: Promise<T>; superseded: boolean }

/**
 * The newest analysis job of one kind for one document, keyed by its inputs: asking again with the same key
 * shares the job; a new key cancels the old one, whose waiters get SupersededError.
 */
export class LatestJob<T> {
  private last?: Entry<T>;

  get(key: string, start: () => { job: Job<unknown>; result: Promise<T> }): Promise<T> {
    if (this.last?.key === key) return this.last.result;
    this.clear();
    const started = start();
    const entry: Entry<T> = { key, job: started.job, superseded: false, result: Promise.resolve(undefined as T) };
    entry.result = started.result.catch((e: unknown) => {
      // a failed job is not kept: the next request tries again
      if (this.last === entry) this.last = undefined;
      throw entry.superseded ? new SupersededError() : e;
    });
    this.last = entry;
    return entry.result;
  }

  clear(): void {
    if (this.last) {
      this.last.superseded = true;
      this.last.job.cancel();
    }
    this.last = undefined;
  }
}
