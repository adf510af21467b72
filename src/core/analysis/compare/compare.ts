/**
 * Two run sets, B against A, beyond hash luck: throughput per queue count, the same per busy queue (the difference
 * with the streams' spread taken out), whether each set's busy-queue counts fit the model's odds, and a verdict.
 * Pure: runs in (read by the sweep's loader), report out. Each run is read by the sweep engine, so throughput and
 * busy queues mean exactly what Compare Queue Counts shows.
 */
import { PresetOptions } from '../../hashing';
import { expectedOccupied } from '../odds/occupancy';
import { presetWeights, UNIFORM, WeightsPreset } from '../odds/presets';
import { sweep } from '../sweep/sweep';
import type { SweepRunInput } from '../sweep/sweepInput';
import { bootstrapRatio, Stratum } from './bootstrap';
import { busyQueueFit } from './busyFit';
import { compareSentences } from './compareText';
import type { CompareMethod, ComparePoint, CompareReport, CompareRun, CompareSet, CompareVerdict, RatioEstimate } from './compareModel';
import { errorMessage } from '../../text';

export interface CompareOptions {
  preset?: WeightsPreset;
  presetOptions?: PresetOptions;
  /** Two-sided level of the intervals (default 0.99). */
  level?: number;
  /** Bootstrap resamples (default 10 000) and the seed of the bootstrap and of the busy-queue test (default 1). */
  resamples?: number;
  seed?: number;
  /** Monte Carlo draws of the busy-queue test (default 10 000). */
  fitDraws?: number;
  /**
   * The smallest relative change called a difference (default 0.01): an interval that excludes no change but whose
   * estimate is within 1 % is still "same" (htb-capped queues measure to 0.1 %, so tiny set-up drifts would count).
   */
  minEffect?: number;
}

export const COMPARE_DEFAULTS = { level: 0.99, resamples: 10_000, seed: 1, fitDraws: 10_000, minEffect: 0.01 } as const;

/** The runs of one set as the sweep engine reads them: throughput, and busy queues only where measured. */
function readSet(label: string, inputs: readonly SweepRunInput[], preset: WeightsPreset, presetOptions: PresetOptions | undefined): Omit<CompareSet, 'busyFit'> {
  let report: ReturnType<typeof sweep>;
  try {
    report = sweep(inputs, { preset, presetOptions });
  } catch (e) {
    throw new Error(`${label}: ${errorMessage(e)}`);
  }
  const runs: CompareRun[] = report.runs.map((r) => {
    const run: CompareRun = { name: r.name, queues: r.queues, streams: r.streams, bps: r.throughput.bitsPerSecond };
    if (r.trial !== undefined) run.trial = r.trial;
    if (r.spread?.source === 'observed') run.busy = r.spread.occupied;
    return run;
  });
  return { label, runs, streams: report.flows, busyMeasured: runs.filter((r) => r.busy !== undefined).length, warnings: report.warnings.map((w) => `${label}: ${w}`) };
}

const meanOf = (xs: readonly number[]): number | undefined => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : undefined);

/** A run's throughput per busy queue: by its measured busy queues, or by the model's expectation when `modelled`. */
function perBusy(r: CompareRun, modelled: boolean, expectedBusy: (n: number, k: number) => number): number | undefined {
  if (modelled) return r.bps / expectedBusy(r.queues, r.streams);
  return r.busy ? r.bps / r.busy : undefined;
}

/** Above or below no change: the interval excludes 1 and the estimate is at least minEffect away from it. */
function changed(e: RatioEstimate, minEffect: number): 1 | -1 | 0 {
  if (e.low > 1 && e.value >= 1 + minEffect) return 1;
  if (e.high < 1 && e.value <= 1 - minEffect) return -1;
  return 0;
}

function verdictOf(throughput: RatioEstimate, perQueue: RatioEstimate, minEffect: number): CompareVerdict {
  const q = changed(perQueue, minEffect);
  if (q > 0) return 'faster-per-queue';
  if (q < 0) return 'slower-per-queue';
  return changed(throughput, minEffect) !== 0 ? 'spread-only' : 'same';
}

export function compareRunSets(a: { label: string; runs: readonly SweepRunInput[] }, b: { label: string; runs: readonly SweepRunInput[] }, opts: CompareOptions = {}): CompareReport {
  const { preset, level, resamples, seed, fitDraws, minEffect } = compareSettings(opts);
  const weightsFor = presetWeights(preset, opts.presetOptions);
  const setA = readSet(a.label, a.runs, preset, opts.presetOptions);
  const setB = readSet(b.label, b.runs, preset, opts.presetOptions);
  const warnings = [...setA.warnings, ...setB.warnings];
  if (setA.streams !== setB.streams) warnings.push(`${a.label} runs ${setA.streams} streams and ${b.label} ${setB.streams}: the per-queue comparison still holds, the raw one compares unlike runs`);

  // measured busy queues condition the comparison when every compared run has them; else the model's expectation
  const ns = [...new Set([...setA.runs, ...setB.runs].map((r) => r.queues))].sort((x, y) => x - y);
  const at = (s: Omit<CompareSet, 'busyFit'>, n: number): CompareRun[] => s.runs.filter((r) => r.queues === n);
  const compared = ns.filter((n) => at(setA, n).length >= 2 && at(setB, n).length >= 2);
  if (compared.length === 0) throw new Error(`no queue count has at least two runs in both sets (${a.label}: ${setA.runs.length} runs, ${b.label}: ${setB.runs.length}); a difference cannot be told from run-to-run luck`);
  for (const n of ns) {
    if (!compared.includes(n)) warnings.push(`n = ${n}: ${at(setA, n).length} run(s) in ${a.label}, ${at(setB, n).length} in ${b.label}; left out of the verdict (it needs two in each)`);
  }
  const comparedRuns = compared.flatMap((n) => [...at(setA, n), ...at(setB, n)]);
  const modelled = !comparedRuns.every((r) => r.busy !== undefined);
  if (modelled && comparedRuns.some((r) => r.busy !== undefined)) {
    warnings.push('busy queues were measured for only some runs; the per-queue figures divide by the model\'s expected busy queues for all of them');
  }
  const busyCache = new Map<string, number>();
  const expectedBusy = (n: number, k: number): number => {
    const key = `${n}/${k}`;
    let v = busyCache.get(key);
    if (v === undefined) busyCache.set(key, (v = expectedOccupied(k, weightsFor(n))));
    return v;
  };
  const per = (rs: CompareRun[]): number[] => rs.map((r) => perBusy(r, modelled, expectedBusy)).filter((x): x is number => x !== undefined);
  const points: ComparePoint[] = ns.map((n) => {
    const p = comparePoint(n, at(setA, n), at(setB, n), per);
    if (compared.includes(n)) {
      p.throughput = bootstrapRatio([{ a: at(setA, n).map((r) => r.bps), b: at(setB, n).map((r) => r.bps) }], level, resamples, seed + n);
      p.perBusyQueue = bootstrapRatio([{ a: per(at(setA, n)), b: per(at(setB, n)) }], level, resamples, seed + 1000 + n);
    }
    return p;
  });

  const strata = (f: (rs: CompareRun[]) => number[]): Stratum[] => compared.map((n) => ({ a: f(at(setA, n)), b: f(at(setB, n)) }));
  const throughput = bootstrapRatio(strata((rs) => rs.map((r) => r.bps)), level, resamples, seed);
  const perBusyQueue = bootstrapRatio(strata((rs) => rs.map((r) => perBusy(r, modelled, expectedBusy) as number)), level, resamples, seed);
  const verdict = verdictOf(throughput, perBusyQueue, minEffect);

  const method: CompareMethod = {
    interval: 'bootstrap-percentile', level, resamples, seed, minEffect, resampledWithin: 'set and queue count',
    conditionedOn: modelled ? 'modelled busy queues' : 'measured busy queues', preset,
  };
  const fit = (s: Omit<CompareSet, 'busyFit'>): CompareSet => withBusyFit(s, weightsFor, fitDraws, seed);
  const report: CompareReport = {
    a: fit(setA), b: fit(setB), method, points, throughput, perBusyQueue, verdict, sentences: [], warnings,
  };
  if (!modelled) {
    const busyOver = (s: Omit<CompareSet, 'busyFit'>): number => meanOf(compared.flatMap((n) => at(s, n).map((r) => r.busy as number))) as number;
    report.busy = { a: busyOver(setA), b: busyOver(setB) };
  }
  report.sentences = compareSentences(report, compared);
  return report;
}

/** The options with their defaults, each checked: a bad one throws before any run is read. */
function compareSettings(opts: CompareOptions): { preset: WeightsPreset; level: number; resamples: number; seed: number; fitDraws: number; minEffect: number } {
  const preset = opts.preset ?? UNIFORM;
  const level = opts.level ?? COMPARE_DEFAULTS.level;
  const resamples = opts.resamples ?? COMPARE_DEFAULTS.resamples;
  const seed = opts.seed ?? COMPARE_DEFAULTS.seed;
  const fitDraws = opts.fitDraws ?? COMPARE_DEFAULTS.fitDraws;
  const minEffect = opts.minEffect ?? COMPARE_DEFAULTS.minEffect;
  if (!(minEffect >= 0 && minEffect < 1)) throw new RangeError(`minimum effect must be in [0, 1), got ${minEffect}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (!Number.isInteger(resamples) || resamples < 100) throw new RangeError(`at least 100 resamples, got ${resamples}`);
  return { preset, level, resamples, seed, fitDraws, minEffect };
}

/** One queue count's means (measured) and its runs by busy-queue stratum; the ratios are added by the caller. */
function comparePoint(n: number, ra: CompareRun[], rb: CompareRun[], per: (rs: CompareRun[]) => number[]): ComparePoint {
  const busyMean = (rs: CompareRun[]): number | undefined => meanOf(rs.filter((r) => r.busy !== undefined).map((r) => r.busy as number));
  const busies = [...new Set([...ra, ...rb].filter((r) => r.busy !== undefined).map((r) => r.busy as number))].sort((x, y) => x - y);
  const p: ComparePoint = {
    n, aRuns: ra.length, bRuns: rb.length,
    strata: busies.map((busy) => {
      const sa = ra.filter((r) => r.busy === busy).map((r) => r.bps);
      const sb = rb.filter((r) => r.busy === busy).map((r) => r.bps);
      const s: ComparePoint['strata'][number] = { busy, aRuns: sa.length, bRuns: sb.length };
      if (sa.length) s.aMeanBps = meanOf(sa);
      if (sb.length) s.bMeanBps = meanOf(sb);
      return s;
    }),
  };
  const set = <K extends keyof ComparePoint>(k: K, v: ComparePoint[K] | undefined): void => { if (v !== undefined) p[k] = v; };
  set('aMeanBps', meanOf(ra.map((r) => r.bps)));
  set('bMeanBps', meanOf(rb.map((r) => r.bps)));
  set('aBusyMean', busyMean(ra));
  set('bBusyMean', busyMean(rb));
  set('aPerBusyBps', meanOf(per(ra)));
  set('bPerBusyBps', meanOf(per(rb)));
  return p;
}

/** The set with the busy-queue fit of its measured runs, when it has enough of them. */
function withBusyFit(s: Omit<CompareSet, 'busyFit'>, weightsFor: ReturnType<typeof presetWeights>, fitDraws: number, seed: number): CompareSet {
  const measured = s.runs.filter((r) => r.busy !== undefined).map((r) => ({ queues: r.queues, streams: r.streams, busy: r.busy as number }));
  const f = busyQueueFit(measured, weightsFor, fitDraws, seed);
  return f ? { ...s, busyFit: f } : { ...s };
}
