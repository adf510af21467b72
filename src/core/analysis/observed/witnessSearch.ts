/**
 * Fitting assignments found fast by a seeded local search, to answer "is there one with stream s on queue q?" by
 * example before the exact search (feasible.ts) has to prove anything. Random moves and swaps that do not raise the
 * violation (bytes over a queue's counter + unexplained bytes beyond the unrelated budget) walk towards an assignment
 * that fits. A result counts only after `fits` checked it against the error model exactly: the search can miss an
 * assignment (then the exact search decides), never state one that does not fit. Pure and deterministic per seed.
 */
import type { Problem } from './feasible';
import { seededRandom } from '../stats/seededRandom';

const EPS = 0.5;

/** The exact test of errorModel.ts: every queue's low sum within its counter, the shortfall within the budget. */
export function fits(p: Problem, at: Int32Array): boolean {
  const n = p.counts.length;
  const lo = new Float64Array(n);
  const hi = new Float64Array(n);
  for (let s = 0; s < at.length; s++) {
    if (at[s] < 0 || at[s] >= n) return false;
    lo[at[s]] += p.lo[s];
    hi[at[s]] += p.hi[s];
  }
  let short = 0;
  for (let j = 0; j < n; j++) {
    if (lo[j] > p.counts[j] + EPS) return false;
    short += Math.max(0, p.counts[j] - hi[j]);
  }
  return short <= p.unrelated + EPS;
}

/**
 * Looks for a fitting assignment with stream `fixStream` on `fixQueue` (−1: any), starting from `start` (or random),
 * for at most `maxMoves` moves. Returns the assignment (checked by `fits`) or null, and the moves taken.
 */
export function searchWitness(p: Problem, fixStream: number, fixQueue: number, seed: number, maxMoves: number, start?: Int32Array): { at: Int32Array | null; moves: number } {
  const k = p.lo.length;
  const n = p.counts.length;
  const rand = seededRandom(seed);
  const at = new Int32Array(k);
  const sl = new Float64Array(n);
  const sh = new Float64Array(n);
  for (let s = 0; s < k; s++) {
    at[s] = s === fixStream ? fixQueue : start ? start[s] : Math.floor(rand() * n);
    sl[at[s]] += p.lo[s];
    sh[at[s]] += p.hi[s];
  }
  const violation = (): number => {
    let over = 0;
    let short = 0;
    for (let j = 0; j < n; j++) {
      over += Math.max(0, sl[j] - p.counts[j]);
      short += Math.max(0, p.counts[j] - sh[j]);
    }
    return over + Math.max(0, short - p.unrelated);
  };
  const shift = (s: number, from: number, to: number): void => {
    sl[from] -= p.lo[s]; sh[from] -= p.hi[s]; sl[to] += p.lo[s]; sh[to] += p.hi[s]; at[s] = to;
  };
  let v = violation();
  let moves = 0;
  while (moves < maxMoves) {
    if (v <= EPS && fits(p, at)) return { at: at.slice(), moves };
    moves++;
    const a = Math.floor(rand() * k);
    if (a === fixStream) continue;
    const ja = at[a];
    // a rare uphill step leaves a plateau; otherwise only moves that do not make it worse
    const uphill = rand() < 0.001;
    if (rand() < 0.5) {
      const j = Math.floor(rand() * n);
      if (j === ja) continue;
      shift(a, ja, j);
      const v2 = violation();
      if (v2 <= v || uphill) v = v2; else shift(a, j, ja);
    } else {
      const b = Math.floor(rand() * k);
      const jb = at[b];
      if (b === fixStream || jb === ja) continue;
      shift(a, ja, jb);
      shift(b, jb, ja);
      const v2 = violation();
      if (v2 <= v || uphill) v = v2; else { shift(b, ja, jb); shift(a, jb, ja); }
    }
  }
  return { at: v <= EPS && fits(p, at) ? at.slice() : null, moves };
}
