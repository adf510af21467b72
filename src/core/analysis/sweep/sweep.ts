/**
 * The blog's graph, explained: measured aggregate throughput vs queue count, next to what a hashing scheme and
 * a throughput model expect (curve and 10–90 % band), each run's actual spread of streams over queues when it
 * is known, and every dip (mean at n below n−1) with how likely such a dip was. Pure: runs in, report out.
 */
import { compilePreset, parseFlow, PresetOptions } from '../../hashing';
import { IperfStream, IperfTest } from '../../iperf/model';
import { compareDistributions } from '../odds/blip';
import { fitQueueCapacity } from './fit';
import { maxLoadDistribution, pBalanced } from '../odds/maxLoad';
import { presetWeights, UNIFORM } from '../odds/presets';
import { runThroughput, RunThroughput, SweepRunInput, sweepTest } from './sweepInput';
import { meanOf, meanOfDraws, quantile } from './sweepStats';
import { formatRate, pct, prob, verdict } from './sweepText';
import { readTrials, SweepTrialDip } from './sweepTrialDips';
import { mean, throughputDistribution, ThroughputModel, ValueDistribution } from '../odds/throughput';

export { formatRate } from './sweepText';

export interface SweepOptions {
  /** Hashing preset name or 'uniform' (default). */
  preset?: string;
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

/** Which queue each stream of a run used and what that spread means under the model. */
export interface RunSpread {
  /** 'observed': from the run's recorded port → queue map; 'preset': the exact preset applied to the logged 4-tuples. */
  source: 'observed' | 'preset';
  streamQueues: Array<{ streamId: number; port?: number; queue: number }>;
  /** Streams per queue. */
  loads: number[];
  maxLoad: number;
  /** Non-empty queues. */
  occupied: number;
  /**
   * The model's throughput for exactly this spread, bits/s (A: c·occupied; B: c·min(n, k/maxLoad)), with c the
   * capacity fitted through the known spreads (capacity.spreadFit) when there is one.
   */
  modelBps: number;
}

export interface SweepRun {
  name: string;
  queues: number;
  trial?: number;
  streams: number;
  throughput: RunThroughput;
  spread?: RunSpread;
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

export interface SweepDip {
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
  /** Plain sentences: the fit, then each dip of the means (or that there is none), then each trial's dips. */
  sentences: string[];
  warnings: string[];
}


function modelValue(model: ThroughputModel, n: number, k: number, loads: readonly number[]): number {
  const occupied = loads.filter((l) => l > 0).length;
  const max = Math.max(0, ...loads);
  return model === 'A' ? occupied : max > 0 ? Math.min(n, k / max) : 0;
}

function spreadFrom(source: RunSpread['source'], n: number, k: number, qs: RunSpread['streamQueues'], model: ThroughputModel, c: number): RunSpread {
  const loads = new Array<number>(n).fill(0);
  for (const s of qs) loads[s.queue]++;
  return {
    source,
    streamQueues: qs,
    loads,
    maxLoad: Math.max(0, ...loads),
    occupied: loads.filter((l) => l > 0).length,
    modelBps: c * modelValue(model, n, k, loads),
  };
}

/** The sending end of a stream: data leaves `local` unless this host received it (-R, or a server log). */
function senderFlow(s: IperfStream): { src: { ip: string; port: number }; dst: { ip: string; port: number } } | undefined {
  if (!s.local || !s.remote) return undefined;
  return s.role === 'sender' ? { src: s.local, dst: s.remote } : { src: s.remote, dst: s.local };
}

function streamQueuesOf(input: SweepRunInput, test: IperfTest, preset: string, opts: PresetOptions | undefined): {
  source: RunSpread['source'];
  qs: RunSpread['streamQueues'];
} | undefined {
  if (input.portQueue) {
    const qs: RunSpread['streamQueues'] = [];
    for (const s of test.streams) {
      const q = s.local ? input.portQueue[String(s.local.port)] : undefined;
      if (q === undefined) return undefined;
      qs.push({ streamId: s.id, port: s.local?.port, queue: q });
    }
    return { source: 'observed', qs };
  }
  if (preset === UNIFORM) return undefined;
  const compiled = compilePreset(preset, input.queues, opts);
  if (!compiled.exact || !compiled.flowQueue) return undefined;
  const qs: RunSpread['streamQueues'] = [];
  for (const s of test.streams) {
    const f = senderFlow(s);
    if (!f) return undefined;
    const q = compiled.flowQueue(parseFlow({ proto: test.protocol, src: f.src, dst: f.dst })).queue;
    qs.push({ streamId: s.id, port: f.src.port, queue: q });
  }
  return { source: 'preset', qs };
}

/** c through the origin over the runs whose spread is known: Σ y·x / Σ x², x = the model's value of that spread. */
function fitThroughSpreads(
  rows: Array<{ m: { input: SweepRunInput; test: IperfTest; throughput: RunThroughput }; sq: { qs: RunSpread['streamQueues'] } | undefined }>,
  model: ThroughputModel,
): { bps: number; rmseBps: number; runs: number } | undefined {
  const pts: Array<{ x: number; y: number }> = [];
  for (const { m, sq } of rows) {
    if (!sq) continue;
    const loads = new Array<number>(m.input.queues).fill(0);
    for (const s of sq.qs) loads[s.queue]++;
    pts.push({ x: modelValue(model, m.input.queues, m.test.streams.length, loads), y: m.throughput.bitsPerSecond });
  }
  const sxx = pts.reduce((s, p) => s + p.x * p.x, 0);
  if (pts.length === 0 || !(sxx > 0)) return undefined;
  const bps = pts.reduce((s, p) => s + p.x * p.y, 0) / sxx;
  const rmseBps = Math.sqrt(pts.reduce((s, p) => s + (p.y - bps * p.x) ** 2, 0) / pts.length);
  return { bps, rmseBps, runs: pts.length };
}

function mostCommon(xs: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
}

export function sweep(inputs: readonly SweepRunInput[], opts: SweepOptions = {}): SweepReport {
  const preset = opts.preset ?? UNIFORM;
  const model = opts.model ?? 'A';
  const band: [number, number] = opts.band ?? [0.1, 0.9];
  if (!(band[0] > 0 && band[0] < band[1] && band[1] <= 1)) throw new RangeError(`band must satisfy 0 < low < high ≤ 1, got ${band.join('–')}`);
  const weightsFor = presetWeights(preset, opts.presetOptions);
  const warnings: string[] = [];

  // 1. what each log measured
  const measured: Array<{ input: SweepRunInput; test: IperfTest; throughput: RunThroughput }> = [];
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

  // 2. the model: per-queue capacity, then distributions per n
  const distCache = new Map<number, ValueDistribution>();
  const distAt = (n: number): ValueDistribution => {
    let d = distCache.get(n);
    if (!d) distCache.set(n, (d = throughputDistribution(model, k, weightsFor(n))));
    return d;
  };
  let c: number;
  let fitted: boolean;
  if (opts.capacityBps !== undefined) {
    if (!(opts.capacityBps > 0) || !Number.isFinite(opts.capacityBps)) throw new RangeError(`capacity must be a positive number of bits/s, got ${opts.capacityBps}`);
    c = opts.capacityBps;
    fitted = false;
  } else {
    c = fitQueueCapacity(measured.map((m) => ({ n: m.input.queues, throughput: m.throughput.bitsPerSecond })), k, weightsFor, model).capacity;
    fitted = true;
  }
  const lowAt = (n: number): number => c * quantile(distAt(n), band[0]);
  const highAt = (n: number): number => c * quantile(distAt(n), band[1]);
  const within = (n: number, v: number): boolean => v >= lowAt(n) * (1 - 1e-9) && v <= highAt(n) * (1 + 1e-9);

  // 3. which queue each stream used, where known; then c fitted through those spreads (one-parameter least squares)
  const known = measured.map(({ input, test }) => {
    try {
      const sq = streamQueuesOf(input, test, preset, opts.presetOptions);
      if (!sq && input.portQueue) warnings.push(`${input.name}: the port → queue map does not cover every stream's local port`);
      return sq;
    } catch (e) {
      warnings.push(`${input.name}: no spread (${e instanceof Error ? e.message : String(e)})`);
      return undefined;
    }
  });
  const spreadFit = fitThroughSpreads(measured.map((m, i) => ({ m, sq: known[i] })), model);
  const spreadC = spreadFit?.bps ?? c;

  // 4. each run against the model
  const runs: SweepRun[] = measured.map(({ input, test, throughput }, i) => {
    const n = input.queues;
    const d = distAt(n);
    const v = throughput.bitsPerSecond;
    const run: SweepRun = {
      name: input.name,
      queues: n,
      streams: test.streams.length,
      throughput,
      expectedBps: c * mean(d),
      percentile: d.filter((e) => c * e.value <= v * (1 + 1e-9)).reduce((s, e) => s + e.p, 0),
      inBand: within(n, v),
    };
    if (input.trial !== undefined) run.trial = input.trial;
    const sq = known[i];
    if (sq) run.spread = spreadFrom(sq.source, n, test.streams.length, sq.qs, model, spreadC);
    return run;
  });
  const rmseBps = Math.sqrt(runs.reduce((s, r) => s + (r.throughput.bitsPerSecond - r.expectedBps) ** 2, 0) / runs.length);

  // 5. the curve, over the measured range (or the one asked for)
  const ns = [...new Set(runs.map((r) => r.queues))].sort((a, b) => a - b);
  const [from, to] = opts.queueRange ?? [1, ns[ns.length - 1]];
  const points: SweepPoint[] = [];
  for (let n = from; n <= Math.max(to, from); n++) {
    const trials = runs.filter((r) => r.queues === n).map((r) => r.throughput.bitsPerSecond);
    const point: SweepPoint = {
      n,
      trials,
      expectedBps: c * mean(distAt(n)),
      lowBps: lowAt(n),
      highBps: highAt(n),
      pBalanced: pBalanced(maxLoadDistribution(k, weightsFor(n))),
    };
    if (trials.length) {
      point.meanBps = meanOf(trials);
      point.meanInBand = within(n, point.meanBps);
    }
    if (n >= 2) point.pSlowerThanPrevious = compareDistributions(distAt(n), distAt(n - 1)).less;
    points.push(point);
  }

  // 6. the dips: a measured mean at n below the one at n−1
  const meanAt = new Map(ns.map((n) => [n, runs.filter((r) => r.queues === n)]));
  const dips: SweepDip[] = [];
  for (const n of ns) {
    const now = meanAt.get(n);
    const before = meanAt.get(n - 1);
    if (!now || !before) continue;
    const m = meanOf(now.map((r) => r.throughput.bitsPerSecond));
    const pm = meanOf(before.map((r) => r.throughput.bitsPerSecond));
    if (!(m < pm)) continue;
    const single = compareDistributions(distAt(n), distAt(n - 1));
    const pMeanSlower = compareDistributions(meanOfDraws(distAt(n), now.length), meanOfDraws(distAt(n - 1), before.length)).less;
    dips.push({
      n, meanBps: m, previousMeanBps: pm, drop: (pm - m) / pm, trials: now.length, previousTrials: before.length,
      pSlower: single.less, pSame: single.equal, pMeanSlower,
      sentence: dipSentence(n, m, pm, now.length, before.length, single.less, pMeanSlower, k, preset, model),
    });
  }

  const sentences = [
    `${runs.length} run${runs.length === 1 ? '' : 's'} of ${k} streams at ${ns.length} queue count${ns.length === 1 ? '' : 's'} ` +
      `(${ns[0]}–${ns[ns.length - 1]}); per-queue capacity ${formatRate(c)} ` +
      `${fitted ? 'fitted to them' : 'as given'} (model ${model}, ${preset}; rms residual ${formatRate(rmseBps)}).`,
  ];
  if (spreadFit) {
    sentences.push(
      `With each run's actual spread (${spreadFit.runs} run${spreadFit.runs === 1 ? '' : 's'} where it is known), model ${model} ` +
        `gives ${formatRate(spreadFit.bps)} per queue and misses a run by ${formatRate(spreadFit.rmseBps)} rms.`,
    );
  }
  if (dips.length === 0) {
    sentences.push(`No dip in the means: the mean measured throughput never falls when a queue is added (n = ${ns[0]}–${ns[ns.length - 1]}).`);
  } else {
    sentences.push(...dips.map((d) => d.sentence));
  }

  // 7. each trial on its own, as the blog's single sweep (sweepTrialDips.ts)
  const trials = readTrials(runs.map((r) => ({ ...r, bps: r.throughput.bitsPerSecond })), points, (n) => compareDistributions(distAt(n), distAt(n - 1)).less, k, preset, model);
  sentences.push(...trials.sentences);
  return {
    preset, model, flows: k, band, capacity: spreadFit ? { bps: c, fitted, rmseBps, spreadFit } : { bps: c, fitted, rmseBps },
    points, runs, dips, trialDips: trials.dips, sentences, warnings,
  };
}

function dipSentence(n: number, m: number, pm: number, t: number, tp: number, pSlower: number, pMeanSlower: number, k: number, preset: string, model: ThroughputModel): string {
  const runs = (x: number): string => (x === 1 ? 'one run' : `the mean of ${x} runs`);
  const meanSentence = t === 1 && tp === 1
    ? ''
    : ` For ${t} run${t === 1 ? '' : 's'} at ${n} against ${tp} at ${n - 1}, a lower mean has probability ${prob(pMeanSlower)}.`;
  return (
    `Dip at ${n} queues: ${runs(t)} gave ${formatRate(m)}, ${pct((pm - m) / pm)} below ${runs(tp)} at ${n - 1} queues ` +
    `(${formatRate(pm)}). With ${k} streams spread by ${preset} (model ${model}), a run at ${n} queues is slower than one ` +
    `at ${n - 1} with probability ${prob(pSlower)}${verdict(pSlower)}.` +
    meanSentence
  );
}
