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

/**
 * Every trial's dips: its run at n at least TRIAL_DIP_MIN_DROP below its run at n−1. Empty unless the runs carry
 * at least two trial numbers (with one trial, the dips of the means are already this trial's dips).
 */
export function trialDips(runs: readonly TrialDipRun[]): SweepTrialDip[] {
  const byTrial = new Map<number, Map<number, TrialDipRun>>();
  for (const r of runs) {
    if (r.trial === undefined) continue;
    let at = byTrial.get(r.trial);
    if (!at) byTrial.set(r.trial, (at = new Map()));
    // Two runs claiming the same trial and queue count: the first one stands for the trial.
    if (!at.has(r.queues)) at.set(r.queues, r);
  }
  if (byTrial.size < 2) return [];
  const dips: SweepTrialDip[] = [];
  for (const trial of [...byTrial.keys()].sort((a, b) => a - b)) {
    const at = byTrial.get(trial)!;
    for (const n of [...at.keys()].sort((a, b) => a - b)) {
      const now = at.get(n)!;
      const before = at.get(n - 1);
      if (!before) continue;
      const drop = (before.bps - now.bps) / before.bps;
      if (!(drop >= TRIAL_DIP_MIN_DROP)) continue;
      const dip: SweepTrialDip = { trial, n, bps: now.bps, previousBps: before.bps, drop };
      if (now.spread && before.spread) dip.occupied = [now.spread.occupied, before.spread.occupied];
      dips.push(dip);
    }
  }
  return dips;
}
