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

function queueFactor<T>(space: FlowSpace, weight: T, bound: number, ar: Arith<T>, above = -Infinity): T[] {
  // powers of the weight by total flow count |t|; the load must be in (above, bound]
  const pow: T[] = [ar.one];
  for (let j = 1; j <= space.flows; j++) pow.push(ar.mul(pow[j - 1], weight));
  return space.digits.map((d, idx) => {
    const l = space.load[idx];
    return loadAtMost(l, bound) && !loadAtMost(l, above) ? pow[d.reduce((s, t) => s + t, 0)] : ar.zero;
  });
}

function addVec<T>(a: readonly T[], b: readonly T[], ar: Arith<T>): T[] {
  return a.map((x, i) => ar.add(x, b[i]));
}

/**
 * P(max queue load = bound) up to the common scale, where `below` is the next smaller possible
 * load: the "first queue at the bound" telescoping sum
 * Π A − Π B = Σ_g (Π_{h<g} B_h^{c_h})·(A_g^{c_g} − B_g^{c_g})·(Π_{h>g} A_h^{c_h}), with
 * A = load ≤ bound, B = load ≤ below, D = A − B, and Y_c = A^c − B^c by doubling
 * (Y_{2a} = Y_a·A^a + B^a·Y_a, Y_{a+1} = Y_a·A + B^a·D). No subtraction anywhere.
 */
export function pmfAtBound<T>(space: FlowSpace, groups: ReadonlyArray<{ weight: T; count: number }>, bound: number, below: number, ar: Arith<T>): T {
  const used = groups.filter((g) => g.count > 0);
  if (used.length === 0) return space.size === 1 && bound >= 0 && below < 0 ? ar.one : ar.zero;
  const pw = used.map((g) => {
    const A1 = queueFactor(space, g.weight, bound, ar);
    const B1 = queueFactor(space, g.weight, below, ar);
    const D1 = queueFactor(space, g.weight, bound, ar, below);
    let A = A1;
    let B = B1;
    let Y = D1;
    const bits = g.count.toString(2);
    for (let i = 1; i < bits.length; i++) {
      Y = addVec(convolve(space, Y, A, ar), convolve(space, B, Y, ar), ar);
      A = convolve(space, A, A, ar);
      B = convolve(space, B, B, ar);
      if (bits[i] === '1') {
        Y = addVec(convolve(space, Y, A1, ar), convolve(space, B, D1, ar), ar);
        A = convolve(space, A, A1, ar);
        B = convolve(space, B, B1, ar);
      }
    }
    return { A, B, Y };
  });
  let total = ar.zero;
  let prefixB: T[] | undefined;
  for (let g = 0; g < pw.length; g++) {
    let term = prefixB ? convolve(space, prefixB, pw[g].Y, ar) : pw[g].Y;
    for (let h = g + 1; h < pw.length; h++) term = convolve(space, term, pw[h].A, ar);
    total = ar.add(total, term[space.size - 1]);
    prefixB = prefixB ? convolve(space, prefixB, pw[g].B, ar) : pw[g].B;
  }
  return total;
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

function convolve<T>(space: FlowSpace, f: readonly T[], g: readonly T[], ar: Arith<T>): T[] {
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
      // coef·fi first: fi·gj alone can underflow where the binomial would bring it back
      out[t] = ar.add(out[t], ar.mul(ar.mul(coef, fi), gj));
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
