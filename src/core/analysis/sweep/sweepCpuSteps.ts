// A sweep's runs with a queue configuration beside them: each run's busy queues mapped to CPUs, and every dip
// (of the means, and of a trial on its own) explained by fewer busy queues, fewer busy CPUs, or neither.
import { BUSY_SHARE } from '../../counters/imbalance';
import type { QueueConfigReport } from '../../config/report';
import type { TracedQueueCpus } from '../../config/report';
import { analyzeQueueCpus, explainStep, QueueCpuAnalysis, StepExplanation, StepSide } from '../queueCpu/queueCpu';

/** The queues that carried at least BUSY_SHARE of the busiest queue's bytes (measured). */
export function busyQueueList(queueBytes: readonly number[]): number[] {
  const max = Math.max(0, ...queueBytes);
  return max > 0 ? queueBytes.map((b, q) => (b >= max * BUSY_SHARE ? q : -1)).filter((q) => q >= 0) : [];
}

export interface CpuRun {
  name: string;
  queues: number;
  trial?: number;
  bps: number;
  config?: QueueConfigReport;
  queueBytes?: number[];
  /** Busy queues known without bytes (a port map, a model): not measured by counters. */
  occupied?: number;
  queueCpu?: QueueCpuAnalysis;
  /** A recorded run's traced CPUs per queue (measured): used before the configuration's. */
  traced?: TracedQueueCpus;
}

/** Each run's queue → CPU analysis, where it has a configuration and counters. */
export function attachQueueCpus(runs: CpuRun[]): void {
  for (const r of runs) if (r.config && r.queueBytes) r.queueCpu = analyzeQueueCpus(r.config, busyQueueList(r.queueBytes), r.traced);
}

const meanOr = (xs: readonly number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

function sideOf(n: number, runs: readonly CpuRun[]): StepSide {
  const withCpu = runs.filter((r) => r.queueCpu);
  const measuredQ = runs.filter((r) => r.queueBytes);
  const q = measuredQ.length ? meanOr(measuredQ.map((r) => busyQueueList(r.queueBytes as number[]).length)) : meanOr(runs.filter((r) => r.occupied !== undefined).map((r) => r.occupied as number));
  return {
    n,
    busyQueues: q,
    busyCpus: meanOr(withCpu.map((r) => (r.queueCpu as QueueCpuAnalysis).busyCpus.length)),
    queuesMeasured: measuredQ.length > 0,
    cpusMeasured: withCpu.length > 0 && withCpu.every((r) => r.queueCpu?.cpuBasis === 'measured'),
  };
}

export interface ExplainedStep { n: number; trial?: number; explanation: StepExplanation }

/** Explanations of the falls from n−1 to n (`steps`: the n of each dip of the means, and each trial's dips). */
export function explainSweepSteps(runs: readonly CpuRun[], meanDips: readonly number[], trialDips: ReadonlyArray<{ n: number; trial: number }>): ExplainedStep[] {
  if (!runs.some((r) => r.queueCpu)) return [];
  const out: ExplainedStep[] = [];
  for (const n of meanDips) {
    out.push({ n, explanation: explainStep(sideOf(n - 1, runs.filter((r) => r.queues === n - 1)), sideOf(n, runs.filter((r) => r.queues === n))) });
  }
  for (const { n, trial } of trialDips) {
    const at = (m: number): CpuRun[] => runs.filter((r) => r.queues === m && r.trial === trial);
    out.push({ n, trial, explanation: explainStep(sideOf(n - 1, at(n - 1)), sideOf(n, at(n))) });
  }
  return out;
}

/** Sentences: the configuration of the runs (once when they agree), shared CPUs, and each explained fall. */
export function cpuSentences(runs: readonly CpuRun[], steps: readonly ExplainedStep[]): string[] {
  const out: string[] = [];
  const configs = runs.filter((r) => r.config);
  const mismatched = configs.filter((r) => r.config?.effective != null && r.config.effective !== r.queues);
  for (const r of mismatched) out.push(`${r.name}: named ${r.queues} queues, but its configuration says ${r.config?.sentence}`);
  const shared = runs.filter((r) => r.queueCpu?.sharedCpus.length);
  for (const r of shared) out.push(`${r.name}: ${r.queueCpu?.sentence}`);
  for (const s of steps) {
    const cause = s.explanation.cause === 'neither' ? 'Neither queues nor CPUs explain' : `${s.explanation.cause === 'cpus' ? 'CPUs' : 'Queues'} explain`;
    out.push(`${cause} the fall from ${s.n - 1} to ${s.n} queues${s.trial !== undefined ? ` in trial ${s.trial}` : ''}: ${s.explanation.sentence}.`);
  }
  return out;
}
