/**
 * Dips of one trial read on its own. The blog measured one run per queue count; with several trials the means
 * smooth an unlucky spread away, so each trial is also read as the blog's single sweep would have been.
 */
import type { RunSpread } from './sweep';

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
  spread?: Pick<RunSpread, 'occupied'>;
}

export interface SweepTrialDip {
  trial: number;
  n: number;
  /** This trial's run at n and at n−1, bits/s. */
  bps: number;
  previousBps: number;
  /** (previous − bps) / previous, ≥ TRIAL_DIP_MIN_DROP. */
  drop: number;
  /** Queues the kernel used at n and at n−1, when both spreads are known. */
  occupied?: [number, number];
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
export function trialDips(runs: readonly TrialDipRun[]): SweepTrialDip[] {
  const trials = byTrial(runs);
  if (!trials) return [];
  const dips: SweepTrialDip[] = [];
  for (const trial of [...trials.keys()].sort((a, b) => a - b)) {
    const at = trials.get(trial)!;
    for (const n of [...at.keys()].sort((a, b) => a - b)) {
      const now = at.get(n)!;
      const before = at.get(n - 1);
      if (!before) continue;
      const drop = dropOf(before, now);
      if (!(drop >= TRIAL_DIP_MIN_DROP)) continue;
      const dip: SweepTrialDip = { trial, n, bps: now.bps, previousBps: before.bps, drop };
      if (now.spread && before.spread) dip.occupied = [now.spread.occupied, before.spread.occupied];
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
