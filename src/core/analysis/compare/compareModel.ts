// What `queue-lens compare A B` and the editor's Compare Two Run Sets… report (types only: the webview imports them).

/** B against A: "same" = no difference beyond hash luck; "spread-only" = the difference is where the streams landed. */
export type CompareVerdict = 'same' | 'faster-per-queue' | 'slower-per-queue' | 'spread-only';

/** A ratio B / A with its interval (see CompareMethod for how the interval was made). */
export interface RatioEstimate {
  value: number;
  low: number;
  high: number;
}

/** One run as the comparison reads it (measured: throughput from the log, busy queues from counters or the port map). */
export interface CompareRun {
  name: string;
  queues: number;
  trial?: number;
  streams: number;
  /** Aggregate throughput, bits/s (measured). */
  bps: number;
  /** Queues that carried streams (measured); absent when the run has no counters and no port map. */
  busy?: number;
}

/** One run set's summary and whether its busy-queue counts fit the model's odds. */
export interface CompareSet {
  label: string;
  runs: CompareRun[];
  /** Streams per run (the model's k; the most common). */
  streams: number;
  /** Runs whose busy queues were measured. */
  busyMeasured: number;
  /** The fit of the measured busy-queue counts to the model's busy-queue distribution; absent without measurements. */
  busyFit?: BusyFit;
  warnings: string[];
}

/**
 * Pearson's X² of the measured busy-queue counts against the model's busy-queue distribution, summed over the queue
 * counts (cells: (n, busy) with non-zero model probability), with its p-value by a seeded Monte Carlo of the same
 * statistic under the model (the runs' busy counts drawn from the exact distribution): no large-sample approximation.
 */
export interface BusyFit {
  test: 'pearson-chi-square-monte-carlo';
  statistic: number;
  /** (1 + draws with X² ≥ observed) / (1 + draws); 0 when a run used a busy count the model gives probability 0. */
  pValue: number;
  draws: number;
  seed: number;
  /** Runs and queue counts (n ≥ 2) in the test. */
  runs: number;
  queueCounts: number;
  /** Per n: measured busy counts against the model's expectation (runs × P(busy = o)), o = 0..n. */
  cells: Array<{ n: number; observed: number[]; expected: number[] }>;
}

/** The two sets at one queue count. */
export interface ComparePoint {
  n: number;
  aRuns: number;
  bRuns: number;
  /** Mean aggregate throughput, bits/s (measured). */
  aMeanBps?: number;
  bMeanBps?: number;
  /** Mean busy queues among the runs where measured. */
  aBusyMean?: number;
  bBusyMean?: number;
  /** Mean throughput per busy queue, bits/s (measured throughput / measured busy queues). */
  aPerBusyBps?: number;
  bPerBusyBps?: number;
  /** B / A of the mean throughput, with its interval; only with ≥ 2 runs in each set. */
  throughput?: RatioEstimate;
  /** B / A of the mean throughput per busy queue; only with ≥ 2 runs with measured busy queues in each set. */
  perBusyQueue?: RatioEstimate;
  /** Runs per measured busy count: the comparison stratified by where the streams landed. */
  strata: Array<{ busy: number; aRuns: number; bRuns: number; aMeanBps?: number; bMeanBps?: number }>;
}

export interface CompareMethod {
  interval: 'bootstrap-percentile';
  /** Two-sided level of every interval (0.99: two intervals decide the verdict, so each is held to 1 %). */
  level: number;
  resamples: number;
  seed: number;
  /** The smallest relative change the verdict calls a difference (the interval must also exclude no change). */
  minEffect: number;
  /** Runs are resampled with replacement within each set and queue count. */
  resampledWithin: 'set and queue count';
  /** What the throughput is divided by: the busy queues the runs measured, or (without any) the model's expectation. */
  conditionedOn: 'measured busy queues' | 'modelled busy queues';
  preset: string;
}

export interface CompareReport {
  a: CompareSet;
  b: CompareSet;
  method: CompareMethod;
  points: ComparePoint[];
  /** Σ_n mean B / Σ_n mean A over the queue counts both sets measured with ≥ 2 runs. */
  throughput: RatioEstimate;
  /** The same per busy queue: the difference with the spread of the streams taken out. */
  perBusyQueue: RatioEstimate;
  /** Mean busy queues over those queue counts (measured), A and B. */
  busy?: { a: number; b: number };
  verdict: CompareVerdict;
  /** The verdict as a sentence, then the figures behind it. */
  sentences: string[];
  warnings: string[];
}
