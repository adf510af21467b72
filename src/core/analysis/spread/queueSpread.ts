// The queue view of a set of flows under one preset, for n = 1..N: what the editor, the iperf
// annotations and the spread chart all show. Exact presets give each flow's queue; model presets
// give the probabilities (and, with a seed, one concrete draw).
import { compilePreset, FlowTuple, parseFlow, PresetName, PresetOptions } from '../../hashing';
import { blipProbability } from '../odds/blip';
import { expectedMax, maxLoadDistribution, pBalanced } from '../odds/maxLoad';
import { DEFAULT_THROUGHPUT_MODEL, expectedThroughput, ThroughputModel } from '../odds/throughput';
import { errorMessage } from '../../text';

export interface SpreadFlow {
  /** The tuple the queue selector hashes (for a tunnelled flow: its outer UDP flow). */
  tuple: FlowTuple;
  /** Bytes the flow carried, for byte-weighted queue loads; omitted for iperf streams without totals. */
  bytes?: number;
  /** A tunnelled flow: the inner flow it is known by (what iperf ran) and its tunnel, e.g. "VXLAN 42"; not hashed. */
  inner?: { tuple: FlowTuple; tunnel: string };
}

export interface SpreadAtN {
  n: number;
  /** Per flow, in input order: hash and queue — present when the preset determines them. */
  assignments?: { hash: number; queue: number }[];
  /** Flows per queue for those assignments. */
  loads?: number[];
  /** Bytes per queue for those assignments (when every flow has bytes). */
  byteLoads?: number[];
  /** Most-loaded queue over the mean load (1 = perfectly even). */
  maxOverMean?: number;
  /** Jain's fairness index of the per-queue flow counts: 1 = even, 1/n = all on one queue. */
  jain?: number;
  /** Model numbers (exact arithmetic on the preset's queue weights). */
  pBalanced: number;
  expectedMax: number;
  /** P(a run at n is slower than one at n−1) under the throughput model; absent for n = 1. */
  pSlowerThanPrevious?: number;
  /** Expected aggregate throughput in units of one queue's capacity. */
  expectedThroughput: number;
}

/** An n the preset cannot be compiled for (e.g. an indirection table naming queues beyond n): its error, the other n's still count. */
export interface SpreadFailedAtN {
  n: number;
  error: string;
}

/** One n of the spread: computed, or the reason it could not be. */
export type SpreadRow = SpreadAtN | SpreadFailedAtN;

/** True for an n that could not be computed. */
export function isFailedRow(row: SpreadRow): row is SpreadFailedAtN {
  return 'error' in row;
}

export interface QueueSpread {
  preset: PresetName;
  /** Every row's assignments are the real queues (exact preset, or the seed makes it so). */
  exact: boolean;
  /** Assignments are present (exact, or one seeded draw of a model). */
  deterministic: boolean;
  model: ThroughputModel;
  flows: number;
  /** One per n = 1..maxQueues; an n whose preset fails to compile holds its error instead. */
  rows: SpreadRow[];
}

/** Jain's fairness index of non-negative loads: (Σx)² / (n·Σx²); 1 when all are zero. */
function jainIndex(loads: readonly number[]): number {
  let sum = 0;
  let squares = 0;
  for (const x of loads) { sum += x; squares += x * x; }
  return squares === 0 ? 1 : (sum * sum) / (loads.length * squares);
}

export function queueSpread(
  flows: readonly SpreadFlow[],
  preset: PresetName,
  maxQueues: number,
  opts: PresetOptions = {},
  model: ThroughputModel = DEFAULT_THROUGHPUT_MODEL,
): QueueSpread {
  if (!Number.isInteger(maxQueues) || maxQueues < 1 || maxQueues > 256) throw new RangeError(`queue count must be 1..256, not ${maxQueues}`);
  const parsed = flows.map((f) => parseFlow(f.tuple));
  const k = flows.length;
  const weightsAt = (n: number): number[] => compilePreset(preset, n, opts).weights;
  const rows: SpreadRow[] = [];
  let exact = true;
  let deterministic = true;
  for (let n = 1; n <= maxQueues; n++) {
    // Per n: a preset that fails at one n (a table naming queues beyond n) says so in that row only.
    try {
      const compiled = compilePreset(preset, n, opts);
      const previousFailed = n > 1 && isFailedRow(rows[n - 2]);
      rows.push(spreadAtN(n, compiled, parsed, flows, model, previousFailed ? undefined : weightsAt));
      exact &&= compiled.exact;
      deterministic &&= compiled.deterministic;
    } catch (e) {
      rows.push({ n, error: errorMessage(e) });
    }
  }
  return { preset, exact: exact && deterministic, deterministic, model, flows: k, rows };
}

function spreadAtN(
  n: number,
  compiled: ReturnType<typeof compilePreset>,
  parsed: readonly ReturnType<typeof parseFlow>[],
  flows: readonly SpreadFlow[],
  model: ThroughputModel,
  weightsAt: ((n: number) => number[]) | undefined,
): SpreadAtN {
  const k = flows.length;
  const row: SpreadAtN = { n, pBalanced: 1, expectedMax: k, expectedThroughput: k > 0 ? 1 : 0 };
  if (k > 0) {
    const d = maxLoadDistribution(k, compiled.weights);
    row.pBalanced = pBalanced(d);
    row.expectedMax = expectedMax(d);
    row.expectedThroughput = expectedThroughput(model, k, compiled.weights, d);
    // Needs n − 1 too: left out when n − 1 failed.
    if (n > 1 && weightsAt) row.pSlowerThanPrevious = blipProbability(model, k, n, weightsAt).pSlower;
  }
  if (compiled.flowQueue) {
    const assign = parsed.map((p) => compiled.flowQueue!(p));
    const loads = new Array<number>(n).fill(0);
    for (const a of assign) loads[a.queue]++;
    row.assignments = assign;
    row.loads = loads;
    row.maxOverMean = k > 0 ? loads.reduce((a, b) => Math.max(a, b), 0) / (k / n) : 1;
    row.jain = jainIndex(loads);
    if (flows.every((f) => f.bytes !== undefined)) {
      const bytes = new Array<number>(n).fill(0);
      assign.forEach((a, i) => { bytes[a.queue] += flows[i].bytes ?? 0; });
      row.byteLoads = bytes;
    }
  }
  return row;
}
