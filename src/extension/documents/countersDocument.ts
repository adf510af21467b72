import * as path from 'node:path';
import { errorMessage } from '../../core/text';
import type { ExportModel } from '../../core/export/model';
import type { HostToWebview } from '../../shared/protocol';
import { countersView } from '../views/countersView';
import type { AnalysisService } from '../worker/analysisService';
import type { CountersResult } from '../worker/countersJob';
import type { QueueLensDocument } from './registry';

/**
 * A per-queue counter file (ethtool -S, tc -s qdisc/class, /proc/interrupts, ynl qstats, sysfs), or the delta
 * of an after/before pair: read once in the worker, re-read on demand (`reload`) when a file changes on disk.
 */
export class CountersDocument implements QueueLensDocument {
  private reading: Promise<CountersResult> | undefined;

  constructor(readonly after: string, readonly before: string | undefined, private readonly service: AnalysisService) {}

  get name(): string {
    return path.basename(this.after);
  }

  /** The model: what `queue-lens counters AFTER [--before BEFORE] --json` prints, plus the files and naming. */
  model(): Promise<CountersResult> {
    this.reading ??= this.service.run({ kind: 'counters', after: this.after, ...(this.before ? { before: this.before } : {}) }).result;
    return this.reading;
  }

  reload(): void {
    this.reading = undefined;
  }

  /** The view; a file that cannot be shown is the panel's error view, which names it. */
  async message(): Promise<HostToWebview> {
    try {
      return { type: 'counters', counters: countersView(await this.model()) };
    } catch (e) {
      throw new Error(`No per-queue view of ${this.name}. ${errorMessage(e)}`);
    }
  }

  /** Counters have no export of their own yet: the name only (Export Report then says there is nothing to write). */
  exportModel(): Promise<ExportModel> {
    return Promise.resolve({ name: this.name });
  }

  dispose(): void {
    this.reading = undefined;
  }
}
