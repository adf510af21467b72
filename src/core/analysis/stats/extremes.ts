// Largest and smallest of many numbers in a loop: Math.max(...values) passes every value as an argument and
// overflows the call stack at about 130 000 of them (a counter file naming that many queues, a sweep's runs).

/** The largest value; -Infinity for none (as Math.max()). */
export function maxOf(values: Iterable<number>): number {
  let m = -Infinity;
  for (const v of values) if (v > m || Number.isNaN(v)) m = Number.isNaN(v) ? NaN : v;
  return m;
}

/** The smallest value; Infinity for none (as Math.min()). */
export function minOf(values: Iterable<number>): number {
  let m = Infinity;
  for (const v of values) if (v < m || Number.isNaN(v)) m = Number.isNaN(v) ? NaN : v;
  return m;
}
