/**
 * The blog's graph, explained: measured aggregate throughput vs queue count, next to what a hashing scheme and
 * a throughput model expect (curve and 10–90 % band), each run's actual spread of streams over queues when it
 * is known, and every dip (mean at n below n−1) with how likely such a dip was. Pure: runs in, report out.
 */
import { compilePreset, parseFlow, PresetOptions } from '../../hashing';
import { IperfStream, IperfTest } from '../../iperf/model';
import { compareDistributions } from '../odds/blip';
import { fitQueueCapacity } from './fit';
import { checkPresetQueues, PresetCheck } from '../observed/presetFit';
import { streamKey } from '../observed/streamKey';
import { maxLoadDistribution, pBalanced } from '../odds/maxLoad';
import { presetWeights, UNIFORM } from '../odds/presets';
import { runThroughput, RunCountersInput, RunThroughput, SweepRunInput, sweepTest } from './sweepInput';
import { busyList, measuredSentences, presetFitSentence } from './sweepMeasured';
import { meanOf, meanOfDraws, quantile } from './sweepStats';
import { prob, verdict } from './sweepText';
import { errorMessage, formatPercent as pct, formatRate } from '../../text';
import { readTrials, SweepTrialDip } from './sweepTrialDips';
import { attachQueueCpus, cpuSentences, CpuRun, ExplainedStep, explainSweepSteps } from './sweepCpuSteps';
import type { QueueCpuAnalysis } from '../queueCpu/queueCpu';
import { mean, throughputDistribution, ThroughputModel, ValueDistribution } from '../odds/throughput';
import { maxOf } from '../stats/extremes';

export type { PresetCheck } from '../observed/presetFit';

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

/** What the per-queue counters beside a run measured, and how far they tell the streams apart. */
export interface RunCounterSpread {
  source: RunCountersInput['source'];
  device: string | null;
  after: string;
  before: string | null;
  /** Bytes per queue (after − before): measured. */
  queueBytes: number[];
  /** Queues with at least 1 % of the busiest queue's bytes: measured. */
  busyQueues: number;
  /** Streams per queue where every assignment that fits the counters agrees; null where they do not. */
  streamsPerQueue: Array<number | null>;
  /** Each stream's queue where determined (else null) and the queues it may have used. */
  streams: Array<{ port: number; key?: string; queue: number | null; candidates: number[] }>;
  /** Where the streams' bytes came from ('capture': wire segments, exact; 'log': payload totals, a few %). */
  bytesFrom: 'capture' | 'log';
  /** Assignments that fit the counters. */
  solutions: number;
}

/** Which queue each stream of a run used and what that spread means under the model. */
export interface RunSpread {
  /**
   * 'observed': measured — the run's recorded port → queue map (manifest), or the per-queue counters beside the
   * run (`counters`); 'preset': the exact preset applied to the logged 4-tuples (modelled).
   */
  source: 'observed' | 'preset';
  /** For 'observed' from a port → queue map: 'trace' when the map is a recorded run's trace, 'manifest' otherwise. */
  portQueueFrom?: 'trace' | 'manifest';
  /** Streams whose queue is known (from counters: only those every fitting assignment agrees on). */
  streamQueues: Array<{ streamId: number; port?: number; key?: string; queue: number }>;
  /** Streams per queue; absent when the counters cannot tell how many streams each busy queue carried. */
  loads?: number[];
  /** The largest load; present without loads when the counters tell which streams shared a queue but not which queue. */
  maxLoad?: number;
  /** Non-empty queues (from counters: the busy queues they measured). */
  occupied: number;
  /**
   * The model's throughput for exactly this spread, bits/s (A: c·occupied; B: c·min(n, k/maxLoad)), with c the
   * capacity fitted through the known spreads (capacity.spreadFit) when there is one; absent for model B
   * without loads.
   */
  modelBps?: number;
  /** The counters beside the run, when the spread (or its busy-queue count) comes from them. */
  counters?: RunCounterSpread;
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


/** The model's value of a spread in units of c; undefined for model B when the largest load is not known. */
function modelValue(model: ThroughputModel, n: number, k: number, occupied: number, maxLoad: number | undefined): number | undefined {
  if (model === 'A') return occupied;
  if (maxLoad === undefined) return undefined;
  return maxLoad > 0 ? Math.min(n, k / maxLoad) : 0;
}

const loadsOf = (n: number, qs: RunSpread['streamQueues']): number[] => {
  const loads = new Array<number>(n).fill(0);
  for (const s of qs) loads[s.queue]++;
  return loads;
};

/** What a run's spread is known from: the streams' queues (manifest, exact preset) or the counters. */
interface KnownSpread {
  source: RunSpread['source'];
  qs: RunSpread['streamQueues'];
  /** Streams per queue, when known. */
  loads?: number[];
  /** The largest load: from loads, or from the counters' groups when only their sizes are known. */
  maxLoad?: number;
  occupied: number;
  counters?: RunCounterSpread;
  portQueueFrom?: 'trace' | 'manifest';
}

function spreadFrom(sq: KnownSpread, n: number, k: number, model: ThroughputModel, c: number): RunSpread {
  const out: RunSpread = { source: sq.source, streamQueues: sq.qs, occupied: sq.occupied };
  const maxLoad = sq.loads ? Math.max(0, maxOf(sq.loads)) : sq.maxLoad;
  if (sq.loads) out.loads = sq.loads;
  if (maxLoad !== undefined) out.maxLoad = maxLoad;
  const v = modelValue(model, n, k, sq.occupied, maxLoad);
  if (v !== undefined) out.modelBps = c * v;
  if (sq.counters) out.counters = sq.counters;
  if (sq.portQueueFrom) out.portQueueFrom = sq.portQueueFrom;
  return out;
}

/** The counters' observed spread as the sweep reports it: busy queues always, loads only when determined. */
function fromCounters(c: RunCountersInput, test: IperfTest, testIndex: number): KnownSpread {
  const o = c.observed;
  // by test and 4-tuple: a server log's streams all have local port 5201
  const streamOf = new Map(test.streams.map((s) => [streamKey(testIndex, test.protocol, s), s.id]));
  const qs: RunSpread['streamQueues'] = [];
  for (const s of o.streams) {
    const id = streamOf.get(s.key);
    if (s.queue !== null && id !== undefined) qs.push({ streamId: id, port: s.localPort, key: s.key, queue: s.queue });
  }
  const counters: RunCounterSpread = {
    source: c.source, device: c.device, after: c.after, before: c.before, queueBytes: o.queueBytes, busyQueues: o.busyQueues,
    streamsPerQueue: o.streamsPerQueue, streams: o.streams.map((s) => ({ port: s.localPort, key: s.key, queue: s.queue, candidates: s.candidates })),
    bytesFrom: o.bytesSource, solutions: o.solutions,
  };
  const known = o.streamsPerQueue.every((x): x is number => x !== null);
  const sq: KnownSpread = { source: 'observed', qs, occupied: o.busyQueues, counters };
  if (known) sq.loads = o.streamsPerQueue as number[];
  // the groups' sizes are the busy queues' loads in some order: enough for the largest
  else if (o.groupsComplete && o.groups.length === o.busyQueues) sq.maxLoad = maxOf(o.groups.map((g) => g.localPorts.length));
  return sq;
}

/** The sending end of a stream: data leaves `local` unless this host received it (-R, or a server log). */
function senderFlow(s: IperfStream): { src: { ip: string; port: number }; dst: { ip: string; port: number } } | undefined {
  if (!s.local || !s.remote) return undefined;
  return s.role === 'sender' ? { src: s.local, dst: s.remote } : { src: s.remote, dst: s.local };
}

/** An exact preset applied to the logged 4-tuples; undefined for a model preset or without endpoints. */
function presetSpread(input: SweepRunInput, test: IperfTest, preset: string, opts: PresetOptions | undefined): KnownSpread | undefined {
  if (preset === UNIFORM) return undefined;
  const compiled = compilePreset(preset, input.queues, opts);
  if (!compiled.exact || !compiled.flowQueue) return undefined;
  const qs: RunSpread['streamQueues'] = [];
  for (const s of test.streams) {
    const f = senderFlow(s);
    if (!f) return undefined;
    const q = compiled.flowQueue(parseFlow({ proto: test.protocol, src: f.src, dst: f.dst })).queue;
    // by test and 4-tuple, as the counters' streams are named
    qs.push({ streamId: s.id, port: s.local?.port, key: streamKey(input.log.tests.indexOf(test), test.protocol, s), queue: q });
  }
  const loads = loadsOf(input.queues, qs);
  return { source: 'preset', qs, loads, occupied: loads.filter((l) => l > 0).length };
}

/** Measured first (the manifest's port → queue map, else the counters), the exact preset only without them. */
function streamQueuesOf(input: SweepRunInput, test: IperfTest, preset: string, opts: PresetOptions | undefined): KnownSpread | undefined {
  const counters = input.counters ? fromCounters(input.counters, test, input.log.tests.indexOf(test)) : undefined;
  if (input.portQueue) {
    const qs: RunSpread['streamQueues'] = [];
    for (const s of test.streams) {
      const q = s.local ? input.portQueue[String(s.local.port)] : undefined;
      if (q === undefined) return counters;
      qs.push({ streamId: s.id, port: s.local?.port, queue: q });
    }
    const loads = loadsOf(input.queues, qs);
    const out: KnownSpread = { source: 'observed', qs, loads, occupied: loads.filter((l) => l > 0).length, portQueueFrom: input.portQueueFrom ?? 'manifest' };
    if (counters?.counters) out.counters = counters.counters;
    return out;
  }
  return counters ?? presetSpread(input, test, preset, opts);
}

/** The exact preset against the counters (observed/presetFit.ts, shared with the capture view and `queue-lens observed`). */
function checkPreset(preset: string, n: number, p: KnownSpread, measured: RunCounterSpread): PresetCheck {
  const modelled = p.qs.filter((x) => x.port !== undefined).map((x) => ({ port: x.port as number, ...(x.key !== undefined ? { key: x.key } : {}), queue: x.queue }));
  const { ruledOut: _ruledOut, ...check } = checkPresetQueues(preset, n, modelled, measured);
  return check;
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
    reason: `it puts the ${run.streams} streams on ${p.occupied} of ${run.queues} queues, but the run moved ` +
      `${formatRate(run.throughput.bitsPerSecond)}, ${ratio.toFixed(1)}× the one-queue runs' ${formatRate(oneQueueBps)} (measured): ` +
      `more than ${p.occupied} queue${p.occupied === 1 ? '' : 's'} can carry`,
  };
}

/** c through the origin over the runs whose spread is known: Σ y·x / Σ x², x = the model's value of that spread. */
function fitThroughSpreads(
  rows: Array<{ m: { input: SweepRunInput; test: IperfTest; throughput: RunThroughput }; sq: KnownSpread | undefined }>,
  model: ThroughputModel,
): { bps: number; rmseBps: number; runs: number } | undefined {
  const pts: Array<{ x: number; y: number }> = [];
  for (const { m, sq } of rows) {
    if (!sq) continue;
    const x = modelValue(model, m.input.queues, m.test.streams.length, sq.occupied, sq.loads ? Math.max(0, maxOf(sq.loads)) : sq.maxLoad);
    if (x !== undefined) pts.push({ x, y: m.throughput.bitsPerSecond });
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
      warnings.push(`${input.name}: no spread (${errorMessage(e)})`);
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
    if (sq) run.spread = spreadFrom(sq, n, test.streams.length, model, spreadC);
    if (sq?.counters) {
      try {
        const p = presetSpread(input, test, preset, opts.presetOptions);
        if (p) run.presetCheck = checkPreset(preset, n, p, sq.counters);
      } catch (e) {
        warnings.push(`${input.name}: preset not checked against the counters (${errorMessage(e)})`);
      }
    }
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
    const measured = measuredDip(now, before, n);
    const sentence = dipSentence(n, m, pm, now.length, before.length, single.less, pMeanSlower, k, preset, model, measured?.fewer ?? false);
    dips.push({
      n, meanBps: m, previousMeanBps: pm, drop: (pm - m) / pm, trials: now.length, previousTrials: before.length,
      pSlower: single.less, pSame: single.equal, pMeanSlower,
      sentence: (measured?.text ?? '') + sentence,
    });
  }

  // No counters anywhere: the throughputs still bound how many queues were busy (throughputCheck)
  let examined = 0;
  const oneQueue = runs.filter((r) => r.queues === 1).map((r) => r.throughput.bitsPerSecond);
  if (!runs.some((r) => r.presetCheck) && oneQueue.length > 0 && meanOf(oneQueue) > 0) {
    measured.forEach(({ input, test }, i) => {
      if (input.queues < 2) return;
      let p: KnownSpread | undefined;
      try { p = presetSpread(input, test, preset, opts.presetOptions); } catch { return; }
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
  const sentences = [
    ...measuredSentences(runs),
    ...(presetFit ? [presetFitSentence(presetFit, checked)] : []),
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
  // 8. queue → CPU, where the runs saved their queue configuration (sweepCpuSteps.ts)
  const cpuRuns: CpuRun[] = runs.map((r, i) => ({
    name: r.name, queues: r.queues, trial: r.trial, bps: r.throughput.bitsPerSecond, config: measured[i].input.config,
    queueBytes: r.spread?.counters?.queueBytes, occupied: r.spread?.occupied, traced: measured[i].input.tracedCpus,
  }));
  attachQueueCpus(cpuRuns);
  cpuRuns.forEach((c, i) => {
    if (c.config) runs[i].config = { effective: c.config.effective, offered: c.config.offered, sentence: c.config.sentence };
    if (c.queueCpu) runs[i].queueCpu = c.queueCpu;
  });
  const cpuSteps = explainSweepSteps(cpuRuns, dips.map((d) => d.n), trials.dips.map((d) => ({ n: d.n, trial: d.trial })));
  sentences.push(...cpuSentences(cpuRuns, cpuSteps));
  const report: SweepReport = {
    preset, model, flows: k, band, capacity: spreadFit ? { bps: c, fitted, rmseBps, spreadFit } : { bps: c, fitted, rmseBps },
    points, runs, dips, trialDips: trials.dips, sentences, warnings,
  };
  if (presetFit) report.presetFit = presetFit;
  if (cpuSteps.length) report.cpuSteps = cpuSteps;
  return report;
}

/** What was measured at a dip, said before the model's odds: busy queues at n and n−1 when every run's are known. */
function measuredDip(now: readonly SweepRun[], before: readonly SweepRun[], n: number): { text: string; fewer: boolean } | undefined {
  const measured = (rs: readonly SweepRun[]): boolean => rs.every((r) => r.spread?.source === 'observed');
  if (!measured(now) || !measured(before)) return undefined;
  const list = (rs: readonly SweepRun[]): string => busyList(rs.map((r) => r.spread!.occupied));
  const avg = (rs: readonly SweepRun[]): number => meanOf(rs.map((r) => r.spread!.occupied));
  const fewer = avg(now) < avg(before);
  return {
    fewer,
    text: `Measured: busy queues ${list(now)} at ${n} against ${list(before)} at ${n - 1}` +
      `${fewer ? ' — the streams used fewer queues, which accounts for the dip' : ''}. `,
  };
}

function dipSentence(n: number, m: number, pm: number, t: number, tp: number, pSlower: number, pMeanSlower: number, k: number, preset: string, model: ThroughputModel, measuredExplains = false): string {
  const runs = (x: number): string => (x === 1 ? 'one run' : `the mean of ${x} runs`);
  const meanSentence = t === 1 && tp === 1
    ? ''
    : ` For ${t} run${t === 1 ? '' : 's'} at ${n} against ${tp} at ${n - 1}, a lower mean has probability ${prob(pMeanSlower)}.`;
  return (
    `Dip at ${n} queues: ${runs(t)} gave ${formatRate(m)}, ${pct((pm - m) / pm)} below ${runs(tp)} at ${n - 1} queues ` +
    `(${formatRate(pm)}). With ${k} streams spread by ${preset} (model ${model}), a run at ${n} queues is slower than one ` +
    `at ${n - 1} with probability ${prob(pSlower)}${measuredExplains ? ' (modelled odds of such a spread)' : verdict(pSlower)}.` +
    meanSentence
  );
}
