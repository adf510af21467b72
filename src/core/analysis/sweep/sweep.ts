/**
 * The blog's graph, explained: measured aggregate throughput vs queue count, next to what a hashing scheme and
 * a throughput model expect (curve and 10–90 % band), each run's actual spread of streams over queues when it
 * is known, and every dip (mean at n below n−1) with how likely such a dip was. Pure: runs in, report out.
 */
import type { PresetOptions } from '../../hashing';
import type { IperfTest } from '../../iperf/model';
import { compareDistributions } from '../odds/blip';
import { fitQueueCapacity } from './fit';
import type { PresetCheck } from '../observed/presetFit';
import { maxLoadDistribution, pBalanced } from '../odds/maxLoad';
import { presetWeights, UNIFORM, WeightsPreset } from '../odds/presets';
import { runThroughput, RunThroughput, SweepRunInput, sweepTest } from './sweepInput';
import { checkPreset, fitThroughSpreads, KnownSpread, presetSpread, RunSpread, spreadFrom, streamQueuesOf } from './sweepSpread';
import { busyList, measuredSentences, presetFitSentence } from './sweepMeasured';
import { meanOf, meanOfDraws, quantile } from './sweepStats';
import { dipSentence, measuredDipText, noDipSentence, spreadFitSentence, summarySentence, throughputReason } from './sweepText';
import { readTrials, SweepTrialDip } from './sweepTrialDips';
import { attachQueueCpus, cpuSentences, CpuRun, ExplainedStep, explainSweepSteps } from './sweepCpuSteps';
import type { QueueCpuAnalysis } from '../queueCpu/queueCpu';
import { mean, throughputDistribution, ThroughputModel, ValueDistribution } from '../odds/throughput';
import { errorMessage } from '../../text';

export type { PresetCheck } from '../observed/presetFit';
export type { RunSpread } from './sweepSpread';

export interface SweepOptions {
  /** Hashing preset name or 'uniform' (default). */
  preset?: WeightsPreset;
  presetOptions?: PresetOptions;
  /** Throughput model, see throughput.ts (default 'A', work-conserving queues). */
  model?: ThroughputModel;
  /** Per-queue capacity c in bits/s; default: fitted to the runs (fitQueueCapacity). */
  capacityBps?: number;
  /** The band's quantile levels (default [0.1, 0.9]). */
  band?: [number, number];
  /** Queue counts the model curve covers (default 1..the largest measured). */
  queueRange?: [number, number];
}

export interface SweepRun {
  name: string;
  queues: number;
  trial?: number;
  streams: number;
  throughput: RunThroughput;
  spread?: RunSpread;
  /** An exact preset checked against the run's counters (only when both exist). */
  presetCheck?: PresetCheck;
  /** The run's queue configuration (its config/ folder): how many queues it really had, and why. */
  config?: { effective: number | null; offered: number | null; sentence: string };
  /** Its busy queues (counters, measured) mapped to CPUs (configuration), with shared CPUs and the CPU model. */
  queueCpu?: QueueCpuAnalysis;
  /** The model's expected throughput at this n, bits/s. */
  expectedBps: number;
  /** P(a run at this n is at or below this one) under the model: small = unusually slow. */
  percentile: number;
  inBand: boolean;
}

export interface SweepPoint {
  n: number;
  /** Measured aggregate throughput of every run at this n, bits/s, in run order (empty: not measured). */
  trials: number[];
  meanBps?: number;
  expectedBps: number;
  lowBps: number;
  highBps: number;
  /** The mean of the measured runs lies within [low, high]. */
  meanInBand?: boolean;
  pBalanced: number;
  /** P(one run at n is slower than one at n−1) under the model (n ≥ 2). */
  pSlowerThanPrevious?: number;
  /**
   * With several trials: of the trials with runs at n−1 and n (`steps`), how many fell by 5 % or more at n
   * (`fell`, measured) against steps × pSlowerThanPrevious (`expected`, modelled). Trials are independent, so
   * under the model `fell` is Binomial(steps, pSlowerThanPrevious); `pValue` is its exact two-sided test.
   */
  trialSteps?: { steps: number; fell: number; expected: number; pValue: number };
}

interface SweepDip {
  n: number;
  meanBps: number;
  previousMeanBps: number;
  /** (previous − mean) / previous. */
  drop: number;
  trials: number;
  previousTrials: number;
  /** blipProbability: one run at n slower than one at n−1. */
  pSlower: number;
  pSame: number;
  /** The mean of this many runs at n below the mean of that many at n−1. */
  pMeanSlower: number;
  sentence: string;
}

export interface SweepReport {
  preset: string;
  model: ThroughputModel;
  /** Streams per run (the model's k). */
  flows: number;
  band: [number, number];
  /**
   * bps: the per-queue capacity c behind the curve and band (fitQueueCapacity over the runs, or given); rmseBps:
   * the runs' distance from the expected curve (includes the luck of each run's spread). spreadFit: c fitted
   * through the runs' known spreads instead, and how closely the model then explains each run.
   */
  capacity: { bps: number; fitted: boolean; rmseBps: number; spreadFit?: { bps: number; rmseBps: number; runs: number } };
  points: SweepPoint[];
  runs: SweepRun[];
  dips: SweepDip[];
  /** Dips of single trials read on their own, as the blog's one run per queue count (see sweepTrialDips.ts). */
  trialDips: SweepTrialDip[];
  /** Dips (of the means, or of one trial) explained by fewer busy queues, fewer busy CPUs, or neither (runs with a configuration). */
  cpuSteps?: ExplainedStep[];
  /**
   * Counters beside the runs against an exact preset: `fits` false when any run's counters contradict it
   * (details in runs[].presetCheck). Absent without counters or without an exact preset.
   */
  presetFit?: { preset: string; runs: number; contradicted: number; fits: boolean; by?: 'counters' | 'throughput' };
  /**
   * Plain sentences: what the counters measured (busy queues per run) first, then the fit, each dip of the means
   * (or that there is none) and each trial's dips with the model's odds.
   */
  sentences: string[];
  warnings: string[];
}


/**
 * A run's throughput against an exact preset's busy queues, where no counters say which queues were busy: one queue
 * carries about what the one-queue runs carried, so a run that moved clearly more than `occupied` of them (by half a
 * queue's worth, for noise) had more queues busy than the preset gives it. Only a contradiction is reported: a lower
 * throughput has other causes, so it proves nothing.
 */
const THROUGHPUT_MARGIN = 0.5;

function throughputCheck(preset: string, run: SweepRun, p: KnownSpread, oneQueueBps: number): PresetCheck | undefined {
  const ratio = run.throughput.bitsPerSecond / oneQueueBps;
  if (!(ratio > p.occupied + THROUGHPUT_MARGIN)) return undefined;
  return {
    preset, occupied: p.occupied, loads: p.loads ?? [], fits: false, by: 'throughput',
    reason: throughputReason(run.streams, p.occupied, run.queues, run.throughput.bitsPerSecond, ratio, oneQueueBps),
  };
}

function mostCommon(xs: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
}

/** What the sweep was asked for, with the defaults filled in. */
interface SweepSetup {
  preset: WeightsPreset;
  presetOptions: PresetOptions | undefined;
  model: ThroughputModel;
  band: [number, number];
  weightsFor: (n: number) => number[];
}

/** A run whose log gave streams and a throughput. */
interface MeasuredRun { input: SweepRunInput; test: IperfTest; throughput: RunThroughput }

/** The model in bits/s at each n: the capacity c, the throughput distribution (computed once per n) and its band. */
interface ModelCurve {
  c: number;
  fitted: boolean;
  distAt: (n: number) => ValueDistribution;
  lowAt: (n: number) => number;
  highAt: (n: number) => number;
  within: (n: number, v: number) => boolean;
}

export function sweep(inputs: readonly SweepRunInput[], opts: SweepOptions = {}): SweepReport {
  const setup = sweepSetup(opts);
  const warnings: string[] = [];
  const { measured, k } = measuredRuns(inputs, warnings);
  const curve = modelCurve(setup, k, measured, opts.capacityBps);
  const known = knownSpreads(measured, setup, warnings);
  const spreadFit = fitThroughSpreads(measured.map((m, i) => ({ m, sq: known[i] })), setup.model);
  const runs = runsAgainstModel(measured, known, curve, setup, spreadFit?.bps ?? curve.c, warnings);
  const rmseBps = Math.sqrt(runs.reduce((s, r) => s + (r.throughput.bitsPerSecond - r.expectedBps) ** 2, 0) / runs.length);
  const ns = [...new Set(runs.map((r) => r.queues))].sort((a, b) => a - b);
  const points = curvePoints(runs, curve, setup, k, opts.queueRange ?? [1, ns[ns.length - 1]]);
  const dips = meanDips(runs, ns, curve, setup, k);
  const { presetFit, checked } = presetFitOf(runs, measured, setup);
  const sentences = [
    ...measuredSentences(runs),
    ...(presetFit ? [presetFitSentence(presetFit, checked)] : []),
    summarySentence(runs.length, k, ns, curve.c, curve.fitted, setup.model, setup.preset, rmseBps),
    ...(spreadFit ? [spreadFitSentence(spreadFit, setup.model)] : []),
    ...(dips.length === 0 ? [noDipSentence(ns)] : dips.map((d) => d.sentence)),
  ];
  // each trial on its own, as the blog's single sweep (sweepTrialDips.ts)
  const trials = readTrials(runs.map((r) => ({ ...r, bps: r.throughput.bitsPerSecond })), points, (n) => compareDistributions(curve.distAt(n), curve.distAt(n - 1)).less, k, setup.preset, setup.model);
  sentences.push(...trials.sentences);
  const cpu = queueCpuSteps(runs, measured, dips, trials.dips);
  sentences.push(...cpu.sentences);
  const report: SweepReport = {
    preset: setup.preset, model: setup.model, flows: k, band: setup.band,
    capacity: spreadFit ? { bps: curve.c, fitted: curve.fitted, rmseBps, spreadFit } : { bps: curve.c, fitted: curve.fitted, rmseBps },
    points, runs, dips, trialDips: trials.dips, sentences, warnings,
  };
  if (presetFit) report.presetFit = presetFit;
  if (cpu.steps.length) report.cpuSteps = cpu.steps;
  return report;
}

function sweepSetup(opts: SweepOptions): SweepSetup {
  const preset = opts.preset ?? UNIFORM;
  const band: [number, number] = opts.band ?? [0.1, 0.9];
  if (!(band[0] > 0 && band[0] < band[1] && band[1] <= 1)) throw new RangeError(`band must satisfy 0 < low < high ≤ 1, got ${band.join('–')}`);
  return { preset, presetOptions: opts.presetOptions, model: opts.model ?? 'A', band, weightsFor: presetWeights(preset, opts.presetOptions) };
}

/** Stage 1: what each log measured; k, the streams per run the model assumes, is the most common count. */
function measuredRuns(inputs: readonly SweepRunInput[], warnings: string[]): { measured: MeasuredRun[]; k: number } {
  const measured: MeasuredRun[] = [];
  for (const input of inputs) {
    if (!Number.isInteger(input.queues) || input.queues < 1) throw new RangeError(`${input.name}: queue count must be an integer ≥ 1, got ${input.queues}`);
    const test = sweepTest(input.log);
    if (!test) { warnings.push(`${input.name}: no streams in the log; left out`); continue; }
    if (input.log.tests.length > 1) warnings.push(`${input.name}: ${input.log.tests.length} tests in the log; the first with streams is used`);
    if (input.log.truncated) warnings.push(`${input.name}: the log is cut short`);
    const throughput = runThroughput(test);
    if (!(throughput.bitsPerSecond > 0)) { warnings.push(`${input.name}: no throughput in the log; left out`); continue; }
    measured.push({ input, test, throughput });
  }
  if (measured.length === 0) throw new Error('no run with a measured throughput');
  const k = mostCommon(measured.map((m) => m.test.streams.length));
  for (const m of measured) {
    if (m.test.streams.length !== k) warnings.push(`${m.input.name}: ${m.test.streams.length} streams, not ${k} like the others; the model assumes ${k}`);
  }
  return { measured, k };
}

/** Stage 2: the per-queue capacity (given, or fitted to the runs), then the model's distribution and band per n. */
function modelCurve(setup: SweepSetup, k: number, measured: readonly MeasuredRun[], capacityBps: number | undefined): ModelCurve {
  const distCache = new Map<number, ValueDistribution>();
  const distAt = (n: number): ValueDistribution => {
    let d = distCache.get(n);
    if (!d) distCache.set(n, (d = throughputDistribution(setup.model, k, setup.weightsFor(n))));
    return d;
  };
  if (capacityBps !== undefined && (!(capacityBps > 0) || !Number.isFinite(capacityBps))) throw new RangeError(`capacity must be a positive number of bits/s, got ${capacityBps}`);
  const c = capacityBps ?? fitQueueCapacity(measured.map((m) => ({ n: m.input.queues, throughput: m.throughput.bitsPerSecond })), k, setup.weightsFor, setup.model).capacity;
  const lowAt = (n: number): number => c * quantile(distAt(n), setup.band[0]);
  const highAt = (n: number): number => c * quantile(distAt(n), setup.band[1]);
  const within = (n: number, v: number): boolean => v >= lowAt(n) * (1 - 1e-9) && v <= highAt(n) * (1 + 1e-9);
  return { c, fitted: capacityBps === undefined, distAt, lowAt, highAt, within };
}

/** Stage 3: which queue each stream used, where known (a run without a spread says why in a warning). */
function knownSpreads(measured: readonly MeasuredRun[], setup: SweepSetup, warnings: string[]): Array<KnownSpread | undefined> {
  return measured.map(({ input, test }) => {
    try {
      const sq = streamQueuesOf(input, test, setup.preset, setup.presetOptions);
      if (!sq && input.portQueue) warnings.push(`${input.name}: the port → queue map does not cover every stream's local port`);
      return sq;
    } catch (e) {
      warnings.push(`${input.name}: no spread (${errorMessage(e)})`);
      return undefined;
    }
  });
}

/** Stage 4: each run against the model, with its spread (valued at spreadC) and the preset checked against its counters. */
function runsAgainstModel(
  measured: readonly MeasuredRun[], known: ReadonlyArray<KnownSpread | undefined>, curve: ModelCurve, setup: SweepSetup, spreadC: number, warnings: string[],
): SweepRun[] {
  return measured.map(({ input, test, throughput }, i) => {
    const n = input.queues;
    const d = curve.distAt(n);
    const v = throughput.bitsPerSecond;
    const run: SweepRun = {
      name: input.name,
      queues: n,
      streams: test.streams.length,
      throughput,
      expectedBps: curve.c * mean(d),
      percentile: d.filter((e) => curve.c * e.value <= v * (1 + 1e-9)).reduce((s, e) => s + e.p, 0),
      inBand: curve.within(n, v),
    };
    if (input.trial !== undefined) run.trial = input.trial;
    const sq = known[i];
    if (sq) run.spread = spreadFrom(sq, n, test.streams.length, setup.model, spreadC);
    if (sq?.counters) {
      try {
        const p = presetSpread(input, test, setup.preset, setup.presetOptions);
        if (p) run.presetCheck = checkPreset(setup.preset, n, p, sq.counters);
      } catch (e) {
        warnings.push(`${input.name}: preset not checked against the counters (${errorMessage(e)})`);
      }
    }
    return run;
  });
}

/** Stage 5: the curve and band over the measured range (or the one asked for), with the measured trials at each n. */
function curvePoints(runs: readonly SweepRun[], curve: ModelCurve, setup: SweepSetup, k: number, [from, to]: [number, number]): SweepPoint[] {
  const points: SweepPoint[] = [];
  for (let n = from; n <= Math.max(to, from); n++) {
    const trials = runs.filter((r) => r.queues === n).map((r) => r.throughput.bitsPerSecond);
    const point: SweepPoint = {
      n,
      trials,
      expectedBps: curve.c * mean(curve.distAt(n)),
      lowBps: curve.lowAt(n),
      highBps: curve.highAt(n),
      pBalanced: pBalanced(maxLoadDistribution(k, setup.weightsFor(n))),
    };
    if (trials.length) {
      point.meanBps = meanOf(trials);
      point.meanInBand = curve.within(n, point.meanBps);
    }
    if (n >= 2) point.pSlowerThanPrevious = compareDistributions(curve.distAt(n), curve.distAt(n - 1)).less;
    points.push(point);
  }
  return points;
}

/** Stage 6: the dips, a measured mean at n below the one at n−1, with the model's odds of such a dip. */
function meanDips(runs: readonly SweepRun[], ns: readonly number[], curve: ModelCurve, setup: SweepSetup, k: number): SweepDip[] {
  const runsAt = new Map(ns.map((n) => [n, runs.filter((r) => r.queues === n)]));
  const dips: SweepDip[] = [];
  for (const n of ns) {
    const now = runsAt.get(n);
    const before = runsAt.get(n - 1);
    if (!now || !before) continue;
    const m = meanOf(now.map((r) => r.throughput.bitsPerSecond));
    const pm = meanOf(before.map((r) => r.throughput.bitsPerSecond));
    if (!(m < pm)) continue;
    const single = compareDistributions(curve.distAt(n), curve.distAt(n - 1));
    const pMeanSlower = compareDistributions(meanOfDraws(curve.distAt(n), now.length), meanOfDraws(curve.distAt(n - 1), before.length)).less;
    const measured = measuredDip(now, before, n);
    const sentence = dipSentence({ n, m, pm, t: now.length, tp: before.length, pSlower: single.less, pMeanSlower, k, preset: setup.preset, model: setup.model }, measured?.fewer ?? false);
    dips.push({
      n, meanBps: m, previousMeanBps: pm, drop: (pm - m) / pm, trials: now.length, previousTrials: before.length,
      pSlower: single.less, pSame: single.equal, pMeanSlower,
      sentence: (measured?.text ?? '') + sentence,
    });
  }
  return dips;
}

/**
 * Stage 7: the exact preset against the runs: by their counters (stage 4), or, with no counters anywhere, by their
 * throughputs, which still bound how many queues were busy (throughputCheck).
 */
function presetFitOf(runs: SweepRun[], measured: readonly MeasuredRun[], setup: SweepSetup): { presetFit: SweepReport['presetFit']; checked: SweepRun[] } {
  const { preset } = setup;
  let examined = 0;
  const oneQueue = runs.filter((r) => r.queues === 1).map((r) => r.throughput.bitsPerSecond);
  if (!runs.some((r) => r.presetCheck) && oneQueue.length > 0 && meanOf(oneQueue) > 0) {
    measured.forEach(({ input, test }, i) => {
      if (input.queues < 2) return;
      let p: KnownSpread | undefined;
      try { p = presetSpread(input, test, preset, setup.presetOptions); } catch { return; }
      if (!p) return;
      examined++;
      const check = throughputCheck(preset, runs[i], p, meanOf(oneQueue));
      if (check) runs[i].presetCheck = check;
    });
  }
  const checked = runs.filter((r) => r.presetCheck);
  const presetFit = checked.length > 0
    ? examined > 0
      ? { preset, runs: examined, contradicted: checked.length, fits: false, by: 'throughput' as const }
      : { preset, runs: checked.length, contradicted: checked.filter((r) => !r.presetCheck!.fits).length, fits: checked.every((r) => r.presetCheck!.fits), by: 'counters' as const }
    : undefined;
  return { presetFit, checked };
}

/** Stage 8: queue → CPU, where the runs saved their queue configuration (sweepCpuSteps.ts). */
function queueCpuSteps(runs: SweepRun[], measured: readonly MeasuredRun[], dips: readonly SweepDip[], trialDips: readonly SweepTrialDip[]): { steps: ExplainedStep[]; sentences: string[] } {
  const cpuRuns: CpuRun[] = runs.map((r, i) => ({
    name: r.name, queues: r.queues, trial: r.trial, bps: r.throughput.bitsPerSecond, config: measured[i].input.config,
    queueBytes: r.spread?.counters?.queueBytes, occupied: r.spread?.occupied, traced: measured[i].input.tracedCpus,
  }));
  attachQueueCpus(cpuRuns);
  cpuRuns.forEach((c, i) => {
    if (c.config) runs[i].config = { effective: c.config.effective, offered: c.config.offered, sentence: c.config.sentence };
    if (c.queueCpu) runs[i].queueCpu = c.queueCpu;
  });
  const steps = explainSweepSteps(cpuRuns, dips.map((d) => d.n), trialDips.map((d) => ({ n: d.n, trial: d.trial })));
  return { steps, sentences: cpuSentences(cpuRuns, steps) };
}

/** What was measured at a dip, said before the model's odds: busy queues at n and n−1 when every run's are known. */
function measuredDip(now: readonly SweepRun[], before: readonly SweepRun[], n: number): { text: string; fewer: boolean } | undefined {
  const measured = (rs: readonly SweepRun[]): boolean => rs.every((r) => r.spread?.source === 'observed');
  if (!measured(now) || !measured(before)) return undefined;
  const list = (rs: readonly SweepRun[]): string => busyList(rs.map((r) => r.spread!.occupied));
  const avg = (rs: readonly SweepRun[]): number => meanOf(rs.map((r) => r.spread!.occupied));
  const fewer = avg(now) < avg(before);
  return { fewer, text: measuredDipText(list(now), list(before), n, fewer) };
}
