/**
 * Dips of one trial read on its own. The blog measured one run per queue count; with several trials the means
 * smooth an unlucky spread away, so each trial is also read as the blog's single sweep would have been.
 */
import type { RunSpread, SweepPoint } from './sweep';
import { binomialTwoSided } from './sweepStats';
import { prob, verdict } from './sweepText';
import { formatPercent as pct, formatRate } from '../../text';
import type { ThroughputModel } from '../odds/throughput';

/**
 * A trial counts as dipping only when it falls by at least this fraction: below it, run-to-run noise (a capped
 * queue's goodput varies by about 1 % between runs) explains the fall as well as the spread does.
 */
export const TRIAL_DIP_MIN_DROP = 0.05;

export interface TrialDipRun {
  name: string;
  queues: number;
  trial?: number;
  bps: number;
  /** source absent: read as observed. */
  spread?: Pick<RunSpread, 'occupied'> & Partial<Pick<RunSpread, 'source'>>;
}

/** A trial's fall as trialDips finds it, before the model is asked about it. */
export interface TrialFall {
  trial: number;
  n: number;
  /** This trial's run at n and at n−1, bits/s. */
  bps: number;
  previousBps: number;
  /** (previous − bps) / previous, ≥ TRIAL_DIP_MIN_DROP. */
  drop: number;
  /** Queues used at n and at n−1, when both spreads are known. */
  occupied?: [number, number];
  /** 'observed': both measured (what the kernel did); 'preset': an exact preset's prediction for one or both (modelled). */
  occupiedFrom?: 'observed' | 'preset';
}

/** A trial's fall with the model's P(a run at n is slower than one at n−1) and a sentence saying so. */
export interface SweepTrialDip extends TrialFall {
  pSlower: number;
  sentence: string;
}

/** Each trial's runs by queue count; undefined with fewer than two trials (the means are then the trial). */
function byTrial(runs: readonly TrialDipRun[]): Map<number, Map<number, TrialDipRun>> | undefined {
  const trials = new Map<number, Map<number, TrialDipRun>>();
  for (const r of runs) {
    if (r.trial === undefined) continue;
    let at = trials.get(r.trial);
    if (!at) trials.set(r.trial, (at = new Map()));
    // Two runs claiming the same trial and queue count: the first one stands for the trial.
    if (!at.has(r.queues)) at.set(r.queues, r);
  }
  return trials.size < 2 ? undefined : trials;
}

const dropOf = (before: TrialDipRun, now: TrialDipRun): number => (before.bps - now.bps) / before.bps;

/**
 * Every trial's dips: its run at n at least TRIAL_DIP_MIN_DROP below its run at n−1. Empty unless the runs carry
 * at least two trial numbers.
 */
export function trialDips(runs: readonly TrialDipRun[]): TrialFall[] {
  const trials = byTrial(runs);
  if (!trials) return [];
  const dips: TrialFall[] = [];
  for (const trial of [...trials.keys()].sort((a, b) => a - b)) {
    const at = trials.get(trial)!;
    for (const n of [...at.keys()].sort((a, b) => a - b)) {
      const now = at.get(n)!;
      const before = at.get(n - 1);
      if (!before) continue;
      const drop = dropOf(before, now);
      if (!(drop >= TRIAL_DIP_MIN_DROP)) continue;
      const dip: TrialFall = { trial, n, bps: now.bps, previousBps: before.bps, drop };
      if (now.spread && before.spread) {
        dip.occupied = [now.spread.occupied, before.spread.occupied];
        dip.occupiedFrom = now.spread.source !== 'preset' && before.spread.source !== 'preset' ? 'observed' : 'preset';
      }
      dips.push(dip);
    }
  }
  return dips;
}

/**
 * Per queue count n: how many trials have runs at both n−1 and n (`steps`) and in how many the run at n fell by
 * TRIAL_DIP_MIN_DROP or more (`fell`). Trials are independent runs, so `fell` at one n is a binomial count whose
 * expectation is steps × P(a run at n is slower than one at n−1). Empty with fewer than two trials.
 */
export function trialSteps(runs: readonly TrialDipRun[]): Map<number, { steps: number; fell: number }> {
  const out = new Map<number, { steps: number; fell: number }>();
  const trials = byTrial(runs);
  if (!trials) return out;
  for (const at of trials.values()) {
    for (const [n, now] of at) {
      const before = at.get(n - 1);
      if (!before) continue;
      const c = out.get(n) ?? { steps: 0, fell: 0 };
      c.steps++;
      if (dropOf(before, now) >= TRIAL_DIP_MIN_DROP) c.fell++;
      out.set(n, c);
    }
  }
  return out;
}

/** Beyond this many single-trial dips, one sentence sums them up and the table gives each queue count. */
const MAX_TRIAL_DIP_SENTENCES = 3;

function dipSentence(d: TrialFall, pSlower: number, k: number, preset: string, model: ThroughputModel): string {
  const qs = (x: number): string => `${x} queue${x === 1 ? '' : 's'}`;
  // only counters (or a recorded port → queue map) say what the kernel did; a preset's spread is a prediction
  const used = !d.occupied ? '' : d.occupiedFrom === 'observed'
    ? ` The kernel used ${qs(d.occupied[0])} at ${d.n} against ${d.occupied[1]} at ${d.n - 1} (measured).`
    : ` The preset ${preset} puts the streams on ${qs(d.occupied[0])} at ${d.n} against ${d.occupied[1]} at ${d.n - 1} (modelled, not measured).`;
  return (
    `Trial ${d.trial} alone (one run per queue count, as a single sweep measures), dips at ${d.n} queues: ${formatRate(d.bps)}, ` +
    `${pct(d.drop)} below its ${formatRate(d.previousBps)} at ${d.n - 1}. With ${k} streams spread by ${preset} (model ${model}), ` +
    `a run at ${d.n} queues is slower than one at ${d.n - 1} with probability ${prob(pSlower)}${verdict(pSlower)}.${used}`
  );
}

/** The trials' falls summed up: how many of how many steps, against the model, the binomial check, the largest. */
function summarySentence(dips: readonly SweepTrialDip[], points: readonly SweepPoint[], k: number, preset: string, model: ThroughputModel): string {
  const tested = points.filter((p) => p.trialSteps && p.trialSteps.steps > 0);
  const sum = (f: (t: NonNullable<SweepPoint['trialSteps']>) => number): number => tested.reduce((a, p) => a + f(p.trialSteps!), 0);
  const least = tested.reduce((a, p) => (p.trialSteps!.pValue < a.trialSteps!.pValue ? p : a));
  const outOfLine = tested.filter((p) => p.trialSteps!.pValue < 0.01).map((p) => p.n);
  const check = outOfLine.length
    ? `At ${outOfLine.join(', ')} queues the count is out of line with the model at 1 % (exact binomial test).`
    : `At every queue count the count is within what the model allows at 1 % (exact binomial test; ` +
      `smallest p = ${prob(least.trialSteps!.pValue)}, at ${least.n} queues).`;
  const worst = dips.reduce((a, d) => (d.drop > a.drop ? d : a));
  return (
    `Read one trial at a time, as a single sweep would be: ${sum((t) => t.fell)} of ${sum((t) => t.steps)} steps to one more ` +
    `queue fell by ${pct(TRIAL_DIP_MIN_DROP)} or more, where ${k} streams spread by ${preset} (model ${model}) make ` +
    `${sum((t) => t.expected).toFixed(1)} expected (each queue count in the table). ${check} ` +
    `The largest fall: ${worst.sentence.replace(/^Trial/, 'trial')}`
  );
}

/**
 * Each trial read on its own: its falls with the model's odds (`dips`), each point's `trialSteps` filled in (falls
 * seen against expected, and the exact binomial test), and the sentences — one per fall, or a summary when many.
 */
export function readTrials(
  runs: readonly TrialDipRun[],
  points: SweepPoint[],
  pSlowerAt: (n: number) => number,
  k: number,
  preset: string,
  model: ThroughputModel,
): { dips: SweepTrialDip[]; sentences: string[] } {
  const dips = trialDips(runs).map((d) => {
    const pSlower = pSlowerAt(d.n);
    return { ...d, pSlower, sentence: dipSentence(d, pSlower, k, preset, model) };
  });
  const steps = trialSteps(runs);
  for (const p of points) {
    const st = steps.get(p.n);
    if (st && p.pSlowerThanPrevious !== undefined) {
      p.trialSteps = { ...st, expected: st.steps * p.pSlowerThanPrevious, pValue: binomialTwoSided(st.fell, st.steps, Math.min(1, p.pSlowerThanPrevious)) };
    }
  }
  if (dips.length <= MAX_TRIAL_DIP_SENTENCES) return { dips, sentences: dips.map((d) => d.sentence) };
  return { dips, sentences: [summarySentence(dips, points, k, preset, model)] };
}
