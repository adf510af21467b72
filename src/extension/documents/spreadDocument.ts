import type { SpreadFlow } from '../../core/analysis/spread/queueSpread';
import type { ExportModel, SpreadResult } from '../../core/export/model';
import { loadSettings } from '../settings/settings';
import type { AnalysisService } from '../worker/analysisService';
import type { HostToWebview } from '../../shared/protocol';
import { spreadView } from '../views/spreadView';
import type { QueueLensDocument } from './registry';
import { SpreadJob } from './spreadJob';

/** The flows of an iperf test (Show Queue Spread) and their queue spread under the current settings. */
export class SpreadDocument implements QueueLensDocument {
  private readonly spreads: SpreadJob;

  constructor(readonly name: string, readonly flows: SpreadFlow[], service: AnalysisService) {
    this.spreads = new SpreadJob(service);
  }

  async spread(): Promise<SpreadResult> {
    return this.spreads.get(this.name, this.flows, await loadSettings());
  }

  async message(): Promise<HostToWebview> {
    return { type: 'spread', spread: spreadView(await this.spread()) };
  }

  async exportModel(): Promise<ExportModel> {
    return { name: this.name, spread: await this.spread() };
  }

  dispose(): void {
    this.spreads.clear();
  }
}
