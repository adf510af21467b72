// How a model's queue weights read in one short phrase: the iperf annotations and their hover both say it.
import { maxOf, minOf } from '../stats/extremes';

/** "≈1/8" when the weights are uniform to a part in a million, else the range of the queue probabilities ("9.4–15.6 %"). */
export function weightsText(weights: readonly number[]): string {
  const lo = minOf(weights);
  const hi = maxOf(weights);
  return hi - lo < 1e-6 ? `≈1/${weights.length}` : `${(lo * 100).toFixed(1)}–${(hi * 100).toFixed(1)} %`;
}
