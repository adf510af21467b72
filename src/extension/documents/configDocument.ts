import * as path from 'node:path';
import { errorMessage } from '../../core/text';
import type { ConfigJson } from '../../core/config/report';
import type { ExportModel } from '../../core/export/model';
import type { HostToWebview } from '../../shared/protocol';
import { queueConfigView } from '../views/configView';
import type { AnalysisService } from '../worker/analysisService';
import type { QueueLensDocument } from './registry';

/** A run's queue configuration (a run folder, its config/ folder, or snapshot files): read once in the worker. */
export class ConfigDocument implements QueueLensDocument {
  private reading: Promise<ConfigJson> | undefined;

  constructor(readonly inputs: string[], private readonly service: AnalysisService, private readonly relative: (p: string) => string = (p) => p) {}

  get name(): string {
    return path.basename(this.inputs[0] ?? 'configuration');
  }

  /** What `queue-lens config INPUTS --json` prints. */
  model(): Promise<ConfigJson> {
    this.reading ??= this.service.run({ kind: 'config', inputs: this.inputs }).result;
    return this.reading;
  }

  async message(): Promise<HostToWebview> {
    try {
      return { type: 'queueConfig', config: queueConfigView(await this.model(), this.inputs, this.relative) };
    } catch (e) {
      throw new Error(`No queue configuration from ${this.name}. ${errorMessage(e)}`);
    }
  }

  exportModel(): Promise<ExportModel> {
    return Promise.resolve({ name: this.name });
  }

  dispose(): void {
    this.reading = undefined;
  }
}
