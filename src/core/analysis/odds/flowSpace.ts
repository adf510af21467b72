/**
 * Flows grouped into classes of equal weight, and the "box" of partial assignments
 * (how many flows of each class so far) the exact engines walk over.
 *
 * A point of the box is a vector t with 0 ≤ t_c ≤ count_c, stored at index Σ t_c·stride_c.
 * Unweighted flows are one class, so the box is just 0..k.
 */
interface FlowClass {
  weight: number;
  count: number;
}

export interface FlowSpace {
  classes: FlowClass[];
  /** Number of flows, k. */
  flows: number;
  /** Σ of all flow weights (k for unweighted flows). */
  totalWeight: number;
  stride: number[];
  size: number;
  /** digits[idx][c] = t_c of the point idx. */
  digits: number[][];
  /** load[idx] = Σ t_c·weight_c: what one queue carries if it gets exactly that sub-multiset. */
  load: number[];
}

/** `k` means k flows of weight 1; an array gives each flow's weight (must be > 0). */
export type FlowsSpec = number | readonly number[];

function flowClasses(flows: FlowsSpec): FlowClass[] {
  if (typeof flows === 'number') {
    if (!Number.isInteger(flows) || flows < 0) throw new RangeError(`flows must be a non-negative integer, got ${flows}`);
    return flows === 0 ? [] : [{ weight: 1, count: flows }];
  }
  const byWeight = new Map<number, number>();
  for (const w of flows) {
    if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`flow weights must be finite and > 0, got ${w}`);
    byWeight.set(w, (byWeight.get(w) ?? 0) + 1);
  }
  return [...byWeight.entries()].sort((a, b) => a[0] - b[0]).map(([weight, count]) => ({ weight, count }));
}

export function flowSpace(flows: FlowsSpec): FlowSpace {
  const classes = flowClasses(flows);
  const stride: number[] = [];
  let size = 1;
  for (const c of classes) {
    stride.push(size);
    size *= c.count + 1;
  }
  if (size > 2_000_000) throw new RangeError(`too many distinct flow weights for the exact engine (${size} states); use Monte Carlo`);
  const digits: number[][] = [];
  const load: number[] = [];
  for (let idx = 0; idx < size; idx++) {
    const d = classes.map((c, i) => Math.floor(idx / stride[i]) % (c.count + 1));
    digits.push(d);
    // Integer weights give exact integer loads; the same summation order is used everywhere.
    load.push(d.reduce((s, t, i) => s + t * classes[i].weight, 0));
  }
  const flowCount = classes.reduce((s, c) => s + c.count, 0);
  return { classes, flows: flowCount, totalWeight: load[size - 1] ?? 0, stride, size, digits, load };
}

/** Distinct loads one queue can carry, ascending (ties within 1e-9 relative merged). */
export function candidateLoads(space: FlowSpace): number[] {
  const sorted = [...space.load].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    if (out.length === 0 || v - out[out.length - 1] > 1e-9 * Math.max(1, v)) out.push(v);
  }
  return out;
}

/** Relative tolerance used when comparing loads computed by different summation orders. */
export function loadAtMost(load: number, bound: number): boolean {
  return load <= bound + 1e-9 * Math.max(1, bound);
}
