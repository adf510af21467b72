// Queue → CPU: which busy queues shared a CPU, the busy CPUs beside the busy queues, and a throughput model that
// counts busy CPUs instead of busy queues. Busy queues come from counters (measured); each queue's CPU from the
// configuration (measured where its interrupts or netback threads ran, configured where only a mask says so).
import type { CpuBasis, QueueConfigReport } from '../../config/report';
import type { TracedQueueCpus } from '../../config/report';
import { countOf, plural } from '../../text';

type Basis = 'measured' | 'modelled';

/** Where a busy queue's CPU was read: the configuration's bases, or 'trace' (record's tracer: measured). */
type QueueCpuBasis = CpuBasis | 'trace';

export interface QueueCpuAnalysis {
  /** The busy queues this analysis is about (from counters: measured). */
  busyQueues: number[];
  /** Each busy queue's CPU (its busiest), with where that was read; null when the configuration does not say. */
  queueCpu: Array<{ queue: number; cpu: number | null; basis: QueueCpuBasis | null; configCpu: number | null; configBasis: CpuBasis | null }>;
  /** CPUs that served two or more busy queues. */
  sharedCpus: Array<{ cpu: number; queues: number[] }>;
  /** Distinct CPUs serving the busy queues. */
  busyCpus: number[];
  /** 'measured' when every busy queue's CPU was read from where its interrupts or threads ran; else 'configured'. */
  cpuBasis: 'measured' | 'configured' | 'unknown';
  /** The CPUs the busy queues' packets were traced on (record's tracer), when there is a trace: measured. */
  tracedCpus: number[] | null;
  /** The trace those CPUs come from. */
  traceFile: string | null;
  /**
   * Throughput in units of one queue's capacity (modelled): by busy queues (model A's count) and by busy CPUs,
   * assuming one CPU does one queue's work at most, so queues folded onto one CPU count once.
   */
  model: { byQueues: number; byCpus: number; basis: 'modelled' };
  sentence: string;
}

const CPU_MEASURED: ReadonlySet<QueueCpuBasis> = new Set(['interrupts', 'netback-thread', 'trace']);

/**
 * `busyQueues`: queues the counters measured busy; `traced`: each queue's CPUs from the run's trace. A queue's traced
 * CPU (where the kernel handled most of its bytes) comes before the configuration's; the configuration's is kept
 * beside it, so a mask the trace contradicts shows.
 */
export function analyzeQueueCpus(config: QueueConfigReport, busyQueues: readonly number[], traced?: TracedQueueCpus): QueueCpuAnalysis {
  const queueCpu = busyQueues.map((queue) => {
    const q = config.queues.find((x) => x.queue === queue);
    const configCpu = q && q.basis && q.cpus.length ? q.cpus[0] : null;
    const configBasis = configCpu === null ? null : q?.basis ?? null;
    const t = traced?.queues.find((x) => x.queue === queue);
    return t && t.cpus.length
      ? { queue, cpu: t.cpus[0], basis: 'trace' as QueueCpuBasis, configCpu, configBasis }
      : { queue, cpu: configCpu, basis: configBasis as QueueCpuBasis | null, configCpu, configBasis };
  });
  const byCpu = new Map<number, number[]>();
  for (const { queue, cpu } of queueCpu) if (cpu !== null) byCpu.set(cpu, [...(byCpu.get(cpu) ?? []), queue]);
  const sharedCpus = [...byCpu].filter(([, qs]) => qs.length > 1).map(([cpu, queues]) => ({ cpu, queues })).sort((a, b) => a.cpu - b.cpu);
  const busyCpus = [...byCpu.keys()].sort((a, b) => a - b);
  const known = queueCpu.filter((q) => q.cpu !== null);
  const cpuBasis = known.length === 0 ? 'unknown' : known.every((q) => q.basis && CPU_MEASURED.has(q.basis)) && known.length === queueCpu.length ? 'measured' : 'configured';
  const unknown = queueCpu.length - known.length;
  const byCpus = busyCpus.length + unknown;
  const fromTrace = known.length > 0 && known.every((q) => q.basis === 'trace');
  const basisWord = cpuBasis === 'measured' ? (fromTrace ? 'measured, trace' : 'measured') : 'configured (masks or affinity, not where the work ran)';
  let sentence: string;
  if (busyQueues.length === 0) sentence = 'No busy queue to map.';
  else if (sharedCpus.length) {
    sentence = `${sharedCpus.map((s) => `CPU ${s.cpu} served busy queues ${s.queues.join(' and ')}`).join('; ')} (${basisWord}): ` +
      `${busyQueues.length} busy queues on ${countOf(busyCpus.length, 'CPU')}${unknown ? ` (+${unknown} unmapped)` : ''}, ` +
      `so the model gives ${byCpus} queues' capacity by CPUs against ${busyQueues.length} by queues (modelled).`;
  } else if (known.length) {
    sentence = `Each busy queue had its own CPU (${queueCpu.filter((q) => q.cpu !== null).map((q) => `q${q.queue}→CPU ${q.cpu}`).join(', ')}; ${basisWord}).`;
  } else sentence = 'The configuration does not say which CPU served the busy queues.';
  const tracedCpus = traced ? [...new Set(busyQueues.flatMap((b) => traced.queues.find((x) => x.queue === b)?.cpus ?? []))].sort((a, b) => a - b) : null;
  if (tracedCpus && tracedCpus.length) {
    sentence += ` The busy queues' packets were traced on ${plural(tracedCpus.length, 'CPU')} ${tracedCpus.join(', ')} (measured, trace).`;
    const contradicted = queueCpu.filter((q) => q.basis === 'trace' && q.configCpu !== null && q.configCpu !== q.cpu);
    if (contradicted.length) sentence += ` The configuration said otherwise for ${contradicted.map((q) => `q${q.queue} (CPU ${q.configCpu}, ${q.configBasis})`).join(', ')}.`;
  }
  return {
    busyQueues: [...busyQueues], queueCpu, sharedCpus, busyCpus, cpuBasis, tracedCpus, traceFile: traced?.file ?? null,
    model: { byQueues: busyQueues.length, byCpus, basis: 'modelled' }, sentence,
  };
}

/** One step of a sweep (n−1 → n), for explaining a dip. */
export interface StepSide {
  n: number;
  busyQueues: number | null;
  busyCpus: number | null;
  /** Busy queues from counters (true) or from a model (false). */
  queuesMeasured: boolean;
  /** Busy CPUs from where interrupts or threads ran (true) or from masks or a model (false). */
  cpusMeasured: boolean;
}

export interface StepExplanation { cause: 'queues' | 'cpus' | 'neither'; basis: Basis; sentence: string }

/** A mean of runs: whole numbers as they are, else one decimal. */
const num = (x: number | null): string => (x === null ? '?' : Number.isInteger(x) ? String(x) : x.toFixed(1));
/** "1 CPU", "2 CPUs", "1.5 CPUs". */
const cpus = (x: number | null): string => `${num(x)} ${plural(x ?? 0, 'CPU')}`;

/** Why a run at n fell below n−1: fewer busy CPUs, fewer busy queues, or neither of them. */
export function explainStep(prev: StepSide, cur: StepSide): StepExplanation {
  const cpusKnown = prev.busyCpus !== null && cur.busyCpus !== null;
  const queuesKnown = prev.busyQueues !== null && cur.busyQueues !== null;
  if (cpusKnown && (cur.busyCpus as number) < (prev.busyCpus as number)) {
    const basis: Basis = prev.cpusMeasured && cur.cpusMeasured ? 'measured' : 'modelled';
    return { cause: 'cpus', basis, sentence: `the busy queues ran on ${cpus(cur.busyCpus)} at ${cur.n} queues against ${num(prev.busyCpus)} at ${prev.n} (${basis})` };
  }
  if (queuesKnown && (cur.busyQueues as number) < (prev.busyQueues as number)) {
    const basis: Basis = prev.queuesMeasured && cur.queuesMeasured ? 'measured' : 'modelled';
    return { cause: 'queues', basis, sentence: `the streams used ${num(cur.busyQueues)} queues at ${cur.n} against ${num(prev.busyQueues)} at ${prev.n} (${basis})` };
  }
  if (cpusKnown && queuesKnown && (cur.busyCpus as number) < (cur.busyQueues as number) && (cur.busyCpus as number) <= (prev.busyCpus as number)) {
    const basis: Basis = cur.cpusMeasured && cur.queuesMeasured ? 'measured' : 'modelled';
    return { cause: 'cpus', basis, sentence: `${num(cur.busyQueues)} busy queues shared ${cpus(cur.busyCpus)} at ${cur.n} queues, no more CPUs than at ${prev.n} (${basis})` };
  }
  const basis: Basis = (queuesKnown ? prev.queuesMeasured && cur.queuesMeasured : true) && (cpusKnown ? prev.cpusMeasured && cur.cpusMeasured : true) ? 'measured' : 'modelled';
  return { cause: 'neither', basis, sentence: `no fewer busy queues or busy CPUs at ${cur.n} queues than at ${prev.n} (${basis}): the fall is not explained by the spread` };
}
