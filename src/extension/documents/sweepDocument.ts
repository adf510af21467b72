import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExportModel, SweepResult } from '../../core/export/model';
import { loadSettings } from '../settings/settings';
import type { AnalysisService } from '../worker/analysisService';
import { LatestJob } from './latestJob';
import type { HostToWebview } from '../../shared/protocol';
import { sweepView } from '../views/sweepView';
import { workspaceRelative } from '../views/relativePaths';
import type { QueueLensDocument } from './registry';
import { presetKey } from './spreadJob';

/** Compare Queue Counts: a folder of iperf runs and its sweep under the current settings (loaded and computed in the worker). */
export class SweepDocument implements QueueLensDocument {
  private readonly latest = new LatestJob<SweepResult>();

  constructor(readonly dir: string, private readonly service: AnalysisService) {
    this.location = vscode.Uri.file(dir);
  }

  /** The sweep folder: where reports go, and the key of the sweep's own preset. */
  readonly location: vscode.Uri;

  get presetScope(): vscode.Uri {
    return this.location;
  }

  get name(): string {
    return path.basename(this.dir);
  }

  async sweep(): Promise<SweepResult> {
    const s = await loadSettings(this.location);
    return this.latest.get(presetKey(s), () => {
      const job = this.service.run({ kind: 'sweep', dir: this.dir, preset: s.preset, presetOptions: s.presetOptions, model: s.model });
      return {
        job,
        result: job.result.then(({ report, loaderWarnings }) => ({
          title: this.name, report, warnings: [...loaderWarnings, ...report.warnings, ...s.problems],
        })),
      };
    });
  }

  async message(): Promise<HostToWebview> {
    return { type: 'sweep', sweep: sweepView(await this.sweep(), workspaceRelative) };
  }

  async exportModel(): Promise<ExportModel> {
    return { name: this.name, sweep: await this.sweep() };
  }

  dispose(): void {
    this.latest.clear();
  }
}
