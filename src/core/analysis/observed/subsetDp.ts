/**
 * Every question about a run at once, exactly: a dynamic programme over queues and the set of streams not yet
 * placed. f(j, R) = the fewest unrelated bytes that explain queues j..n−1 with exactly the streams R on them (∞ when
 * no choice fits), where queue j takes a subset S ⊆ R with Σ low ≤ its counter and leaves the shortfall
 * (counter − Σ high)⁺ to unrelated traffic. Only states reachable from "every stream left" are visited (a sparse
 * memo), and a subset is enumerated only while it still fits the queue and can still reach it within the budget, so
 * tight counters (a capture) leave few states. A forward pass then keeps the states some fitting assignment passes
 * through (g(j, R) + f(j, R) ≤ budget) and reads off, for every queue, each subset it may take: which streams may be
 * on it, which loads it may carry, which streams may share it. That is the whole set of fitting assignments, not a
 * sample: a stream with one possible queue is determined, one with two is not. Pure.
 */
import type { Problem } from './feasible';

const EPS = 0.5;

export interface DpAnswer {
  /** possible[s·n + q]: some fitting assignment puts stream s on queue q. */
  possible: Uint8Array;
  /** Per queue, the loads some fitting assignment gives it. */
  loads: Array<Set<number>>;
  /** together[a·k + b]: some fitting assignment puts a and b on one queue; apartNever: none separates them. */
  together: Uint8Array;
  apartNever: Uint8Array;
  /** Paths through the programme's states (an upper bound on the fitting assignments, capped at 2^31). */
  assignments: number;
  steps: number;
}

/**
 * Runs the programme within `maxSteps` subset visits and until `deadline` (Date.now()); undefined when either runs
 * out (the caller falls back to single questions, feasible.ts).
 */
export function subsetDp(p: Problem, maxSteps: number, deadline: number): DpAnswer | undefined {
  const dp = programme(p, maxSteps, deadline);
  const total = dp.f(0, dp.full);
  if (dp.stopped()) return undefined;
  const k = p.lo.length;
  const n = p.counts.length;
  const possible = new Uint8Array(k * n);
  const loads = Array.from({ length: n }, () => new Set<number>());
  const together = new Uint8Array(k * k);
  const apartNever = new Uint8Array(k * k);
  if (total > dp.budget) return { possible, loads, together, apartNever, assignments: 0, steps: dp.steps() };
  apartNever.fill(1);
  const { count, qOrder, memo, budget, subsets, f } = dp;
  // forward: the least unrelated bytes spent reaching each state, kept only where a fitting completion exists
  let frontier = new Map<bigint, { g: number; ways: number }>([[dp.full, { g: 0, ways: 1 }]]);
  const inS = new Uint8Array(k);
  for (let j = 0; j < n; j++) {
    const q = qOrder[j];
    const next = new Map<bigint, { g: number; ways: number }>();
    for (const [R, { g, ways }] of frontier) {
      subsets(j, R, budget - g, (S, chosen, hi) => {
        const short = Math.max(0, count[j] - hi);
        const rest = R & ~S;
        const fr = memo[j + 1].get(rest) ?? f(j + 1, rest);
        if (g + short + fr > budget) return;
        loads[q].add(chosen.length);
        for (const a of chosen) inS[a] = 1;
        for (const a of chosen) {
          possible[a * n + q] = 1;
          for (let b = 0; b < k; b++) {
            if (b === a) continue;
            if (inS[b]) together[a * k + b] = 1;
            else apartNever[a * k + b] = 0;
          }
        }
        for (const a of chosen) inS[a] = 0;
        const e = next.get(rest);
        if (!e) next.set(rest, { g: g + short, ways });
        else { e.g = Math.min(e.g, g + short); e.ways = Math.min(2 ** 31, e.ways + ways); }
      });
      if (dp.stopped()) return undefined;
    }
    frontier = next;
  }
  return { possible, loads, together, apartNever, assignments: frontier.get(0n)?.ways ?? 0, steps: dp.steps() };
}

/** The streams and queues in the orders the programme walks them, and the counters of the queues left after each. */
function walkOrders(p: Problem): { order: number[]; qOrder: number[]; count: number[]; restCount: Float64Array } {
  const k = p.lo.length;
  const n = p.counts.length;
  // streams by falling low bytes, so a subset's enumeration can stop at the first that no longer fits
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => p.lo[b] - p.lo[a]);
  // small queues first: they admit the fewest subsets
  const qOrder = Array.from({ length: n }, (_, j) => j).sort((a, b) => p.counts[a] - p.counts[b] || a - b);
  const count = qOrder.map((q) => p.counts[q]);
  const restCount = new Float64Array(n + 1);
  for (let j = n - 1; j >= 0; j--) restCount[j] = restCount[j + 1] + count[j];
  return { order, qOrder, count, restCount };
}

/** Σ low and Σ high of some streams. */
function sums(p: Problem, ms: readonly number[]): { lo: number; hi: number } {
  let lo = 0;
  let hi = 0;
  for (const b of ms) { lo += p.lo[b]; hi += p.hi[b]; }
  return { lo, hi };
}

/**
 * The backward programme f(j, R) with its memo, and the subset enumeration both passes share. They share one step
 * count and one stop flag, kept in this closure so the enumeration's inner walk stays as it was.
 */
function programme(p: Problem, maxSteps: number, deadline: number) {
  const k = p.lo.length;
  const n = p.counts.length;
  const bit = Array.from({ length: k }, (_, i) => 1n << BigInt(i));
  const full = (1n << BigInt(k)) - 1n;
  const { order, qOrder, count, restCount } = walkOrders(p);
  const budget = p.unrelated + EPS;
  let steps = 0;
  let out = false;
  const memo: Array<Map<bigint, number>> = Array.from({ length: n + 1 }, () => new Map());
  const members = (R: bigint): number[] => order.filter((b) => (R & bit[b]) !== 0n);

  /** Calls visit(S, its streams, Σ high) for every S ⊆ R that queue j can take with a shortfall ≤ limit. */
  const subsets = (j: number, R: bigint, limit: number, visit: (S: bigint, chosen: readonly number[], hi: number) => void): void => {
    const cap = count[j] + EPS;
    const need = count[j] - limit;
    const bits = members(R);
    const restHi = new Float64Array(bits.length + 1);
    for (let i = bits.length - 1; i >= 0; i--) restHi[i] = restHi[i + 1] + p.hi[bits[i]];
    const chosen: number[] = [];
    const walk = (i: number, lo: number, hi: number): void => {
      if (out) return;
      if ((++steps & 0x3fff) === 0 && (steps > maxSteps || Date.now() > deadline)) { out = true; return; }
      // even every remaining stream cannot bring the shortfall within the limit
      if (hi + restHi[i] < need - EPS) return;
      if (i === bits.length) {
        let S = 0n;
        for (const b of chosen) S |= bit[b];
        visit(S, chosen, hi);
        return;
      }
      const b = bits[i];
      if (lo + p.lo[b] <= cap) {
        chosen.push(b);
        walk(i + 1, lo + p.lo[b], hi + p.hi[b]);
        chosen.pop();
      }
      walk(i + 1, lo, hi);
    };
    walk(0, 0, 0);
  };

  const f = (j: number, R: bigint): number => {
    if (j === n) return R === 0n ? 0 : Infinity;
    const known = memo[j].get(R);
    if (known !== undefined) return known;
    let best = Infinity;
    const s = sums(p, members(R));
    // bounds: the streams left must fit the queues left; their shortfall together is at least Σ counts − Σ high
    const lower = Math.max(0, restCount[j] - s.hi);
    if (s.lo <= restCount[j] + EPS && lower <= budget) {
      subsets(j, R, budget, (S, _c, hi) => {
        if (best <= lower) return;
        const v = Math.max(0, count[j] - hi) + f(j + 1, R & ~S);
        if (v < best) best = v;
      });
    }
    if (!out) memo[j].set(R, best);
    return best;
  };
  return { full, qOrder, count, budget, memo, subsets, f, stopped: (): boolean => out, steps: (): number => steps };
}
