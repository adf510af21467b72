// The odds engine at today's NIC scale: every shown probability against exact fractions (BigInt),
// the tails where doubles used to leak residue, and Monte Carlo on unequal weights at large k and n.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fractionToNumber } from '../../../src/core/analysis/odds/arith';
import {
  expectedMax, maxLoadDistribution, maxLoadDistributionExact, maxLoadPmfExactAt, prefetchUniformMaxLoad,
} from '../../../src/core/analysis/odds/maxLoad';
import { MIN_SHOWN } from '../../../src/core/analysis/odds/maxLoadScaled';
import { simulate } from '../../../src/core/analysis/odds/monteCarlo';
import { occupiedDistribution, occupiedDistributionDp, occupiedDistributionExact } from '../../../src/core/analysis/odds/occupancy';
import { spreadReport } from '../../../src/cli/spreadCommand';

const rel = (a: number, b: number): number => Math.abs(a / b - 1);
const ones = (n: number): number[] => new Array<number>(n).fill(1);

describe('odds at scale: the tails the issue names', () => {
  it('128 flows over 31 queues: P(max = 128) = 31·31^-128 ≈ 3.954e-190, not residue', () => {
    const d = maxLoadDistribution(128, ones(31));
    const top = d.pmf[d.pmf.length - 1];
    assert.equal(top.load, 128);
    assert.ok(rel(top.p, Math.exp(-127 * Math.log(31))) < 1e-12, String(top.p));
    assert.ok(rel(top.p, fractionToNumber(maxLoadPmfExactAt(128, ones(31), 128))) < 1e-12);
    assert.equal(top.p.toExponential(3), '3.954e-190');
  });

  it('64 flows over 8 queues: P(max = 33) = 3.5734e-13 (the exact fraction, to 1e-12)', () => {
    const d = maxLoadDistribution(64, ones(8));
    const p33 = d.pmf.find((e) => e.load === 33)!.p;
    const exact = fractionToNumber(maxLoadPmfExactAt(64, ones(8), 33));
    assert.ok(rel(p33, exact) < 1e-12, `${p33} vs ${exact}`);
    assert.equal(exact.toPrecision(5), '3.5734e-13');
  });

  it('every max-load probability spread shows for 64 flows over 1..16 queues equals the exact fraction to 1e-9', () => {
    const r = spreadReport(64, 1, 16, undefined);
    let checked = 0;
    for (const row of r.queues) {
      const exact = maxLoadDistributionExact(64, ones(row.n));
      const shown = row.maxLoad;
      for (const e of exact.pmf) {
        const want = fractionToNumber(e.p);
        const got = shown[String(e.load)];
        if (want < MIN_SHOWN) { assert.equal(got, undefined, `n=${row.n} load ${e.load} is below what doubles hold and must be omitted`); continue; }
        assert.ok(got !== undefined, `n=${row.n} load ${e.load} missing`);
        assert.ok(rel(got, want) < 1e-9, `n=${row.n} load ${e.load}: ${got} vs ${want}`);
        checked++;
      }
      assert.equal(Object.keys(shown).length, exact.pmf.filter((e) => fractionToNumber(e.p) >= MIN_SHOWN).length);
    }
    assert.ok(checked > 400, String(checked));
  });

  it('a probability below 1e-290 is omitted and counted, never shown as residue (1000 flows, 2 queues)', () => {
    const d = maxLoadDistribution(1000, ones(2));
    assert.ok(d.pmf.every((e) => e.p >= MIN_SHOWN));
    assert.ok(d.omitted && d.omitted.from <= 1000 && d.omitted.count >= 1, JSON.stringify(d.omitted));
    // the last one shown is exact: P(max = m) = 2·C(1000, m)/2^1000 for m > 500
    const last = d.pmf[d.pmf.length - 1];
    assert.ok(rel(last.p, fractionToNumber(maxLoadPmfExactAt(1000, ones(2), last.load))) < 1e-10);
    assert.ok(Math.abs(d.pmf.reduce((s, e) => s + e.p, 0) - 1) < 1e-12);
  });
});

describe('odds at scale: unequal queue weights at large k and n, against exact fractions', () => {
  // a 128-entry table where queue 0 holds 104 entries (the report), 15 queues share the rest
  const skewed = [104, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1];
  it('k = 200, n = 16 (table weights): the head, the mode, both tails and the top', () => {
    const d = maxLoadDistribution(200, skewed);
    assert.equal(d.pmf[0].load, 13);
    for (const m of [13, 150, 162, 190, 200]) {
      const want = fractionToNumber(maxLoadPmfExactAt(200, skewed, m));
      const got = d.pmf.find((e) => e.load === m)!.p;
      assert.ok(rel(got, want) < 1e-10, `m=${m}: ${got} vs ${want}`);
    }
    assert.ok(Math.abs(d.pmf.reduce((s, e) => s + e.p, 0) - 1) < 1e-12);
  });
  it('k = 96, n = 12 (128 entries filled i % 12: 11 and 10): several loads', () => {
    const counts = Array.from({ length: 12 }, (_, q) => (q < 8 ? 11 : 10));
    const d = maxLoadDistribution(96, counts);
    for (const m of [8, 12, 20, 40, 96]) {
      const want = fractionToNumber(maxLoadPmfExactAt(96, counts, m));
      const got = d.pmf.find((e) => e.load === m)!.p;
      assert.ok(rel(got, want) < 1e-10, `m=${m}: ${got} vs ${want}`);
    }
  });
  it('unequal flow weights too: each P(max = m) directly, equal to the exact fractions', () => {
    const flows = [1, 1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 5];
    const queues = [3, 2, 2, 1];
    const d = maxLoadDistribution(flows, queues);
    const ex = maxLoadDistributionExact(flows, queues);
    assert.equal(d.pmf.length, ex.pmf.length);
    d.pmf.forEach((e, i) => assert.ok(rel(e.p, fractionToNumber(ex.pmf[i].p)) < 1e-12, `load ${e.load}`));
  });
});

describe('odds at scale: against Monte Carlo on unequal weights', () => {
  it('k = 200, n = 16 skewed table: E[max] and the max-load distribution within 5σ', () => {
    const w = [104, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1];
    const d = maxLoadDistribution(200, w);
    const mc = simulate(200, w, { trials: 20000, seed: 7 });
    const varMax = d.pmf.reduce((s, e) => s + e.p * (e.load - expectedMax(d)) ** 2, 0);
    assert.ok(Math.abs(mc.meanMax - expectedMax(d)) < 5 * Math.sqrt(varMax / mc.trials), `${mc.meanMax} vs ${expectedMax(d)}`);
    for (const e of d.pmf) {
      if (e.p < 1e-3) continue;
      const f = (mc.maxLoad.get(e.load) ?? 0) / mc.trials;
      assert.ok(Math.abs(f - e.p) < 5 * Math.sqrt(e.p * (1 - e.p) / mc.trials) + 1e-4, `load ${e.load}: ${f} vs ${e.p}`);
    }
  });
  it('k = 256, n = 48 with two weights: busy-queue distribution within 5σ', () => {
    const w = Array.from({ length: 48 }, (_, q) => (q % 3 === 0 ? 3 : 2));
    const occ = occupiedDistribution(256, w);
    const mc = simulate(256, w, { trials: 20000, seed: 11 });
    for (let o = 0; o < occ.length; o++) {
      if (occ[o] < 1e-3) continue;
      const f = (mc.occupied.get(o) ?? 0) / mc.trials;
      assert.ok(Math.abs(f - occ[o]) < 5 * Math.sqrt(occ[o] * (1 - occ[o]) / mc.trials) + 1e-4, `o=${o}: ${f} vs ${occ[o]}`);
    }
  });
});

describe('busy-queue distribution: scaled recurrence', () => {
  it('equals exact fractions (unequal weights, zeros) and the O(n²k²) DP', () => {
    for (const [k, w] of [[40, [1, 2, 3, 4, 5, 6, 7]], [30, [3, 0, 2, 1, 1, 2]], [64, [11, 11, 10, 10, 10]]] as Array<[number, number[]]>) {
      const a = occupiedDistribution(k, w);
      const e = occupiedDistributionExact(k, w).map(fractionToNumber);
      const dp = occupiedDistributionDp(k, w);
      a.forEach((x, o) => {
        if (e[o] === 0) assert.equal(x, 0);
        else assert.ok(rel(x, e[o]) < 1e-12, `k=${k} o=${o}: ${x} vs ${e[o]}`);
        assert.ok(Math.abs(x - dp[o]) < 1e-12);
      });
    }
  });
  it('1024 flows over 256 queues: sums to 1, and its mean is the closed form n(1 − (1 − 1/n)^k)', () => {
    const a = occupiedDistribution(1024, ones(256));
    assert.ok(Math.abs(a.reduce((s, x) => s + x, 0) - 1) < 1e-12);
    const mean = a.reduce((s, x, o) => s + o * x, 0);
    assert.ok(rel(mean, 256 * (1 - (1 - 1 / 256) ** 1024)) < 1e-12, String(mean));
  });
});

describe('prefetch: one pass for many n gives the same numbers as one n at a time', () => {
  it('96 flows, n = 1..24', () => {
    const single = [7, 13, 24].map((n) => maxLoadDistribution(96, ones(n)));
    prefetchUniformMaxLoad(96, Array.from({ length: 24 }, (_, i) => i + 1));
    [7, 13, 24].forEach((n, i) => assert.deepEqual(maxLoadDistribution(96, ones(n)).pmf, single[i].pmf));
  });
});
