import * as path from 'node:path';
import * as vscode from 'vscode';
import { errorMessage } from '../../core/text';
import type { ExportModel } from '../../core/export/model';
import type { RunReport } from '../../core/runs/runReport';
import type { HostToWebview } from '../../shared/protocol';
import { workspaceRelative } from '../views/relativePaths';
import { runView } from '../views/runView';
import type { AnalysisService } from '../worker/analysisService';
import type { QueueLensDocument } from './registry';

/**
 * A recorded run folder (run.json, or a hand-made folder): read once in the worker by the core run reader, which
 * reads data and runs nothing. Its observed part is what `queue-lens observed DIR --json` prints.
 */
export class RunDocument implements QueueLensDocument {
  private reading: Promise<RunReport> | undefined;
  readonly location: vscode.Uri;

  constructor(readonly dir: string, private readonly service: AnalysisService) {
    this.location = vscode.Uri.file(dir);
  }

  get name(): string {
    return path.basename(this.dir);
  }

  /** The model (core's RunReport), read once. */
  model(): Promise<RunReport> {
    this.reading ??= this.service.run({ kind: 'run', dir: this.dir }).result;
    return this.reading;
  }

  async message(): Promise<HostToWebview> {
    try {
      return { type: 'run', run: runView(await this.model(), workspaceRelative) };
    } catch (e) {
      throw new Error(`No run view of ${this.name}. ${workspaceRelative(errorMessage(e))}`);
    }
  }

  /** The counters' measured queues go into Export Report as `queue-lens observed --json` does (the report has no trace section yet). */
  async exportModel(): Promise<ExportModel> {
    const r = await this.model();
    return r.observed && !('source' in r.observed) ? { name: this.name, observed: r.observed } : { name: this.name };
  }

  dispose(): void {
    this.reading = undefined;
  }
}
