// A run folder's saved queue configuration (its config/ folder, as `queue-lens record` saves it) next to its
// counters: how many queues and why, the busy queues mapped to CPUs, and a warning when the queue count disagrees.
import * as path from 'node:path';
import { explainQueueConfig, loadConfigInputs, queueCountDisagreement } from '../../config';
import type { QueueConfigReport } from '../../config/report';
import { listInputDirs } from '../../runs/inputFiles';
import { busyQueueList } from '../sweep/sweepCpuSteps';
import { readRunManifestIn } from '../observed/fromTrace';
import { analyzeQueueCpus, QueueCpuAnalysis } from './queueCpu';
import { readTracedQueueCpus, TracedQueueCpus } from './tracedCpus';
import { errorMessage } from '../../text';

export interface RunQueueCpu {
  config: QueueConfigReport;
  /** Present when the run's per-queue byte counters say which queues were busy. */
  queueCpu?: QueueCpuAnalysis;
  /** The run's queue count disagrees with what the configuration says. */
  disagreement?: string;
}

/** A recorded run's traced per-queue CPUs, when it has a manifest and a trace; a trace that does not read is a warning. */
export function runTracedCpus(dir: string, warnings: string[]): TracedQueueCpus | undefined {
  try {
    const manifest = readRunManifestIn(dir);
    return manifest ? readTracedQueueCpus(dir, manifest) : undefined;
  } catch (e) {
    warnings.push(`traced CPUs not read: ${errorMessage(e)}`);
    return undefined;
  }
}

/**
 * The run folder's config/ read and explained; undefined when it has none. A recorded run's trace, when there is
 * one, gives each busy queue's CPU (measured); `traced` when the caller already read it.
 */
export function runQueueCpu(dir: string, queues: number | undefined, queueBytes: readonly number[] | undefined, traced?: TracedQueueCpus): RunQueueCpu | undefined {
  if (!listInputDirs(dir).includes('config')) return undefined;
  const loaded = loadConfigInputs([path.join(dir, 'config')]);
  if (loaded.pieces.length === 0) return undefined;
  const config = explainQueueConfig(loaded.pieces, { before: loaded.before.length ? loaded.before : undefined });
  const out: RunQueueCpu = { config };
  if (queueBytes && queueBytes.length) {
    const t = traced ?? runTracedCpus(dir, config.warnings);
    out.queueCpu = analyzeQueueCpus(config, busyQueueList(queueBytes), t);
  }
  const d = queues === undefined ? undefined : queueCountDisagreement(queues, config);
  if (d) out.disagreement = d;
  return out;
}
