// The search is exact: the subset programme, the per-question search and a brute force over every assignment agree;
// 16 × 8 runs are answered completely; beyond the budget the search stops cleanly and says so.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { observedSpread, observedSpreadAsync, ObservedSpread } from '../../../src/core/analysis/observed/assign';
import { rng } from '../../sim/observedSim';

/** Every assignment of k streams to n queues, checked against the model stated in the answer (no core code). */
function bruteForce(bytes: readonly number[], queueBytes: readonly number[], m: ObservedSpread['errorModel']): { candidates: number[][]; loads: Array<Set<number>> } {
  const k = bytes.length;
  const n = queueBytes.length;
  const candidates = bytes.map(() => new Set<number>());
  const loads = queueBytes.map(() => new Set<number>());
  const at = new Array<number>(k).fill(0);
  for (let code = 0; code < n ** k; code++) {
    let c = code;
    for (let i = 0; i < k; i++) { at[i] = c % n; c = Math.floor(c / n); }
    const lo = new Array<number>(n).fill(0);
    const hi = new Array<number>(n).fill(0);
    const load = new Array<number>(n).fill(0);
    at.forEach((q, i) => { lo[q] += m.low * bytes[i]; hi[q] += m.high * bytes[i] + m.extraBytes; load[q]++; });
    if (lo.some((x, q) => x > queueBytes[q] + 0.5)) continue;
    const unexplained = queueBytes.reduce((s, b, q) => s + Math.max(0, b - hi[q]), 0);
    if (unexplained > m.unrelatedBudget + 0.5) continue;
    at.forEach((q, i) => candidates[i].add(q));
    load.forEach((l, q) => loads[q].add(l));
  }
  return { candidates: candidates.map((s) => [...s].sort((a, b) => a - b)), loads };
}

/** A seeded run: hashed streams, headers and retransmissions, unrelated bytes on a random queue. */
function draw(seed: number, k: number, n: number, unrelated: number, fairShare: boolean): { bytes: number[]; queueBytes: number[]; truth: number[] } {
  const r = rng(seed);
  const truth = Array.from({ length: k }, () => Math.floor(r() * n));
  const load = new Array<number>(n).fill(0);
  for (const q of truth) load[q]++;
  const bytes = truth.map((q) => Math.round((fairShare ? 1e8 / load[q] : 1e8 * (0.2 + r())) * (0.9 + 0.2 * r())));
  const queueBytes = new Array<number>(n).fill(0);
  truth.forEach((q, i) => { queueBytes[q] += Math.round(bytes[i] * (1.03 + 0.1 * r())); });
  queueBytes[Math.floor(r() * n)] += Math.round(unrelated * queueBytes.reduce((a, b) => a + b, 0));
  return { bytes, queueBytes, truth };
}

describe('observed: exact', () => {
  it('300 seeded runs of 2–7 streams over 2–4 queues: subset programme = per-question search = brute force over every assignment', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed * 31);
      const k = 2 + Math.floor(r() * 6);
      const n = 2 + Math.floor(r() * 3);
      const d = draw(seed, k, n, 0.01 + 0.09 * r(), r() < 0.5);
      const streams = d.bytes.map((b, i) => ({ localPort: 1000 + i, bytes: b }));
      const dp = observedSpread(streams, d.queueBytes, { bytesSource: 'log' });
      const qs = observedSpread(streams, d.queueBytes, { bytesSource: 'log', method: 'questions' });
      assert.equal(dp.method, 'subset programme');
      assert.equal(qs.method, 'questions');
      assert.ok(dp.exhaustive && qs.exhaustive);
      const bf = bruteForce(d.bytes, d.queueBytes, dp.errorModel);
      assert.deepEqual(dp.streams.map((s) => s.candidates), bf.candidates, `seed ${seed}: programme vs brute force`);
      assert.deepEqual(qs.streams.map((s) => s.candidates), bf.candidates, `seed ${seed}: questions vs brute force`);
      const loads = bf.loads.map((l) => (l.size === 1 ? [...l][0] : null));
      assert.deepEqual(dp.streamsPerQueue, loads, `seed ${seed}: loads`);
      assert.deepEqual(qs.streamsPerQueue, loads, `seed ${seed}: loads (questions)`);
      assert.deepEqual(dp.groups.map((g) => g.localPorts), qs.groups.map((g) => g.localPorts), `seed ${seed}: groups`);
      assert.equal(dp.groupsComplete, qs.groupsComplete, `seed ${seed}: groupsComplete`);
      d.truth.forEach((t, i) => assert.ok(dp.streams[i].candidates.includes(t), `seed ${seed}: truth among candidates`));
    }
  });

  it('16 streams over 8 queues (capture bytes, 1 % unrelated traffic on one queue): answered completely, every determinable stream stated, all right', () => {
    let stated = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const r = rng(seed);
      const truth = Array.from({ length: 16 }, () => Math.floor(r() * 8));
      const bytes = truth.map(() => Math.round(1e8 * (0.3 + r())));
      const queueBytes = new Array<number>(8).fill(0);
      truth.forEach((q, i) => { queueBytes[q] += bytes[i]; });
      queueBytes[Math.floor(r() * 8)] += Math.round(0.01 * queueBytes.reduce((a, b) => a + b, 0));
      const o = observedSpread(bytes.map((b, i) => ({ localPort: 40000 + i, bytes: b })), queueBytes, { bytesSource: 'capture', slackBytes: 0.01 * bytes.reduce((a, b) => a + b, 0) });
      assert.equal(o.exhaustive, true, `seed ${seed}`);
      assert.equal(o.method, 'subset programme');
      // exact: a stream not stated has two or more queues that each some fitting assignment gives it
      assert.ok(o.streams.every((s) => s.open === undefined && (s.queue !== null || s.candidates.length > 1)));
      o.streams.forEach((s, i) => { if (s.queue !== null) { stated++; assert.equal(s.queue, truth[i], `seed ${seed} stream ${i}`); } });
    }
    assert.ok(stated > 0);
  });

  it('16 iperf3 streams over 8 queues (fair shares, log totals): answered completely instead of stopping with nothing', () => {
    const d = draw(7, 16, 8, 0.02, true);
    const o = observedSpread(d.bytes.map((b, i) => ({ localPort: 40000 + i, bytes: b })), d.queueBytes, { bytesSource: 'log' });
    assert.equal(o.exhaustive, true, o.warnings.join('; '));
    o.streams.forEach((s, i) => { assert.ok(s.candidates.includes(d.truth[i])); if (s.queue !== null) assert.equal(s.queue, d.truth[i]); });
  });

  it('64 streams over 16 queues beyond a 20 000-step budget: stops cleanly at it, states nothing unproven, and says so', () => {
    const d = draw(3, 64, 16, 0.01, false);
    const o = observedSpread(d.bytes.map((b, i) => ({ localPort: 40000 + i, bytes: b })), d.queueBytes, { bytesSource: 'log', maxSteps: 20_000, timeBudgetMs: 600_000 });
    assert.equal(o.exhaustive, false);
    assert.equal(o.stopped, 'steps');
    o.streams.forEach((s, i) => { assert.ok(s.candidates.includes(d.truth[i])); if (s.queue !== null) assert.equal(s.queue, d.truth[i]); });
    assert.match(o.warnings.join(' '), /stopped \(steps/);
  });

  it('64 streams over 16 queues (log receiver totals, 1 % unrelated), 2 000 000 steps: every stream and load question answered, all right', () => {
    const d = draw(3, 64, 16, 0.01, false);
    const o = observedSpread(d.bytes.map((b, i) => ({ localPort: 40000 + i, bytes: b })), d.queueBytes, { bytesSource: 'log', maxSteps: 2_000_000, timeBudgetMs: 600_000 });
    // the streams' and loads' questions are all answered; only the pair questions may be cut by the budget
    assert.equal(o.exhaustive, true, o.warnings.join('; '));
    o.streams.forEach((s, i) => {
      assert.equal(s.open, undefined, `stream ${i}`);
      assert.ok(s.candidates.includes(d.truth[i]));
      if (s.queue !== null) assert.equal(s.queue, d.truth[i]);
    });
  });

  it('64 streams over 16 queues (capture bytes, 1 % unrelated traffic on one queue), 1 200 000 steps: every stream stated right or shown on two queues by fitting assignments', () => {
    for (let seed = 1; seed <= 3; seed++) {
      const r = rng(seed);
      const truth = Array.from({ length: 64 }, () => Math.floor(r() * 16));
      const bytes = truth.map(() => Math.round(1e8 * (0.3 + r())));
      const queueBytes = new Array<number>(16).fill(0);
      truth.forEach((q, i) => { queueBytes[q] += bytes[i]; });
      queueBytes[Math.floor(r() * 16)] += Math.round(0.01 * queueBytes.reduce((a, b) => a + b, 0));
      // the step budget, not the clock, ends the search here, so the outcome is the same on any machine
      const o = observedSpread(bytes.map((b, i) => ({ localPort: 40000 + i, bytes: b })), queueBytes,
        { bytesSource: 'capture', slackBytes: 0.01 * bytes.reduce((a, b) => a + b, 0), maxSteps: 1_200_000, timeBudgetMs: 600_000 });
      o.streams.forEach((s, i) => {
        assert.ok(s.candidates.includes(truth[i]), `seed ${seed} stream ${i}: truth among candidates`);
        if (s.queue !== null) assert.equal(s.queue, truth[i], `seed ${seed} stream ${i}`);
        // not stated: at least two queues each shown by a fitting assignment, so no queue can be stated
        else assert.ok(s.candidates.length - (s.open?.length ?? 0) >= 2, `seed ${seed} stream ${i}: undeterminable shown`);
      });
    }
  });

  it('cancelled through its AbortSignal: stops between slices and says so', async () => {
    const d = draw(5, 64, 16, 0.01, false);
    const ac = new AbortController();
    const p = observedSpreadAsync(d.bytes.map((b, i) => ({ localPort: 40000 + i, bytes: b })), d.queueBytes, { bytesSource: 'log', signal: ac.signal, method: 'questions' });
    ac.abort();
    const o = await p;
    assert.equal(o.stopped, 'cancelled');
    assert.equal(o.exhaustive, false);
  });
});
