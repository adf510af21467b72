// queue-lens threshold: the exact figure against brute-force enumeration of every placement (small k, n), against an
// independent exact sum over load partitions for LISA's k = 64, n = 8, and Monte Carlo within its stated error.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { threshold, thresholdExact, thresholdMonteCarlo } from '../../../src/core/analysis/threshold/threshold';
import { occupiedDistribution } from '../../../src/core/analysis/odds/occupancy';
import { uniformWeights } from '../../../src/core/analysis/odds/weights';
import { runCli } from '../sweep/helpers';

const fails = (loads: readonly number[], s: number): boolean => {
  const min = Math.min(...loads);
  const max = Math.max(...loads);
  return min === 0 || (max - min) / min > s + 1e-12;
};

/** P(fail) by visiting every one of the n^k placements of k flows, each weighted by its probability (its own sum of 10^5 terms rounds at 1e-12). */
function bruteForce(k: number, p: readonly number[], s: number): number {
  const n = p.length;
  const loads = new Array<number>(n).fill(0);
  let failP = 0;
  const visit = (f: number, prob: number): void => {
    if (f === k) { if (fails(loads, s)) failP += prob; return; }
    for (let q = 0; q < n; q++) { loads[q]++; visit(f + 1, prob * p[q]); loads[q]--; }
  };
  visit(0, 1);
  return failP;
}

/** P(fail) for a fair hash as a sum over load multisets: each sorted load vector, its orderings and k!/Π l!, in BigInt. */
function partitionSum(k: number, n: number, s: number): number {
  const fact: bigint[] = [1n];
  for (let i = 1; i <= k; i++) fact.push(fact[i - 1] * BigInt(i));
  let failCount = 0n;
  const loads: number[] = [];
  const walk = (left: number, slots: number, maxPart: number): void => {
    if (slots === 0) {
      if (left !== 0) return;
      if (!fails(loads, s)) return;
      let ways = fact[k];
      for (const l of loads) ways /= fact[l];
      // orderings of the multiset: n! / Π (multiplicity)!
      const mult = new Map<number, number>();
      for (const l of loads) mult.set(l, (mult.get(l) ?? 0) + 1);
      let orders = fact[n] ?? 1n;
      if (n > k) { orders = 1n; for (let i = 2; i <= n; i++) orders *= BigInt(i); }
      for (const c of mult.values()) { let f = 1n; for (let i = 2; i <= c; i++) f *= BigInt(i); orders /= f; }
      failCount += ways * orders;
      return;
    }
    for (let l = Math.min(left, maxPart); l >= 0; l--) {
      if (l * slots < left) break;
      loads.push(l);
      walk(left - l, slots - 1, l);
      loads.pop();
    }
  };
  walk(k, n, k);
  const total = BigInt(n) ** BigInt(k);
  // 15 significant digits of the exact fraction
  const scaled = (failCount * 10n ** 15n) / total;
  return Number(scaled) / 1e15;
}

describe('threshold: exact against brute-force enumeration', () => {
  for (const [k, n] of [[4, 2], [6, 3], [8, 4], [9, 3], [7, 5], [10, 2]]) {
    for (const s of [0, 0.3, 0.5, 1, 2]) {
      it(`k = ${k}, n = ${n}, max spread ${s}`, () => {
        const w = uniformWeights(n);
        const e = thresholdExact(k, w, s);
        assert.ok(Math.abs(e.pFail - bruteForce(k, w, s)) < 1e-10, `${e.pFail} vs ${bruteForce(k, w, s)}`);
        assert.equal(e.leftOut, 0);
      });
    }
  }
  it('unequal queue weights (a 3-queue indirection table filled 3:3:2)', () => {
    const w = [3 / 8, 3 / 8, 2 / 8];
    for (const s of [0.3, 1]) assert.ok(Math.abs(thresholdExact(9, w, s).pFail - bruteForce(9, w, s)) < 1e-10);
  });
  it('fewer streams than queues always fails; one queue never does', () => {
    assert.equal(thresholdExact(3, uniformWeights(4), 0.3).pFail, 1);
    assert.equal(thresholdExact(5, [1], 0.3).pFail, 0);
  });
});

describe('threshold: LISA\'s rule, 64 streams over 8 queues, 30 %', () => {
  const exact = thresholdExact(64, uniformWeights(8), 0.3);

  it('the DP equals an independent exact sum over load partitions (BigInt)', () => {
    const ref = partitionSum(64, 8, 0.3);
    assert.ok(Math.abs(exact.pFail - ref) < 1e-12, `${exact.pFail} vs ${ref}`);
    // a fair hash fails LISA's rule almost always
    assert.ok(exact.pFail > 0.99);
  });

  it('Monte Carlo lands within 4 of its standard errors of the exact figure, for three seeds', () => {
    for (const seed of [1, 2, 3]) {
      const mc = thresholdMonteCarlo(64, uniformWeights(8), 0.3, 50_000, seed);
      assert.ok(mc.stdError > 0);
      assert.ok(Math.abs(mc.pFail - exact.pFail) < 4 * mc.stdError, `seed ${seed}: ${mc.pFail} ± ${mc.stdError} vs ${exact.pFail}`);
    }
  });

  it('P(a queue empty) is 1 − P(all 8 busy) of the busy-queue engine', () => {
    const r = threshold(64, uniformWeights(8), 0.3, { searchK: false });
    assert.equal(r.pEmptyQueue, 1 - occupiedDistribution(64, uniformWeights(8))[8]);
    assert.equal(r.method, 'exact');
    assert.equal(r.stdError, 0);
  });
});

describe('threshold: the k that passes 99 %', () => {
  it('passes at the k found and fails just below the bisection\'s bracket (2 queues, 50 %)', () => {
    const r = threshold(2, uniformWeights(2), 0.5, { passTarget: 0.99 });
    const k = r.kForPass?.flows as number;
    assert.ok(k > 2);
    assert.ok(1 - thresholdExact(k, uniformWeights(2), 0.5).pFail >= 0.99);
    assert.ok(1 - thresholdExact(k - 1, uniformWeights(2), 0.5).pFail < 0.99 || 1 - thresholdExact(k - 2, uniformWeights(2), 0.5).pFail < 0.99);
  });
});

describe('queue-lens threshold', () => {
  it('--json carries pFail, method and stdError', async () => {
    const r = await runCli(['threshold', '--streams', '64', '--queues', '8', '--max-spread', '0.3', '--no-search', '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { pFail: number; method: string; stdError: number; on: string };
    assert.equal(j.method, 'exact');
    assert.equal(j.stdError, 0);
    assert.equal(j.pFail, thresholdExact(64, uniformWeights(8), 0.3).pFail);
    assert.equal(j.on, 'streams');
  });
  it('--method mc gives its seed, samples and standard error; text says modelled', async () => {
    const r = await runCli(['threshold', '--streams', '64', '--queues', '8', '--max-spread', '0.3', '--method', 'mc', '--samples', '20000', '--seed', '5', '--no-search']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /P\(fail\) = 0\.99\d+ \(modelled; Monte Carlo, 20000 placements, seed 5, standard error \d\.\d\de-\d+\)/);
  });
  it('bad arguments are usage errors', async () => {
    assert.equal((await runCli(['threshold', '--streams', '64', '--queues', '8'])).code, 1);
    assert.equal((await runCli(['threshold', '--streams', '64', '--queues', '8', '--max-spread', '-1'])).code, 1);
    assert.equal((await runCli(['threshold', '--streams', '64', '--queues', '8', '--max-spread', '0.3', '--on', 'bytes'])).code, 1);
  });
});

describe('queue-lens observed: the run judged by LISA\'s rule, with the same figure', () => {
  it('prints the measured spread of bytes per queue and the exact P(fail) for its streams and queues', async () => {
    const { repoRoot } = await import('../../helpers/paths');
    const path = await import('node:path');
    const r = await runCli(['observed', path.join(repoRoot, 'samples', 'measured-queues', 'q5-k8-t1'), '--json']);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out) as { queueBytes: number[]; queues: number; streams: unknown[] };
    const text = await runCli(['observed', path.join(repoRoot, 'samples', 'measured-queues', 'q5-k8-t1')]);
    const min = Math.min(...j.queueBytes);
    const spread = min > 0 ? `${(((Math.max(...j.queueBytes) - min) / min) * 100).toFixed(0)} % on bytes` : 'a queue carried nothing';
    const p = thresholdExact(j.streams.length, uniformWeights(j.queues), 0.3).pFail.toPrecision(4);
    assert.ok(text.out.includes(`balance rule (max − min)/min > 30 % (LISA's): ${spread} (measured)`), text.out);
    assert.ok(text.out.includes(`a fair hash of ${j.streams.length} streams over ${j.queues} queues fails it with probability ${p} (modelled, exact`), text.out);
  });
});
