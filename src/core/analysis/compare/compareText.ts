// The comparison in words: the verdict first, then the figures behind it, each said to be measured or modelled.
import type { CompareReport, RatioEstimate } from './compareModel';
import { plural } from '../../text';

const pct = (r: number): string => {
  const d = (r - 1) * 100;
  const digits = Math.abs(d) < 1 ? 2 : 1;
  return Math.abs(d) < 0.5 * 10 ** -digits ? `±${(0).toFixed(digits)} %` : `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(digits)} %`;
};
const interval = (e: RatioEstimate): string => `${pct(e.low)} to ${pct(e.high)}`;


/** Why an estimate is not called a change, if it is not. */
function note(e: RatioEstimate, minEffect: number): string {
  if (!(e.low > 1 || e.high < 1)) return ', which includes no change';
  if (Math.abs(e.value - 1) < minEffect) return `; within ${(minEffect * 100).toFixed(0)} %, not called a change`;
  return '';
}

export function compareSentences(r: CompareReport, compared: readonly number[]): string[] {
  const A = r.a.label;
  const B = r.b.label;
  const lvl = `${Math.round(r.method.level * 1000) / 10} %`;
  const measuredBusy = r.method.conditionedOn === 'measured busy queues';
  const per = measuredBusy ? 'per busy queue (measured)' : 'per busy queue (the model\'s expected busy queues: no run measured its own)';
  const ns = compared.length === 1 ? `n = ${compared[0]}` : `n = ${compared.join(', ')}`;
  const head = {
    'same': `No difference beyond hash luck: ${B} and ${A} move the same throughput, in total and ${measuredBusy ? 'per busy queue' : 'per expected busy queue'}.`,
    'faster-per-queue': `${B} is faster per queue than ${A}: ${pct(r.perBusyQueue.value)} per busy queue, more than where the streams landed can explain.`,
    'slower-per-queue': `${B} is slower per queue than ${A}: ${pct(r.perBusyQueue.value)} per busy queue, more than where the streams landed can explain.`,
    'spread-only': `${B} differs from ${A} in total (${pct(r.throughput.value)}) only because its streams landed on ${r.busy && r.busy.b > r.busy.a ? 'more' : 'fewer'} queues: per busy queue the two are the same.`,
  }[r.verdict];
  const out = [
    head,
    `Throughput ${B} / ${A} at ${ns}: ${pct(r.throughput.value)} (measured; ${lvl} bootstrap interval ${interval(r.throughput)}` +
      `${note(r.throughput, r.method.minEffect)}).`,
    `${per[0].toUpperCase()}${per.slice(1)}: ${pct(r.perBusyQueue.value)} (${lvl} bootstrap interval ${interval(r.perBusyQueue)}` +
      `${note(r.perBusyQueue, r.method.minEffect)}).`,
  ];
  if (r.busy) out.push(`Busy queues (measured), mean over those runs: ${A} ${r.busy.a.toFixed(2)}, ${B} ${r.busy.b.toFixed(2)}.`);
  for (const s of [r.a, r.b]) {
    const f = s.busyFit;
    if (!f) continue;
    out.push(
      `${s.label}: the busy queues of ${f.runs} runs at ${f.queueCounts} queue ${plural(f.queueCounts, 'count')} ` +
        `${f.pValue < 0.01 ? 'do not fit' : 'fit'} the model's odds (${r.method.preset}; Pearson X² = ${Number.isFinite(f.statistic) ? f.statistic.toFixed(1) : '∞'}, ` +
        `p = ${f.pValue === 0 ? '0 (a busy count the model rules out)' : f.pValue.toFixed(3)} by ${f.draws} seeded Monte Carlo draws under the model).`,
    );
  }
  out.push(
    `Intervals: percentile bootstrap, ${r.method.resamples} resamples of the runs within each set and queue count, seed ${r.method.seed}; ` +
      `a ratio over several queue counts is Σ mean ${B} / Σ mean ${A}.`,
  );
  return out;
}
