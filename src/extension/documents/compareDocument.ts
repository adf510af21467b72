import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CompareReport } from '../../core/analysis/compare/compareModel';
import type { ExportModel } from '../../core/export/model';
import type { HostToWebview } from '../../shared/protocol';
import { loadSettings } from '../settings/settings';
import { compareView } from '../views/compareView';
import { workspaceRelative } from '../views/relativePaths';
import type { AnalysisService } from '../worker/analysisService';
import { LatestJob } from './latestJob';
import type { QueueLensDocument } from './registry';
import { presetKey } from './spreadJob';

/** Compare Two Run Sets: two folders of runs and their comparison under folder A's preset (computed in the worker). */
export class CompareDocument implements QueueLensDocument {
  private readonly latest = new LatestJob<CompareReport>();

  constructor(readonly dirA: string, readonly dirB: string, private readonly service: AnalysisService) {
    this.location = vscode.Uri.file(dirA);
  }

  /** Folder A: its preset is the comparison's; reports go beside it (in the folder holding it). */
  readonly location: vscode.Uri;

  get presetScope(): vscode.Uri {
    return this.location;
  }

  get name(): string {
    return `${path.basename(this.dirA)}-vs-${path.basename(this.dirB)}`;
  }

  async comparison(): Promise<CompareReport> {
    const s = await loadSettings(this.location);
    return this.latest.get(presetKey(s), () => {
      const job = this.service.run({ kind: 'compare', dirA: this.dirA, dirB: this.dirB, preset: s.preset, presetOptions: s.presetOptions });
      return { job, result: job.result };
    });
  }

  async message(): Promise<HostToWebview> {
    return { type: 'compare', compare: compareView(await this.comparison(), { a: this.dirA, b: this.dirB }, workspaceRelative) };
  }

  /** Export Report hands a comparison to exportComparison (compare/exportComparison.ts); the shared model has only its name. */
  async exportModel(): Promise<ExportModel> {
    await this.comparison();
    return { name: this.name };
  }

  dispose(): void {
    this.latest.clear();
  }
}
