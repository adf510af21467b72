/**
 * The busy-queue distribution (how many queues get at least one of k flows) in scaled doubles.
 *
 * Queues of equal weight form a group. Within a group of c queues, given t of its flows,
 * P(o busy) = C(c,o)·(o/c)^t·E(t,o), where E(t,o) = P(t flows over o queues leave none empty)
 * obeys E(t,o) = E(t−1,o) + E(t−1,o−1)·((o−1)/o)^(t−1) (the Stirling recurrence divided by o^t/o!):
 * non-negative terms, all in [0, 1]. Groups combine by binomial thinning of the flows, as in
 * scaledPoly.ts. O(k·n) for uniform queues; two groups (a table fill) add O(k·c₁·c₂).
 */
import { binomPmf, lnFact } from './scaledPoly';

interface Group {
  p: number;
  count: number;
}

/**
 * rows[t][o] = P(o of c equal queues are busy | t flows landed among them), for every t ≤ k when
 * `every`, else only t = k (the other entries left empty).
 */
function groupTable(c: number, k: number, every: boolean): Float64Array[] {
  const lf = lnFact(Math.max(c, k));
  let E = new Float64Array(c + 1);
  E[0] = 1; // E(0, 0)
  // shrink[o] = ((o−1)/o)^(t−1), kept by one multiply per step
  const shrink = new Float64Array(c + 1).fill(1);
  const rows: Float64Array[] = [Float64Array.of(1)];
  const row = (t: number): Float64Array => {
    const out = new Float64Array(Math.min(c, t) + 1);
    for (let o = 1; o < out.length; o++) {
      if (E[o] !== 0) out[o] = Math.exp(lf[c] - lf[o] - lf[c - o] + t * Math.log(o / c)) * E[o];
    }
    return out;
  };
  let next = new Float64Array(c + 1);
  const none = new Float64Array(0);
  for (let t = 1; t <= k; t++) {
    next.fill(0);
    const top = Math.min(c, t);
    if (t > 1) for (let o = 2; o <= c; o++) shrink[o] *= (o - 1) / o;
    next[1] = t === 1 ? E[0] : E[1];
    for (let o = 2; o <= top; o++) next[o] = E[o] + E[o - 1] * shrink[o];
    [E, next] = [next, E];
    rows.push(every || t === k ? row(t) : none);
  }
  return rows;
}

/** P(#busy = o), o = 0..n, for k unit flows over queues with pick probabilities `weights` (Σ = 1). */
export function occupiedDistributionScaled(k: number, weights: readonly number[]): number[] {
  const n = weights.length;
  const byP = new Map<number, number>();
  for (const w of weights) if (w > 0) byP.set(w, (byP.get(w) ?? 0) + 1);
  const groups: Group[] = [...byP.entries()].map(([p, count]) => ({ p, count }));
  const out = new Array<number>(n + 1).fill(0);
  if (k === 0) { out[0] = 1; return out; }
  // acc[t][o]: P(o busy among the groups so far | t flows landed in them); mass = their Σ p.
  let acc: Float64Array[] | undefined;
  let mass = 0;
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi];
    const table = groupTable(g.count, k, groups.length > 1);
    const gMass = g.count * g.p;
    if (!acc) { acc = table; mass = gMass; continue; }
    const r = gMass / (mass + gMass);
    const last = gi === groups.length - 1;
    const next: Float64Array[] = [];
    for (let t = last ? k : 0; t <= k; t++) {
      const width = Math.min(t, (acc[acc.length - 1]?.length ?? 1) - 1 + g.count);
      const row = new Float64Array(width + 1);
      for (let tg = 0; tg <= t; tg++) {
        const w = binomPmf(tg, t, r);
        if (w === 0) continue;
        const a = acc[t - tg];
        const b = table[tg];
        for (let i = 0; i < a.length; i++) {
          const ai = a[i];
          if (ai === 0) continue;
          for (let j = 0; j < b.length; j++) row[i + j] += w * ai * b[j];
        }
      }
      next[t] = row;
    }
    acc = next;
    mass += gMass;
  }
  const final = acc?.[k];
  if (final) for (let o = 0; o < final.length && o <= n; o++) out[o] = final[o];
  return out;
}
