// How the sweep words its numbers and sentences: rates, percentages, probabilities, its verdict on a dip, and the
// sentences sweep.ts puts in its report.
import type { ThroughputModel } from '../odds/throughput';
import { formatPercent as pct, formatRate } from '../../text';

export const prob = (p: number): string => (p >= 0.001 || p === 0 ? p.toFixed(3) : p.toExponential(1));

/** 5 %: below it the spread alone is a poor explanation of a dip and something else deserves a look. */
export const verdict = (pSlower: number): string =>
  pSlower >= 0.05 ? ' — an uneven spread of the streams explains it' : ' — unlikely from the spread alone, so look for another cause';

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/** The runs, the queue counts they cover and the capacity behind the curve. */
export function summarySentence(runs: number, k: number, ns: readonly number[], c: number, fitted: boolean, model: ThroughputModel, preset: string, rmseBps: number): string {
  return `${plural(runs, 'run')} of ${k} streams at ${plural(ns.length, 'queue count')} ` +
    `(${ns[0]}–${ns[ns.length - 1]}); per-queue capacity ${formatRate(c)} ` +
    `${fitted ? 'fitted to them' : 'as given'} (model ${model}, ${preset}; rms residual ${formatRate(rmseBps)}).`;
}

/** The capacity fitted through the runs' known spreads, and how closely the model then explains a run. */
export function spreadFitSentence(fit: { bps: number; rmseBps: number; runs: number }, model: ThroughputModel): string {
  return `With each run's actual spread (${plural(fit.runs, 'run')} where it is known), model ${model} ` +
    `gives ${formatRate(fit.bps)} per queue and misses a run by ${formatRate(fit.rmseBps)} rms.`;
}

export const noDipSentence = (ns: readonly number[]): string =>
  `No dip in the means: the mean measured throughput never falls when a queue is added (n = ${ns[0]}–${ns[ns.length - 1]}).`;

/** Busy queues at a dip (measured), said before the model's odds. */
export const measuredDipText = (now: string, before: string, n: number, fewer: boolean): string =>
  `Measured: busy queues ${now} at ${n} against ${before} at ${n - 1}` +
  `${fewer ? ' — the streams used fewer queues, which accounts for the dip' : ''}. `;

/** A dip of the means: t runs at n gave mean m, tp runs at n−1 mean pm; the model's odds of one run and of the means. */
export interface DipFacts { n: number; m: number; pm: number; t: number; tp: number; pSlower: number; pMeanSlower: number; k: number; preset: string; model: ThroughputModel }

export function dipSentence(d: DipFacts, measuredExplains = false): string {
  const { n, m, pm, t, tp } = d;
  const runs = (x: number): string => (x === 1 ? 'one run' : `the mean of ${x} runs`);
  const meanSentence = t === 1 && tp === 1
    ? ''
    : ` For ${plural(t, 'run')} at ${n} against ${tp} at ${n - 1}, a lower mean has probability ${prob(d.pMeanSlower)}.`;
  return (
    `Dip at ${n} queues: ${runs(t)} gave ${formatRate(m)}, ${pct((pm - m) / pm)} below ${runs(tp)} at ${n - 1} queues ` +
    `(${formatRate(pm)}). With ${d.k} streams spread by ${d.preset} (model ${d.model}), a run at ${n} queues is slower than one ` +
    `at ${n - 1} with probability ${prob(d.pSlower)}${measuredExplains ? ' (modelled odds of such a spread)' : verdict(d.pSlower)}.` +
    meanSentence
  );
}

/** Why a run's throughput contradicts an exact preset's busy queues (throughputCheck in sweep.ts). */
export function throughputReason(streams: number, occupied: number, queues: number, bps: number, ratio: number, oneQueueBps: number): string {
  return `it puts the ${streams} streams on ${occupied} of ${queues} queues, but the run moved ` +
    `${formatRate(bps)}, ${ratio.toFixed(1)}× the one-queue runs' ${formatRate(oneQueueBps)} (measured): ` +
    `more than ${plural(occupied, 'queue')} can carry`;
}
