/**
 * One exact question about a run: is there an assignment of streams to queues that fits the counters under the
 * error model (errorModel.ts), optionally with stream s on queue q, or with queue q's stream count in [min, max]?
 * Depth-first over the streams (largest first), every branch cut only by bounds that hold for every completion:
 * - capacity: a queue's streams need at least Σ low bytes ≤ its counter (unrelated bytes are never negative);
 * - unexplained bytes: Σ over queues of (counter − Σ high bytes)⁺ must fit the unrelated budget; a queue that can
 *   take no further stream keeps its shortfall, the others' shortfall shrinks by at most the remaining high bytes;
 * - room: the remaining streams' low bytes must fit in the room of queues that can still take a stream;
 * - symmetry: queues with the same counter and the same streams' sums so far are interchangeable (one is tried),
 *   and streams with equal bounds go to queues in non-decreasing order — unless the question names them.
 * Answers are exact: 'found' comes with a witness, 'none' is a proof by exhaustion. The walk is iterative and can
 * pause after a number of steps and resume, so a caller can bound time and honour cancellation. Pure.
 */

export interface Problem {
  /** Per stream: the least and most bytes it may add to its queue's counter. */
  lo: Float64Array;
  hi: Float64Array;
  /** Per queue: the counted bytes. */
  counts: Float64Array;
  /** The most bytes no stream explains, over all queues. */
  unrelated: number;
}

export interface Question {
  /** Stream `stream` must be on queue `queue`. */
  fix?: { stream: number; queue: number };
  /** Queue `queue` holds between min and max streams. */
  load?: { queue: number; min: number; max: number };
  /** Streams a and b on one queue (same) or on different queues. */
  pair?: { a: number; b: number; same: boolean };
}

/** Bytes are integers; sums of doubles stay exact far beyond any counter, so a half-byte guard is enough. */
const EPS = 0.5;

export type Answer = { kind: 'found'; at: Int32Array } | { kind: 'none' } | { kind: 'paused' };

/** A resumable search for one question. */
export class FeasibilityQuery {
  private readonly k: number;
  private readonly n: number;
  private readonly order: Int32Array;
  /** Remaining low / high sums from depth d on. */
  private readonly restLo: Float64Array;
  private readonly restHi: Float64Array;
  private readonly sameAsPrev: Uint8Array;
  private readonly minLo: number;
  private readonly fixStream: number;
  private readonly fixQueue: number;
  private readonly loadQueue: number;
  private readonly loadMin: number;
  private readonly loadMax: number;
  private readonly pairA: number;
  private readonly pairB: number;
  private readonly pairSame: boolean;
  private readonly sumLo: Float64Array;
  private readonly sumHi: Float64Array;
  private readonly load: Int32Array;
  private readonly at: Int32Array;
  private readonly choices: Int32Array[];
  private readonly choiceLen: Int32Array;
  private readonly next: Int32Array;
  /** Queues that share their counter with another one (candidates for the symmetry cut). */
  private readonly twin: Uint8Array;
  private depth = 0;
  private started = false;
  private done: Answer | undefined;
  steps = 0;

  constructor(private readonly p: Problem, q: Question) {
    const k = (this.k = p.lo.length);
    const n = (this.n = p.counts.length);
    this.order = Int32Array.from(Array.from({ length: k }, (_, i) => i).sort((a, b) => p.lo[b] - p.lo[a] || p.hi[b] - p.hi[a] || a - b));
    this.restLo = new Float64Array(k + 1);
    this.restHi = new Float64Array(k + 1);
    for (let d = k - 1; d >= 0; d--) {
      this.restLo[d] = this.restLo[d + 1] + p.lo[this.order[d]];
      this.restHi[d] = this.restHi[d + 1] + p.hi[this.order[d]];
    }
    this.minLo = k > 0 ? p.lo[this.order[k - 1]] : 0;
    this.fixStream = q.fix?.stream ?? -1;
    this.fixQueue = q.fix?.queue ?? -1;
    this.loadQueue = q.load?.queue ?? -1;
    this.loadMin = q.load?.min ?? 0;
    this.loadMax = q.load?.max ?? k;
    this.pairA = q.pair?.a ?? -1;
    this.pairB = q.pair?.b ?? -1;
    this.pairSame = q.pair?.same ?? false;
    const named = (s: number): boolean => s === this.fixStream || s === this.pairA || s === this.pairB;
    this.sameAsPrev = new Uint8Array(k);
    for (let d = 1; d < k; d++) {
      const a = this.order[d - 1];
      const b = this.order[d];
      this.sameAsPrev[d] = Number(p.lo[a] === p.lo[b] && p.hi[a] === p.hi[b] && !named(a) && !named(b));
    }
    this.twin = new Uint8Array(n);
    const byCount = new Map<number, number>();
    for (let j = 0; j < n; j++) byCount.set(p.counts[j], (byCount.get(p.counts[j]) ?? 0) + 1);
    for (let j = 0; j < n; j++) this.twin[j] = Number((byCount.get(p.counts[j]) ?? 0) > 1 && j !== this.fixQueue && j !== this.loadQueue);
    this.sumLo = new Float64Array(n);
    this.sumHi = new Float64Array(n);
    this.load = new Int32Array(n);
    this.at = new Int32Array(k).fill(-1);
    this.choices = Array.from({ length: k }, () => new Int32Array(n));
    this.choiceLen = new Int32Array(k);
    this.next = new Int32Array(k);
  }

  /** Whether the partial assignment of the first d streams (in search order) can still be completed, by the bounds. */
  private bounded(d: number): boolean {
    const p = this.p;
    let closed = 0;
    let open = 0;
    let room = 0;
    for (let j = 0; j < this.n; j++) {
      const cap = p.counts[j] - this.sumLo[j];
      const short = Math.max(0, p.counts[j] - this.sumHi[j]);
      const canTake = d < this.k && cap + EPS >= this.minLo && !(j === this.loadQueue && this.load[j] >= this.loadMax);
      if (canTake) { room += cap; open += short; } else closed += short;
    }
    if (closed + Math.max(0, open - this.restHi[d]) > p.unrelated + EPS) return false;
    if (this.restLo[d] > room + EPS) return false;
    if (this.loadQueue >= 0 && this.loadMin - this.load[this.loadQueue] > this.k - d) return false;
    return true;
  }

  /** Fills choices[d]: the queues stream order[d] may go to, the largest shortfall first (a witness comes sooner). */
  private expand(d: number): void {
    const p = this.p;
    const s = this.order[d];
    const out = this.choices[d];
    let len = 0;
    const from = this.sameAsPrev[d] ? this.at[this.order[d - 1]] : 0;
    // the pair's partner, when it is placed already (the later of the two obeys the pair)
    const partner = s === this.pairA ? this.at[this.pairB] : s === this.pairB ? this.at[this.pairA] : -1;
    const tried: number[] = [];
    for (let j = from; j < this.n; j++) {
      if (s === this.fixStream && j !== this.fixQueue) continue;
      if (partner >= 0 && (j === partner) !== this.pairSame) continue;
      if (this.sumLo[j] + p.lo[s] > p.counts[j] + EPS) continue;
      if (j === this.loadQueue && this.load[j] >= this.loadMax) continue;
      // a queue holding one of the pair is not interchangeable with its twins
      if (this.twin[j] && (this.pairA < 0 || (j !== this.at[this.pairA] && j !== this.at[this.pairB]))) {
        let dup = false;
        for (const t of tried) {
          if (p.counts[t] === p.counts[j] && this.sumLo[t] === this.sumLo[j] && this.sumHi[t] === this.sumHi[j] && this.load[t] === this.load[j]) { dup = true; break; }
        }
        if (dup) continue;
        tried.push(j);
      }
      out[len++] = j;
    }
    // best fit first: the queue it leaves the least room on (bin packing's best-fit decreasing finds a witness soonest)
    const room = (j: number): number => p.counts[j] - this.sumLo[j];
    const sorted = Array.from(out.subarray(0, len)).sort((a, b) => room(a) - room(b) || a - b);
    out.set(sorted);
    this.choiceLen[d] = len;
    this.next[d] = 0;
  }

  private place(s: number, j: number, sign: 1 | -1): void {
    this.sumLo[j] += sign * this.p.lo[s];
    this.sumHi[j] += sign * this.p.hi[s];
    this.load[j] += sign;
    this.at[s] = sign === 1 ? j : -1;
  }

  /** Walks at most `budget` steps; 'paused' when they ran out first (call again to go on). */
  run(budget: number): Answer {
    if (this.done) return this.done;
    let left = budget;
    if (!this.started) {
      this.started = true;
      this.steps++;
      left--;
      if (!this.bounded(0)) return (this.done = { kind: 'none' });
      if (this.k === 0) return (this.done = { kind: 'found', at: this.at.slice() });
      this.expand(0);
      this.depth = 0;
    }
    for (;;) {
      const d = this.depth;
      if (this.next[d] < this.choiceLen[d]) {
        if (left <= 0) return { kind: 'paused' };
        left--;
        this.steps++;
        const s = this.order[d];
        const j = this.choices[d][this.next[d]++];
        this.place(s, j, 1);
        if (this.bounded(d + 1)) {
          if (d + 1 === this.k) return (this.done = { kind: 'found', at: this.at.slice() });
          this.depth = d + 1;
          this.expand(d + 1);
          continue;
        }
        this.place(s, j, -1);
        continue;
      }
      // every choice at depth d failed: back up
      if (d === 0) return (this.done = { kind: 'none' });
      this.depth = d - 1;
      const ps = this.order[d - 1];
      this.place(ps, this.at[ps], -1);
    }
  }
}
