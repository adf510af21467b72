import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { blipProbability, compareDistributions } from '../../../src/core/analysis/odds/blip';
import { empiricalSpread } from '../../../src/core/analysis/odds/empirical';
import { blipByPreset, presetWeights } from '../../../src/core/analysis/odds/presets';
import { Xoshiro128 } from '../../../src/core/analysis/odds/prng';
import { expectedThroughput, mean } from '../../../src/core/analysis/odds/throughput';
import { uniformWeights } from '../../../src/core/analysis/odds/weights';
import { compilePreset, parseFlow } from '../../../src/core/hashing';

/** Monte Carlo of the blip: two independent runs of k uniform flows, at n and at n − 1. */
function simulatedBlip(model: 'A' | 'B', k: number, n: number, trials: number, seed: number): number {
  const rng = new Xoshiro128(seed);
  const run = (m: number): number => {
    const loads = new Array<number>(m).fill(0);
    for (let i = 0; i < k; i++) loads[Math.floor(rng.nextFloat() * m)]++;
    return model === 'A' ? loads.filter((x) => x > 0).length : Math.min(m, k / Math.max(...loads));
  };
  let slower = 0;
  for (let t = 0; t < trials; t++) if (run(n) < run(n - 1) - 1e-12) slower++;
  return slower / trials;
}

describe('blip: is a run at n queues slower than one at n − 1? (the blog: 8 streams, n = 1..8)', () => {
  it('uniform hashing: the exact probabilities, cross-checked by Monte Carlo', () => {
    const trials = 100_000;
    for (const model of ['A', 'B'] as const) {
      for (let n = 2; n <= 8; n++) {
        const exact = blipProbability(model, 8, n, uniformWeights).pSlower;
        const mc = simulatedBlip(model, 8, n, trials, 1000 * n + (model === 'A' ? 1 : 2));
        const sigma = Math.sqrt((exact * (1 - exact)) / trials);
        assert.ok(Math.abs(mc - exact) <= 5 * sigma + 1e-9, `${model} n=${n}: exact ${exact}, MC ${mc}`);
      }
    }
  });

  it('uniform hashing: the blip at five is likely, but no likelier than at 6..8', () => {
    const b = blipByPreset('uniform', 'B', 8, 2, 8).map((r) => r.pSlower);
    // n = 2: never slower than 1 queue
    assert.equal(b[0], 0);
    assert.ok(Math.abs(b[3] - 0.1939) < 5e-4, `P(T5 < T4) under B = ${b[3]}`);
    assert.ok(b[4] > b[3] && b[5] > b[3]);
    const a5 = blipProbability('A', 8, 5, uniformWeights);
    assert.ok(Math.abs(a5.pSlower - 0.0988) < 5e-4);
    assert.ok(Math.abs(a5.pSlower + a5.pSame + a5.pFaster - 1) < 1e-12);
  });

  it('every preset gives a probability per n', () => {
    for (const preset of ['linux-netfront', 'linux-3.16-netfront', 'linux-tx', 'windows-pv-8.1', 'windows-pv-8.2-rss', 'nic-rss-toeplitz'] as const) {
      const rows = blipByPreset(preset, 'B', 8, 2, 8);
      assert.deepEqual(rows.map((r) => r.n), [2, 3, 4, 5, 6, 7, 8]);
      for (const r of rows) assert.ok(r.pSlower >= 0 && r.pSlower <= 1 && Math.abs(r.pSlower + r.pSame + r.pFaster - 1) < 1e-12);
      // the random-hash models are uniform to ~1e-9
      if (preset.startsWith('linux')) assert.ok(Math.abs(rows[3].pSlower - blipProbability('B', 8, 5, uniformWeights).pSlower) < 1e-8);
    }
    // @ts-expect-error -- a name the type rejects: an untyped caller still gets a RangeError
    assert.throws(() => presetWeights('no-such-preset'), RangeError);
  });

  it('compareDistributions counts ties as ties', () => {
    const c = compareDistributions([{ value: 1, p: 0.5 }, { value: 2, p: 0.5 }], [{ value: 2, p: 1 }]);
    assert.deepEqual(c, { less: 0.5, equal: 0.5, greater: 0 });
  });
});

describe('blip with an exact preset: Windows PV 8.1 hash8 % n over consecutive client ports (spec §7.4)', () => {
  // 8 flows 10.0.0.1:s..s+7 → 10.0.0.2:5001, every start port s in 32768..60992 equally likely.
  const runsAt = (n: number): number[][] => {
    const c = compilePreset('windows-pv-8.1', n);
    const runs: number[][] = [];
    for (let s = 32768; s <= 60992; s++) {
      const run: number[] = [];
      for (let i = 0; i < 8; i++) {
        const f = parseFlow({ proto: 'tcp', src: { ip: '10.0.0.1', port: s + i }, dst: { ip: '10.0.0.2', port: 5001 } });
        run.push(c.flowQueue!(f).queue);
      }
      runs.push(run);
    }
    return runs;
  };
  const spreads = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => empiricalSpread(n, runsAt(n)));
  const SPEC_7_4 = [
    [1.0, 8.0, 1.0, 1.0], [0.9461, 4.0557, 2.0, 1.978], [0.5961, 3.4569, 2.9769, 2.3762], [0.9189, 2.0815, 3.9993, 3.8916],
    [0.3555, 2.7221, 4.6907, 3.0892], [0.887, 2.113, 5.5538, 3.8493], [0.6839, 2.3309, 5.6874, 3.5686], [0.9064, 1.0937, 7.8826, 7.6253],
  ];

  it('reproduces the spec\'s table', () => {
    spreads.forEach((s, i) => {
      const [bal, emax, a, b] = SPEC_7_4[i];
      assert.ok(Math.abs(s.pBalanced - bal) < 5e-5 + 1e-12, `n=${s.n} P(bal) ${s.pBalanced}`);
      assert.ok(Math.abs(s.expectedMax - emax) < 5e-5 + 1e-12, `n=${s.n} E[max] ${s.expectedMax}`);
      assert.ok(Math.abs(mean(s.throughput.A) - a) < 5e-5 + 1e-12, `n=${s.n} A ${mean(s.throughput.A)}`);
      assert.ok(Math.abs(mean(s.throughput.B) - b) < 5e-5 + 1e-12, `n=${s.n} B ${mean(s.throughput.B)}`);
    });
  });

  it('model B dips at n = 5, and a run at 5 is much likelier to be slower than at 4 than under random hashing', () => {
    const eb = spreads.map((s) => mean(s.throughput.B));
    assert.ok(eb[4] < eb[3] && eb[4] < eb[5]);
    const p5 = compareDistributions(spreads[4].throughput.B, spreads[3].throughput.B).less;
    const uniform5 = blipProbability('B', 8, 5, uniformWeights).pSlower;
    assert.ok(p5 > 2 * uniform5, `hash8 ${p5} vs uniform ${uniform5}`);
    assert.ok(expectedThroughput('B', 8, uniformWeights(5)) > expectedThroughput('B', 8, uniformWeights(4)));
  });
});
