// What `queue-lens config --json` prints, computed once for the CLI and the editor (so they cannot differ).
import * as path from 'node:path';
import { queueCountFromName } from '../analysis/sweep/sweepInput';
import * as fs from 'node:fs';
import { readInputText } from '../runs/inputFiles';
import { runTracedCpus } from '../analysis/queueCpu/runConfig';
import { readConfigText } from './detect';
import { explainQueueConfig, queueCountDisagreement } from './explain';
import { loadConfigInputs } from './load';
import { ConfigPiece } from './model';
import type { ConfigJson } from './report';

export type { ConfigJson } from './report';

export interface ConfigJsonOptions { before?: readonly string[]; device?: string; userQueues?: number }

/** The user's N from a run folder's name (`q5-k8-t1`, `queues-5`), when the only input is such a folder. */
export function queuesFromInputs(inputs: readonly string[]): number | undefined {
  if (inputs.length !== 1) return undefined;
  return queueCountFromName(path.basename(path.resolve(inputs[0])))?.queues;
}

export function queueConfigJson(inputs: readonly string[], opts: ConfigJsonOptions = {}): ConfigJson {
  const loaded = loadConfigInputs(inputs);
  const before: ConfigPiece[] = [...loaded.before, ...(opts.before ?? []).map((f) => readConfigText(readInputText(f, 'config'), f))];
  const report = explainQueueConfig(loaded.pieces, { device: opts.device, before: before.length ? before : undefined });
  if (loaded.skipped.length) report.warnings.push(`${loaded.skipped.length} file(s) are no configuration snapshot and were not read: ${loaded.skipped.join(', ')}`);
  const user = opts.userQueues ?? queuesFromInputs(inputs);
  const disagreement = user === undefined ? undefined : queueCountDisagreement(user, report);
  if (disagreement) report.warnings.push(disagreement);
  // one recorded run folder with a trace: where each queue's packets were really handled (measured)
  const traced = inputs.length === 1 && fs.statSync(inputs[0]).isDirectory() ? runTracedCpus(inputs[0], report.warnings) : undefined;
  return { ...report, skipped: loaded.skipped, userQueues: user ?? null, disagreement: disagreement ?? null, traced: traced ?? null };
}
