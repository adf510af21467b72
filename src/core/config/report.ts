// The queue configuration a set of snapshots describes: how many queues were offered and used, why, and which CPUs
// served each queue. Types only (no Node), so views can import them.

interface QueueIrq {
  irq: number;
  name: string;
  dirs: 'tx' | 'rx' | 'both';
  /** Interrupts on each CPU column (measured, since boot or between two snapshots). */
  perCpu: number[];
  total: number;
  /** CPUs the IRQ may go to (/proc/irq/N/smp_affinity_list or effective_affinity_list); null when not given. */
  affinity: number[] | null;
}

interface QueueThread { comm: string; pid: number; cpu: number; pcpu: number }

/** Where a queue's CPUs were read from, strongest first. */
export type CpuBasis = 'interrupts' | 'netback-thread' | 'irq-affinity' | 'xps' | 'rps';

export interface QueueCpus {
  queue: number;
  irqs: QueueIrq[];
  /** The CPUs that served the queue, the busiest first (see `basis`). */
  cpus: number[];
  basis: CpuBasis | null;
  /** XPS: CPUs whose sends go to this tx queue; RPS: CPUs this rx queue's packets are steered to. */
  xpsCpus: number[] | null;
  rpsCpus: number[] | null;
  /** netback's threads of this queue in dom0 (guest-rx, dealloc), with the CPU each last ran on. */
  threads: QueueThread[];
  /** Sum of the threads' %CPU (ps: over each thread's lifetime), a measured per-queue load in dom0; null without ps. */
  load: number | null;
  /** xen-netback io_ring_qN: ring requests produced on TX and RX (free-running counters; a delta with --before). */
  ringRequests: { tx: number | null; rx: number | null } | null;
}

export interface QueueConfigReport {
  /** Queues the run really had (negotiated, or set), or null when the files do not say. */
  effective: number | null;
  /** Queues the backend or device offered at most, or null when the files do not say. */
  offered: number | null;
  /** "1 of 8 queues: …" — how many queues and why, in one sentence. */
  sentence: string;
  /** Each reason separately, strongest first; every number read from a named file. */
  reasons: string[];
  platform: 'xen' | 'linux' | 'unknown';
  /** The device whose queues are mapped (e.g. virtio2, vif1.0, eth0). */
  device: string | null;
  vcpus: { guest: number | null; dom0: number | null };
  queues: QueueCpus[];
  files: Array<{ file: string; kind: string; unknownLines: number }>;
  warnings: string[];
}

/** What `queue-lens config --json` prints (src/core/config/configJson.ts computes it for the CLI and the editor). */
export type ConfigJson = QueueConfigReport & {
  /** Files in the given folders that are no configuration snapshot: listed, not read. */
  skipped: string[];
  /** The queue count the user assumed (--queues, or a run folder named like q5-…), when there is one. */
  userQueues: number | null;
  /** The warning when userQueues disagrees with `effective`. */
  disagreement: string | null;
  /**
   * A recorded run's trace (one run folder given): each queue's CPUs, the one that handled most of its wire bytes
   * first (measured, source trace); null without one.
   */
  traced: TracedQueueCpus | null;
};

/** A recorded run's trace, per queue: the CPUs that handled its packets (record's tracer; measured). */
export interface TracedQueueCpus {
  source: 'trace';
  /** The trace file read. */
  file: string;
  /** The direction of the run's streams (the busier one, by TCP/UDP wire bytes). */
  direction: 'tx' | 'rx';
  /** Each traced queue's CPUs, the one that handled most of its wire bytes first, with those wire bytes. */
  queues: Array<{ queue: number; cpus: number[]; wireBytes: number[] }>;
}
