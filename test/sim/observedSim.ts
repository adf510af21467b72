/**
 * An adversarial simulator for `observed`, written without the core's code: seeded runs of K streams hashed onto N
 * queues, their wire bytes grown by headers (a per-run MSS/header ratio) and retransmissions, unrelated traffic
 * dropped on random queues, and what a log or a capture would report of each stream (rounded text totals, exact
 * JSON totals, a sender's totals with data still buffered, a capture's wire bytes that missed a few frames). The
 * checker compares every statement `observed` makes with the truth: a stated queue, a ruled-out queue, a stated
 * load, a group said to share a queue, complete groups. Used by test/unit/observed/simulate.test.ts and
 * scripts/sim-observed.mjs.
 */

/** mulberry32: a small seeded generator (public domain), so every run is reproducible from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type SimSource = 'log-receiver-json' | 'log-receiver-text' | 'log-sender' | 'capture';

export interface SimRun {
  seed: number;
  k: number;
  n: number;
  source: SimSource;
  /** true: a server log (every stream's local port 5201, told apart by the remote port). */
  server: boolean;
  /** Per stream: the truth queue, what the log/capture reports, and its identity. */
  truth: number[];
  reported: number[];
  localPorts: number[];
  keys: string[];
  /** Per queue: the counter delta. */
  queueBytes: number[];
  /** Unrelated bytes the capture saw (capture runs). */
  slackBytes?: number;
  /** Figures of the draw, for the report. */
  unrelatedShare: number;
  retransmitted: number;
}

export interface SimOptions {
  kMin: number; kMax: number; nMin: number; nMax: number;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const between = (r: () => number, a: number, b: number): number => a + (b - a) * r();
/** Three significant digits, as iperf's text summaries print "125 MBytes". */
const threeDigits = (x: number): number => {
  if (x <= 0) return 0;
  const e = Math.floor(Math.log10(x)) - 2;
  return Math.round(x / 10 ** e) * 10 ** e;
};

/** One seeded run inside the error model the docs state (docs/observed.md). */
export function simulate(seed: number, o: SimOptions): SimRun {
  const r = rng(seed);
  const k = o.kMin + Math.floor(r() * (o.kMax - o.kMin + 1));
  const n = o.nMin + Math.floor(r() * (o.nMax - o.nMin + 1));
  const source = pick<SimSource>(r, ['log-receiver-json', 'log-receiver-text', 'log-sender', 'capture']);
  const server = source !== 'capture' && r() < 0.3;
  // a hash: each stream lands on a uniform queue
  const truth = Array.from({ length: k }, () => Math.floor(r() * n));
  const load = new Array<number>(n).fill(0);
  for (const q of truth) load[q]++;
  // payload: streams on one queue share its capacity (iperf's fair share), or independent sizes
  const fairShare = r() < 0.6;
  const cap = between(r, 2e7, 2e9);
  const payload = truth.map((q) => (fairShare ? cap / load[q] : between(r, 0.2, 1) * cap) * between(r, 0.85, 1.15));
  // headers: one ratio per run (the host's MSS and header stack), a little jitter per stream (options, VLAN)
  const header = between(r, 1.005, 1.075);
  let retransmitted = 0;
  const wire = payload.map((p) => {
    const retx = r() < 0.5 ? between(r, 0.02, 0.08) : 0;
    if (retx > 0) retransmitted++;
    return Math.round(p * header * between(r, 1, 1.004) * (1 + retx) + between(r, 0, 4096));
  });
  const wireTotal = wire.reduce((a, b) => a + b, 0);
  // unrelated traffic: 1–10 % of the streams' bytes, on 1–3 random queues
  const unrelatedShare = between(r, 0.01, 0.1);
  const queueBytes = new Array<number>(n).fill(0);
  truth.forEach((q, i) => { queueBytes[q] += wire[i]; });
  let slackBytes: number | undefined;
  if (source === 'capture') {
    // the capture sees the host's other traffic (slack) except a sliver it missed
    const seen = unrelatedShare * wireTotal;
    const missed = between(r, 0, 0.004) * wireTotal;
    slackBytes = Math.round(seen);
    spread(r, queueBytes, seen + missed);
  } else spread(r, queueBytes, unrelatedShare * wireTotal);
  const reported = payload.map((p, i) => {
    switch (source) {
      case 'log-receiver-json': return Math.round(p);
      case 'log-receiver-text': return threeDigits(p);
      // the sender counts what it wrote; up to 25 % more than was sent
      case 'log-sender': return Math.round(p * between(r, 1, 1.25));
      // wire bytes, less a few frames the capture dropped
      case 'capture': return Math.round(wire[i] * between(r, 0.9995, 1));
    }
  });
  const localPorts = truth.map((_, i) => (server ? 5201 : 40000 + i));
  const keys = truth.map((_, i) => (server ? `test 1: tcp 10.9.0.2:5201 → 10.9.0.1:${40000 + i}` : `test 1: tcp 10.9.0.1:${40000 + i} → 10.9.0.2:5201`));
  const out: SimRun = { seed, k, n, source, server, truth, reported, localPorts, keys, queueBytes: queueBytes.map(Math.round), unrelatedShare, retransmitted };
  if (slackBytes !== undefined) out.slackBytes = slackBytes;
  return out;
}

function spread(r: () => number, queueBytes: number[], bytes: number): void {
  const m = 1 + Math.floor(r() * 3);
  const w = Array.from({ length: m }, () => r());
  const sum = w.reduce((a, b) => a + b, 0);
  for (const x of w) queueBytes[Math.floor(r() * queueBytes.length)] += (bytes * x) / sum;
}

/** What `observed` says, as the checker needs it (the JSON's shape). */
export interface SimAnswer {
  streams: Array<{ key: string; queue: number | null; candidates: number[] }>;
  streamsPerQueue: Array<number | null>;
  groups: Array<{ keys: string[] }>;
  groupsComplete: boolean;
  exhaustive: boolean;
}

export interface SimVerdict {
  stated: number;
  wrong: string[];
  /** Candidates of the streams not stated. */
  openCandidates: number;
  open: number;
}

/** Every statement of the answer against the truth. */
export function check(run: SimRun, a: SimAnswer): SimVerdict {
  const wrong: string[] = [];
  const idx = new Map(run.keys.map((x, i) => [x, i]));
  let stated = 0;
  let open = 0;
  let openCandidates = 0;
  a.streams.forEach((s) => {
    const i = idx.get(s.key);
    if (i === undefined) { wrong.push(`unknown stream ${s.key}`); return; }
    const t = run.truth[i];
    if (!s.candidates.includes(t)) wrong.push(`seed ${run.seed}: ${s.key} truly on q${t}, ruled out (candidates ${s.candidates.join(',')})`);
    if (s.queue !== null) {
      stated++;
      if (s.queue !== t) wrong.push(`seed ${run.seed}: ${s.key} stated on q${s.queue}, truly q${t}`);
    } else { open++; openCandidates += s.candidates.length; }
  });
  const load = new Array<number>(run.n).fill(0);
  for (const q of run.truth) load[q]++;
  a.streamsPerQueue.forEach((c, q) => { if (c !== null && c !== load[q]) wrong.push(`seed ${run.seed}: q${q} stated with ${c} streams, truly ${load[q]}`); });
  const qOf = (key: string): number => run.truth[idx.get(key) ?? -1];
  for (const g of a.groups) {
    if (new Set(g.keys.map(qOf)).size !== 1) wrong.push(`seed ${run.seed}: group ${g.keys.join(' | ')} said to share a queue`);
  }
  if (a.groupsComplete) {
    const qs = a.groups.map((g) => qOf(g.keys[0]));
    if (new Set(qs).size !== qs.length) wrong.push(`seed ${run.seed}: groups said to be on separate queues share one`);
  }
  return { stated, wrong, open, openCandidates };
}
