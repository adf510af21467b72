import type { SpreadFlow } from '../../core/analysis/spread/queueSpread';
import type { SpreadResult } from '../../core/export/model';
import type { QueueLensSettings } from '../settings/settings';
import type { AnalysisService } from '../worker/analysisService';
import { LatestJob } from './latestJob';

/** What a spread depends on besides its flows: the hashing settings, as a comparable string. */
export function presetKey(s: QueueLensSettings): string {
  const o = s.presetOptions;
  return JSON.stringify([s.preset, s.maxQueues, s.model, s.tunnelHashing, o.key && Array.from(o.key), o.table, o.symmetricXor, o.fields, o.seed?.toString(), s.problems]);
}

/** The queue spread of a fixed set of flows under the current settings, computed in the worker. */
export class SpreadJob {
  private readonly latest = new LatestJob<SpreadResult>();

  constructor(private readonly service: AnalysisService) {}

  get(title: string, flows: SpreadFlow[], s: QueueLensSettings, note?: string, generation = 0): Promise<SpreadResult> {
    return this.latest.get(`${generation}|${presetKey(s)}`, () => {
      const job = this.service.run({ kind: 'spread', flows, preset: s.preset, presetOptions: s.presetOptions, model: s.model, maxQueues: s.maxQueues });
      return { job, result: job.result.then((spread) => ({ title, flows, spread, note, problems: s.problems })) };
    });
  }

  clear(): void {
    this.latest.clear();
  }
}
