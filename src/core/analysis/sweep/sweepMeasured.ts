// The sweep's first sentences: what was measured (busy queues per run, from counters or a recorded port map),
// and whether an exact preset agrees with the counters. Model odds come after these.
import type { PresetCheck, SweepRun } from './sweep';
import { maxOf, minOf } from '../stats/extremes';

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A few values as a list; many as their range and mean (20 trials' worth would not read as a sentence). */
export function busyList(values: readonly number[]): string {
  if (values.length <= 4) return values.join(', ');
  const lo = minOf(values);
  const hi = maxOf(values);
  if (lo === hi) return `${lo} in all ${values.length} runs`;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return `${lo}–${hi}, mean ${mean.toFixed(1)} over ${values.length} runs`;
}

/** Busy queues per queue count, in run order; then every n at which no run used all its queues. */
export function measuredSentences(runs: readonly SweepRun[]): string[] {
  const measured = runs.filter((r) => r.spread?.source === 'observed');
  if (measured.length === 0) return [];
  const fromCounters = measured.filter((r) => r.spread?.counters).length;
  const ns = [...new Set(measured.map((r) => r.queues))].sort((a, b) => a - b);
  const at = (n: number): SweepRun[] => measured.filter((r) => r.queues === n);
  const where = fromCounters === measured.length
    ? `the per-queue counters beside ${plural(measured.length, 'run')}`
    : fromCounters === 0
      ? `the recorded port → queue map of ${plural(measured.length, 'run')}`
      : `the recorded port → queue maps and per-queue counters of ${plural(measured.length, 'run')}`;
  const out = [
    `Measured by ${where}: busy queues ${ns.map((n) => `at ${n}: ${busyList(at(n).map((r) => r.spread!.occupied))}`).join('; ')}.`,
  ];
  const short = ns.filter((n) => n > 1 && at(n).every((r) => r.spread!.occupied < n));
  for (const n of short) {
    const runsAt = at(n).length;
    out.push(
      `At ${n} queues ${runsAt === 1 ? 'the run did not use' : `no run used`} all ${n}: ` +
        `${runsAt === 1 ? 'it used' : 'they used'} ${busyList(at(n).map((r) => r.spread!.occupied))} (measured). ` +
        'The streams landed on fewer queues than there were, and the throughput follows the busy queues, not n.',
    );
  }
  const undetermined = measured.filter((r) => r.spread?.counters && !r.spread.loads).length;
  if (undetermined > 0) {
    out.push(
      `In ${plural(undetermined, 'run')} the counters cannot tell how many streams each busy queue carried ` +
        '(equal byte counts; a capture beside the run tells them apart): streams per queue are left open there, never guessed.',
    );
  }
  return out;
}

/** One sentence on an exact preset checked against the counters. */
export function presetFitSentence(fit: { preset: string; runs: number; contradicted: number; fits: boolean; by?: 'counters' | 'throughput' }, checked: readonly SweepRun[]): string {
  if (fit.fits) {
    return `The exact preset ${fit.preset} agrees with the counters in all ${plural(fit.runs, 'run')} checked (busy queues and every stream the counters place).`;
  }
  const bad = checked.filter((r) => r.presetCheck && !r.presetCheck.fits);
  const first = bad[0];
  const c = first.presetCheck as PresetCheck;
  return (
    `The preset ${fit.preset} does not fit these runs: in ${fit.contradicted} of ${plural(fit.runs, 'run')} it contradicts ` +
    `${fit.by === 'throughput' ? 'the measured throughput' : 'the counters'} ` +
    `(e.g. ${first.name} at ${first.queues} queues: ${c.reason}). Its per-stream queues are a model that does not hold here, ` +
    'not what the kernel did; the spreads above are the measured ones.'
  );
}
