// A run folder's saved queue configuration (its config/ folder, as `queue-lens record` saves it) next to its
// counters: how many queues and why, the busy queues mapped to CPUs, and a warning when the queue count disagrees.
import * as path from 'node:path';
import { explainQueueConfig, loadConfigInputs, queueCountDisagreement } from '../../config';
import type { QueueConfigReport } from '../../config/report';
import { listInputDirs } from '../../runs/inputFiles';
import { busyQueueList } from '../sweep/sweepCpuSteps';
import { analyzeQueueCpus, QueueCpuAnalysis } from './queueCpu';

export interface RunQueueCpu {
  config: QueueConfigReport;
  /** Present when the run's per-queue byte counters say which queues were busy. */
  queueCpu?: QueueCpuAnalysis;
  /** The run's queue count disagrees with what the configuration says. */
  disagreement?: string;
}

/** The run folder's config/ read and explained; undefined when it has none. */
export function runQueueCpu(dir: string, queues: number | undefined, queueBytes: readonly number[] | undefined): RunQueueCpu | undefined {
  if (!listInputDirs(dir).includes('config')) return undefined;
  const loaded = loadConfigInputs([path.join(dir, 'config')]);
  if (loaded.pieces.length === 0) return undefined;
  const config = explainQueueConfig(loaded.pieces, { before: loaded.before.length ? loaded.before : undefined });
  const out: RunQueueCpu = { config };
  if (queueBytes && queueBytes.length) out.queueCpu = analyzeQueueCpus(config, busyQueueList(queueBytes));
  const d = queues === undefined ? undefined : queueCountDisagreement(queues, config);
  if (d) out.disagreement = d;
  return out;
}
