/**
 * The observed spread of a run: which tx queue each stream used, from the streams' bytes and the per-queue byte
 * deltas. An assignment of streams to queues fits when the error model (errorModel.ts: headers and retransmissions
 * add a bounded share to each stream, unrelated traffic adds non-negative bytes anywhere) can explain every queue's
 * counter. A stream's queue is stated only where every fitting assignment agrees, proven by exact questions
 * (feasible.ts): one fitting assignment first, then "is there one with stream s on queue q?" for every pair no
 * assignment found so far shows, then the same for each queue's stream count and for pairs of streams. Every
 * assignment found answers many questions at once. The search stops cleanly at a step or time budget or when
 * cancelled; what was not proven by then is left open (a candidate), never guessed. Pure.
 */
import { busyQueueCount } from '../../counters/imbalance';
import { BytesSource, defaultErrorModel, ErrorModel, errorModelText, LogTotals } from './errorModel';
import { FeasibilityQuery, Problem, Question } from './feasible';
import { subsetDp } from './subsetDp';
import { searchWitness } from './witnessSearch';
import { countOf } from '../../text';

export interface StreamBytes {
  /** Port of the stream's local end (the client port in a client log; 5201 for every stream of a server log). */
  localPort: number;
  /**
   * The stream's identity: its test and 4-tuple ("test 1 tcp 10.0.0.1:42000 > 10.0.0.2:5201"), so a server log's
   * streams (all on local port 5201) stay apart. Defaults to the local port.
   */
  key?: string;
  /** Bytes the stream sent on the counted queues' side (payload from a log, or wire bytes from a capture). */
  bytes: number;
}

export interface ObservedOptions {
  /**
   * Where the streams' bytes come from: 'capture', wire segments rebuilt from a capture (wireBytes.ts: exact), or
   * 'log', a log's payload totals (headers and retransmissions add up to 19 %).
   */
  bytesSource: BytesSource;
  /** A log's totals: the receiver's (default) or only the sender's (up to 30 % may never have been sent). */
  logTotals?: LogTotals;
  /** Bytes of other traffic the capture saw from the same host (added to the unrelated budget). */
  slackBytes?: number;
  /** Overrides of the error model's bounds. */
  errorModel?: Partial<ErrorModel>;
  /** Stop after this many search steps over all questions. Default 20 000 000. */
  maxSteps?: number;
  /** Stop after this many milliseconds. Default 10 000. */
  timeBudgetMs?: number;
  /** 'questions': skip the subset programme (tests compare the two methods). */
  method?: 'questions';
  /** Cancels the search (observedSpreadAsync only: the sync search does not return to the event loop). */
  signal?: AbortSignal;
}

interface ObservedStream {
  localPort: number;
  /** Test and 4-tuple, or the local port as text when nothing more is known. */
  key: string;
  /** The queue every fitting assignment gives this stream; null when they disagree (or the search stopped first). */
  queue: number | null;
  /** Every queue some fitting assignment gives it, and any the search could not rule out before it stopped; ascending. */
  candidates: number[];
  /** Queues neither shown nor ruled out when the search stopped (included in candidates). */
  open?: number[];
  /** Why no queue is stated, when none is. */
  why?: string;
}

/** The error model the assignments were checked against, as stated in the JSON. */
interface StatedErrorModel extends ErrorModel {
  /** The unrelated bytes allowed over all queues for this run. */
  unrelatedBudget: number;
  text: string;
}

export interface ObservedSpread {
  queues: number;
  /** Queues whose delta is at least BUSY_SHARE of the largest queue's (control connections and ARP do not count). */
  busyQueues: number;
  queueBytes: number[];
  /** Streams per queue where every fitting assignment agrees; null where they do not. */
  streamsPerQueue: Array<number | null>;
  streams: ObservedStream[];
  /**
   * Streams that share one queue in every fitting assignment (by local port; `keys` by stream key), with the queues
   * the group may be on: which streams went together is often known when which queue is not.
   */
  groups: Array<{ localPorts: number[]; keys: string[]; candidates: number[] }>;
  /**
   * true when every fitting assignment puts exactly these groups on separate queues: then the streams per busy
   * queue are known as a multiset (the groups' sizes) even where streamsPerQueue leaves the queue order open.
   */
  groupsComplete: boolean;
  /** Distinct fitting assignments found on the way (witnesses, not all of them). */
  solutions: number;
  /** false: the search stopped at its budget or was cancelled; what it had not proven is left open. */
  exhaustive: boolean;
  /** Why the search stopped early, when it did. */
  stopped?: 'steps' | 'time' | 'cancelled';
  /** Search steps taken over all questions. */
  steps: number;
  /**
   * How: 'subset programme' (up to 18 streams: every fitting assignment at once, subsetDp.ts) or 'questions' (one
   * exact question per stream and queue, feasible.ts).
   */
  method?: 'subset programme' | 'questions';
  bytesSource: BytesSource;
  /** Counter bytes per stream byte over all queues (headers, retransmissions and other traffic included). */
  scale: number;
  /** The widest share a stream's bytes may grow by on the wire under the error model (errorModel.high − 1). */
  tolerance: number;
  errorModel: StatedErrorModel;
  warnings: string[];
}

/** A queue carrying less than this share of the busiest queue's bytes is idle (control connection, ARP, ...). */
export const BUSY_SHARE = 0.01;
/** Streams and queues beyond these are refused: the questions grow as streams × queues. */
const MAX_OBSERVED_STREAMS = 1024;
const MAX_OBSERVED_QUEUES = 1024;
/** Steps per slice between looks at the clock and the cancel signal. */
const SLICE = 20_000;

const DEFAULT_STEPS = 20_000_000;
const DEFAULT_MS = 10_000;

interface Progress {
  steps: number;
  /** How the questions were answered. */
  method?: 'subset programme' | 'questions';
  stopped?: ObservedSpread['stopped'];
}

/** Everything learnt from the questions: shown pairs (a witness), ruled-out pairs (a proof), loads and pairs of streams. */
class Knowledge {
  readonly shown: Uint8Array;
  readonly ruledOut: Uint8Array;
  readonly loadsSeen: Array<Set<number>>;
  /** Pairs of streams seen apart / together in some witness. */
  readonly seenApart: Uint8Array;
  readonly seenTogether: Uint8Array;
  private readonly witnesses = new Set<string>();
  /** Set when the subset programme counted the fitting assignments. */
  counted: number | undefined;

  constructor(readonly k: number, readonly n: number) {
    this.shown = new Uint8Array(k * n);
    this.ruledOut = new Uint8Array(k * n);
    this.loadsSeen = Array.from({ length: n }, () => new Set<number>());
    this.seenApart = new Uint8Array(k * k);
    this.seenTogether = new Uint8Array(k * k);
  }

  get solutions(): number { return this.counted ?? this.witnesses.size; }

  get witnessCount(): number { return this.witnesses.size; }

  add(at: Int32Array): void {
    const key = at.join(',');
    if (this.witnesses.has(key)) return;
    this.witnesses.add(key);
    const loads = new Array<number>(this.n).fill(0);
    for (let s = 0; s < this.k; s++) { this.shown[s * this.n + at[s]] = 1; loads[at[s]]++; }
    for (let j = 0; j < this.n; j++) this.loadsSeen[j].add(loads[j]);
    for (let a = 0; a < this.k; a++) {
      for (let b = a + 1; b < this.k; b++) {
        if (at[a] === at[b]) this.seenTogether[a * this.k + b] = 1;
        else this.seenApart[a * this.k + b] = 1;
      }
    }
  }
}

/**
 * Asks every question, yielding between slices of steps so a caller can look at the clock or a cancel signal.
 * Returns false from `cont` to stop; what was not answered stays open.
 */
function* questions(p: Problem, know: Knowledge, progress: Progress, maxSteps: number, deadline: number, only?: 'questions'): Generator<void, Answered | undefined> {
  const { k } = know;
  // up to 18 streams: every question at once, exactly, by the subset programme (within 3/4 of the time)
  // beyond 32 streams it rarely finishes (its states grow with the subsets that fit a queue), so it gets 1/4 of the
  // steps and time there and the examples below the rest: on 64 × 16 they show every stream on two queues in < 1 s
  const share = k > 32 ? 1 / 4 : 3 / 4;
  const dp = only === 'questions' ? undefined : subsetDp(p, k > 32 ? Math.floor(maxSteps / 4) : maxSteps, Date.now() + (deadline - Date.now()) * share);
  if (dp) return answeredByDp(dp, know, progress);
  progress.method = 'questions';
  const asker = new Asker(p, know, progress, maxSteps);
  if (!(yield* findExamples(p, know, progress, asker))) return undefined;
  if (!(yield* askStreamQueues(p, know, asker))) return undefined;
  const provenLoad = yield* askLoads(know, asker);
  if (provenLoad === undefined) return undefined;
  return yield* askPairs(know, asker, provenLoad);
}

/** The subset programme answered every question at once: its answers, as the questions' would be. */
function answeredByDp(dp: NonNullable<ReturnType<typeof subsetDp>>, know: Knowledge, progress: Progress): Answered {
  const { k, n } = know;
  progress.steps += dp.steps;
  progress.method = 'subset programme';
  know.counted = dp.assignments;
  const provenLoad: Array<number | null> = dp.loads.map((l) => (l.size === 1 ? [...l][0] : null));
  const together = new Uint8Array(k * k);
  const apartProven = new Uint8Array(k * k);
  for (let i = 0; i < k * n; i++) { know.shown[i] = dp.possible[i]; know.ruledOut[i] = 1 - dp.possible[i]; }
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      together[a * k + b] = dp.apartNever[a * k + b];
      apartProven[a * k + b] = 1 - dp.together[a * k + b];
    }
  }
  return { provenLoad, together, apartProven, pairsDone: true };
}

/** Exact questions and local-search examples, both within the one step budget; every assignment found is added. */
class Asker {
  // examples first (witnessSearch.ts): a fitting assignment found by local search and checked exactly answers
  // "may s be on q?" at once, where the exact search may need millions of steps to find one (64 streams × 16 queues)
  private last: Int32Array | undefined;
  private seed = 1;

  constructor(private readonly p: Problem, private readonly know: Knowledge, private readonly progress: Progress, private readonly maxSteps: number) {}

  /** 'found' adds the witness; true when found, false when proven impossible, undefined when stopped. */
  *ask(q: Question): Generator<void, boolean | undefined> {
    const { progress } = this;
    const f = new FeasibilityQuery(this.p, q);
    for (;;) {
      const left = this.maxSteps - progress.steps;
      if (left <= 0) { progress.stopped ??= 'steps'; return undefined; }
      const before = f.steps;
      const a = f.run(Math.min(SLICE, left));
      progress.steps += f.steps - before;
      if (a.kind === 'found') { this.know.add(a.at); return true; }
      if (a.kind === 'none') return false;
      yield;
      if (progress.stopped) return undefined;
    }
  }

  *example(s: number, q: number): Generator<void, void> {
    const left = this.maxSteps - this.progress.steps;
    if (left <= 0) return;
    const w = searchWitness(this.p, s, q, this.seed++, Math.min(SLICE, left), this.last);
    this.progress.steps += w.moves;
    if (w.at) { this.know.add(w.at); this.last = w.at; }
    yield;
  }
}

/** One fitting assignment (an example, else an exact question), then examples for unshown pairs; false when none fits or stopped. */
function* findExamples(p: Problem, know: Knowledge, progress: Progress, asker: Asker): Generator<void, boolean> {
  const { k, n } = know;
  yield* asker.example(-1, -1);
  if (progress.stopped) return false;
  const base = know.witnessCount > 0 ? true : yield* asker.ask({});
  if (base !== true) return false;
  // where most pairs cannot be (tight counters, few streams) the examples only cost: 32 misses in a row end them
  let misses = 0;
  for (let s = 0; s < k && misses < 32; s++) {
    for (let q = 0; q < n && misses < 32; q++) {
      if (know.shown[s * n + q] || p.lo[s] > p.counts[q] + 0.5) continue;
      const before = know.witnessCount;
      yield* asker.example(s, q);
      if (progress.stopped) return false;
      misses = know.witnessCount > before ? 0 : misses + 1;
    }
  }
  return true;
}

/** Stream s on queue q: by capacity alone, or by a question; false when stopped. */
function* askStreamQueues(p: Problem, know: Knowledge, asker: Asker): Generator<void, boolean> {
  const { k, n } = know;
  for (let s = 0; s < k; s++) {
    for (let q = 0; q < n; q++) {
      const i = s * n + q;
      if (know.shown[i] || know.ruledOut[i]) continue;
      if (p.lo[s] > p.counts[q] + 0.5) { know.ruledOut[i] = 1; continue; }
      const r = yield* asker.ask({ fix: { stream: s, queue: q } });
      if (r === false) know.ruledOut[i] = 1;
      if (r === undefined) return false;
    }
  }
  return true;
}

/** Each queue's load: every witness agrees on c; is there one with fewer or more? Undefined when stopped. */
function* askLoads(know: Knowledge, asker: Asker): Generator<void, Array<number | null> | undefined> {
  const { k, n } = know;
  const provenLoad: Array<number | null> = new Array<number | null>(n).fill(null);
  for (let q = 0; q < n; q++) {
    const seen = know.loadsSeen[q];
    if (seen.size !== 1) continue;
    const c = [...seen][0];
    const fewer = c > 0 ? yield* asker.ask({ load: { queue: q, min: 0, max: c - 1 } }) : false;
    if (fewer === undefined) return undefined;
    if (fewer) continue;
    const more = c < k ? yield* asker.ask({ load: { queue: q, min: c + 1, max: k } }) : false;
    if (more === undefined) return undefined;
    if (!more) provenLoad[q] = c;
  }
  return provenLoad;
}

/**
 * Pairs (only where some stream is not stated): together in every witness → can they be apart? apart in every
 * witness → can they be together? A stop here leaves the groups partial, not the streams.
 */
function* askPairs(know: Knowledge, asker: Asker, provenLoad: Array<number | null>): Generator<void, Answered> {
  const { k, n } = know;
  const together = new Uint8Array(k * k);
  const apartProven = new Uint8Array(k * k);
  const partial: Answered = { provenLoad, together, apartProven, pairsDone: false };
  let stated = 0;
  for (let s = 0; s < k; s++) {
    let c = 0;
    for (let q = 0; q < n; q++) c += know.shown[s * n + q];
    if (c === 1) stated++;
  }
  if (stated === k) return { ...partial, pairsDone: true };
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const i = a * k + b;
      if (!know.seenApart[i]) {
        const r = yield* asker.ask({ pair: { a, b, same: false } });
        if (r === undefined) return partial;
        if (!r) together[i] = 1;
      }
    }
  }
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const i = a * k + b;
      if (know.seenTogether[i]) continue;
      // on disjoint candidate queues they can never share one
      let share = false;
      for (let q = 0; q < n && !share; q++) share = know.shown[a * n + q] === 1 && know.shown[b * n + q] === 1;
      if (!share) { apartProven[i] = 1; continue; }
      const r = yield* asker.ask({ pair: { a, b, same: true } });
      if (r === undefined) return partial;
      if (!r) apartProven[i] = 1;
    }
  }
  return { ...partial, pairsDone: true };
}

interface Answered {
  /** Loads no fitting assignment changes; null where unproven. */
  provenLoad: Array<number | null>;
  /** [a·k + b], a < b: proven together, proven apart. */
  together: Uint8Array;
  apartProven: Uint8Array;
  /** false: the budget ran out among the pair questions (the groups are partial; streams and loads are answered). */
  pairsDone: boolean;
}

interface Prepared {
  problem: Problem;
  model: StatedErrorModel;
  warnings: string[];
  scale: number;
  keys: string[];
  busyQueues: number;
}

function prepare(streams: readonly StreamBytes[], queueBytes: readonly number[], opts: ObservedOptions): Prepared {
  const n = queueBytes.length;
  if (n === 0) throw new RangeError('no queues counted');
  if (streams.length === 0) throw new RangeError('no streams to match against the counters');
  if (streams.length > MAX_OBSERVED_STREAMS) throw new RangeError(`${streams.length} streams: at most ${MAX_OBSERVED_STREAMS} are matched against counters`);
  if (n > MAX_OBSERVED_QUEUES) throw new RangeError(`${n} queues: at most ${MAX_OBSERVED_QUEUES} are matched against streams`);
  const badStream = streams.findIndex((s) => !Number.isFinite(s.bytes) || s.bytes < 0);
  if (badStream >= 0) throw new RangeError(`stream ${streams[badStream].key ?? streams[badStream].localPort}: ${streams[badStream].bytes} bytes is not a byte count`);
  const badQueue = queueBytes.findIndex((b) => !Number.isFinite(b) || b < 0);
  if (badQueue >= 0) throw new RangeError(`queue ${badQueue}: ${queueBytes[badQueue]} bytes is not a byte count`);
  const total = queueBytes.reduce((s, b) => s + b, 0);
  const streamTotal = streams.reduce((s, x) => s + x.bytes, 0);
  if (!(total > 0)) throw new RangeError('the counters show no bytes on any queue (before and after equal?)');
  if (!(streamTotal > 0)) throw new RangeError('the streams carry no bytes');
  const warnings: string[] = [];
  const scale = total / streamTotal;
  if (scale < 0.8 || scale > 1.5) {
    warnings.push(`the counters hold ${scale.toFixed(3)}× the streams' bytes (headers alone give about 1.03–1.05×): ` +
      'other traffic, another device, or counters not taken around this run');
  }
  const m: ErrorModel = { ...defaultErrorModel(opts.bytesSource, opts.logTotals, opts.slackBytes), ...opts.errorModel };
  const unrelatedBudget = m.unrelatedShare * total + m.unrelatedBytes;
  const keys = streams.map((s) => s.key ?? String(s.localPort));
  const dup = keys.find((x, i) => keys.indexOf(x) !== i);
  if (dup !== undefined) warnings.push(`two streams share the key ${dup}: they are matched as two streams`);
  return {
    problem: {
      lo: Float64Array.from(streams, (s) => m.low * s.bytes),
      hi: Float64Array.from(streams, (s) => m.high * s.bytes + m.extraBytes),
      counts: Float64Array.from(queueBytes),
      unrelated: unrelatedBudget,
    },
    model: { ...m, unrelatedBudget, text: errorModelText(m) },
    warnings, scale, keys, busyQueues: busyQueueCount(queueBytes),
  };
}

const qList = (qs: readonly number[]): string => qs.map((q) => `q${q}`).join(', ');

function result(streams: readonly StreamBytes[], queueBytes: readonly number[], opts: ObservedOptions, pr: Prepared, know: Knowledge,
  done: Answered | undefined, progress: Progress): ObservedSpread {
  const { n } = know;
  const warnings = [...pr.warnings];
  if (done && !done.pairsDone && progress.stopped) {
    warnings.push(`the search stopped (${progress.stopped}) while checking which streams share a queue: every stream and load question was answered; the groups are partial`);
    progress = { steps: progress.steps, method: progress.method };
  }
  const base = {
    queues: n, busyQueues: pr.busyQueues, queueBytes: [...queueBytes], bytesSource: opts.bytesSource, scale: pr.scale,
    tolerance: pr.model.high - 1, errorModel: pr.model, steps: progress.steps, solutions: know.solutions,
    ...(progress.method ? { method: progress.method } : {}),
  };
  if (know.solutions === 0) {
    // nothing found: either proven (no assignment fits the model) or the search stopped before the first one
    const all = queueBytes.map((_, q) => q).filter((q) => queueBytes[q] > 0);
    const why = progress.stopped
      ? `the search stopped (${progress.stopped}) before any assignment was found`
      : 'no assignment of the streams fits the counters within the error model';
    warnings.push(progress.stopped ? `${why}; nothing per stream is stated`
      : `${why} (${pr.model.text}): counters not taken around this run, another device, or more unrelated traffic than the model allows; nothing per stream is stated`);
    return {
      ...base, streamsPerQueue: queueBytes.map(() => null),
      streams: streams.map((s, i) => ({ localPort: s.localPort, key: pr.keys[i], queue: null, candidates: all, why })),
      groups: [], groupsComplete: false, exhaustive: !progress.stopped, ...(progress.stopped ? { stopped: progress.stopped } : {}), warnings,
    };
  }
  const out: ObservedStream[] = streams.map((s, i) => observedStream(s, i, pr.keys[i], know, progress));
  // a queue's load: proven by the questions, or forced when every stream that may be on it is stated
  const streamsPerQueue = queueBytes.map((_, q): number | null => {
    if (done?.provenLoad[q] !== undefined && done.provenLoad[q] !== null) return done.provenLoad[q];
    let fixed = 0;
    for (const s of out) {
      if (!s.candidates.includes(q)) continue;
      if (s.queue !== q) return null;
      fixed++;
    }
    return fixed;
  });
  const { groups, groupsComplete } = provenGroups(streams, pr.keys, out, done);
  if (progress.stopped) {
    const left = out.filter((s) => s.open).length;
    warnings.push(`the search stopped (${progress.stopped === 'cancelled' ? 'cancelled' : `${progress.stopped} budget: ${progress.steps} steps`}) before every question was answered: ` +
      `${countOf(left, 'stream')} left open; what is stated is proven, the rest is not guessed`);
  }
  return {
    ...base, streamsPerQueue, streams: out, groups, groupsComplete, exhaustive: !progress.stopped,
    ...(progress.stopped ? { stopped: progress.stopped } : {}), warnings,
  };
}

/** Stream i's queue where every assignment found agrees, its candidates, and why it is not stated otherwise. */
function observedStream(s: StreamBytes, i: number, key: string, know: Knowledge, progress: Progress): ObservedStream {
  const { n } = know;
  const shown: number[] = [];
  const open: number[] = [];
  for (let q = 0; q < n; q++) {
    if (know.shown[i * n + q]) shown.push(q);
    else if (!know.ruledOut[i * n + q]) open.push(q);
  }
  const candidates = [...shown, ...open].sort((a, b) => a - b);
  const st: ObservedStream = { localPort: s.localPort, key, queue: candidates.length === 1 ? candidates[0] : null, candidates };
  if (open.length > 0) st.open = open;
  if (st.queue === null) {
    st.why = shown.length > 1
      ? `assignments that fit the counters within the error model put it on ${qList(shown)}`
      : `the search stopped (${progress.stopped ?? 'budget'}) before ${qList(open)} ${open.length === 1 ? 'was' : 'were'} ruled in or out`;
  }
  return st;
}

/**
 * Groups: streams proven to share a queue (stated on one queue, or no fitting assignment separates them); complete
 * when every two streams of different groups are proven apart.
 */
function provenGroups(streams: readonly StreamBytes[], keys: readonly string[], out: readonly ObservedStream[], done: Answered | undefined):
  { groups: ObservedSpread['groups']; groupsComplete: boolean } {
  const k = out.length;
  const cls = new Array<number>(k).fill(-1);
  const groups: ObservedSpread['groups'] = [];
  const together = (a: number, b: number): boolean =>
    (out[a].queue !== null && out[a].queue === out[b].queue) || (done !== undefined && done.together[Math.min(a, b) * k + Math.max(a, b)] === 1);
  for (let a = 0; a < k; a++) {
    if (cls[a] >= 0) continue;
    cls[a] = groups.length;
    const members = [a];
    for (let b = a + 1; b < k; b++) if (cls[b] < 0 && together(a, b)) { cls[b] = cls[a]; members.push(b); }
    groups.push({ localPorts: members.map((i) => streams[i].localPort), keys: members.map((i) => keys[i]), candidates: out[a].candidates });
  }
  let groupsComplete = done !== undefined && done.pairsDone;
  for (let a = 0; a < k && groupsComplete; a++) {
    for (let b = a + 1; b < k; b++) {
      if (cls[a] === cls[b]) continue;
      const apart = (out[a].queue !== null && out[b].queue !== null && out[a].queue !== out[b].queue) || done!.apartProven[a * k + b] === 1;
      if (!apart) { groupsComplete = false; break; }
    }
  }
  return { groups, groupsComplete };
}

/**
 * Matches streams' bytes to per-queue byte deltas, synchronously, within the step and time budget. Throws when the
 * inputs cannot be matched at all (no streams, no bytes counted, beyond the caps).
 */
export function observedSpread(streams: readonly StreamBytes[], queueBytes: readonly number[], opts: ObservedOptions): ObservedSpread {
  const pr = prepare(streams, queueBytes, opts);
  const know = new Knowledge(streams.length, queueBytes.length);
  const progress: Progress = { steps: 0 };
  const deadline = Date.now() + (opts.timeBudgetMs ?? DEFAULT_MS);
  const it = questions(pr.problem, know, progress, opts.maxSteps ?? DEFAULT_STEPS, deadline, opts.method);
  let r = it.next();
  while (!r.done) {
    if (opts.signal?.aborted) progress.stopped = 'cancelled';
    else if (Date.now() > deadline) progress.stopped = 'time';
    r = it.next();
  }
  return result(streams, queueBytes, opts, pr, know, r.value, progress);
}

/** The same, returning to the event loop between slices so `opts.signal` can cancel it. */
export async function observedSpreadAsync(streams: readonly StreamBytes[], queueBytes: readonly number[], opts: ObservedOptions): Promise<ObservedSpread> {
  const pr = prepare(streams, queueBytes, opts);
  const know = new Knowledge(streams.length, queueBytes.length);
  const progress: Progress = { steps: 0 };
  const deadline = Date.now() + (opts.timeBudgetMs ?? DEFAULT_MS);
  const it = questions(pr.problem, know, progress, opts.maxSteps ?? DEFAULT_STEPS, deadline, opts.method);
  let r = it.next();
  while (!r.done) {
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (opts.signal?.aborted) progress.stopped = 'cancelled';
    else if (Date.now() > deadline) progress.stopped = 'time';
    r = it.next();
  }
  return result(streams, queueBytes, opts, pr, know, r.value, progress);
}
