import { Arith } from './arith';
import { FlowSpace, loadAtMost } from './flowSpace';

/**
 * P(max queue load ≤ m) up to a common scale, in any number system.
 *
 * Each queue is an exponential generating function over the flow box: a queue of weight a
 * contributes a^|t| at point t if its load is ≤ m, else 0. Queues combine by binomial
 * convolution, (f ⊛ g)[t] = Σ_{i≤t} Π_c C(t_c, i_c)·f[i]·g[t−i], which multiplies in the
 * multinomial coefficients; the value at the full point is Σ over placements with every
 * queue ≤ m of k!/Πl!·Π a^l. Queues of equal weight are raised to their multiplicity by
 * squaring, so n uniform queues cost O(log n) convolutions.
 */
export function cdfAtBound<T>(space: FlowSpace, groups: ReadonlyArray<{ weight: T; count: number }>, bound: number, ar: Arith<T>): T {
  let acc: T[] | undefined;
  for (const g of groups) {
    if (g.count === 0) continue;
    const base = queueFactor(space, g.weight, bound, ar);
    const p = power(space, base, g.count, ar);
    acc = acc ? convolve(space, acc, p, ar) : p;
  }
  return acc ? acc[space.size - 1] : space.size === 1 ? ar.one : ar.zero;
}

function queueFactor<T>(space: FlowSpace, weight: T, bound: number, ar: Arith<T>): T[] {
  // powers of the weight by total flow count |t|
  const pow: T[] = [ar.one];
  for (let j = 1; j <= space.flows; j++) pow.push(ar.mul(pow[j - 1], weight));
  return space.digits.map((d, idx) => (loadAtMost(space.load[idx], bound) ? pow[d.reduce((s, t) => s + t, 0)] : ar.zero));
}

function power<T>(space: FlowSpace, base: T[], e: number, ar: Arith<T>): T[] {
  let result: T[] | undefined;
  let sq = base;
  while (e > 0) {
    if (e & 1) result = result ? convolve(space, result, sq, ar) : sq;
    e >>= 1;
    if (e > 0) sq = convolve(space, sq, sq, ar);
  }
  return result as T[];
}

export function convolve<T>(space: FlowSpace, f: readonly T[], g: readonly T[], ar: Arith<T>): T[] {
  const { size, digits, stride, classes } = space;
  const out: T[] = new Array<T>(size).fill(ar.zero);
  const nc = classes.length;
  for (let i = 0; i < size; i++) {
    const fi = f[i];
    if (ar.isZero(fi)) continue;
    const di = digits[i];
    for (let j = 0; j < size; j++) {
      const gj = g[j];
      if (ar.isZero(gj)) continue;
      const dj = digits[j];
      let fits = true;
      for (let c = 0; c < nc; c++) if (di[c] + dj[c] > classes[c].count) { fits = false; break; }
      if (!fits) continue;
      let coef = ar.one;
      let t = 0;
      for (let c = 0; c < nc; c++) {
        coef = ar.mul(coef, ar.binom(di[c] + dj[c], di[c]));
        t += (di[c] + dj[c]) * stride[c];
      }
      out[t] = ar.add(out[t], ar.mul(coef, ar.mul(fi, gj)));
    }
  }
  return out;
}

/** Queues grouped by equal weight (order doesn't matter to the product). */
export function groupWeights<T>(weights: readonly T[]): Array<{ weight: T; count: number }> {
  const m = new Map<T, number>();
  for (const w of weights) m.set(w, (m.get(w) ?? 0) + 1);
  return [...m.entries()].map(([weight, count]) => ({ weight, count }));
}
