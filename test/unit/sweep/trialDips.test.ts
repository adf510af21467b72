// Dips of single trials: which falls count, and when trials are not read on their own.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { TRIAL_DIP_MIN_DROP, trialDips, trialSteps } from '../../../src/core/analysis/sweep/sweepTrialDips';

const run = (queues: number, trial: number | undefined, bps: number, occupied?: number) => ({
  name: `q${queues}-t${trial}`, queues, trial, bps, ...(occupied === undefined ? {} : { spread: { occupied } }),
});

describe('trialDips', () => {
  it('finds a trial that falls by at least the threshold, and only against its own run at n−1', () => {
    const runs = [
      run(4, 1, 100, 4), run(5, 1, 80, 3),
      run(4, 2, 60), run(5, 2, 100),
      // trial 3 has no run at 4: nothing to compare its 5 with, even though trial 1's 4 is higher
      run(5, 3, 10),
    ];
    const d = trialDips(runs);
    assert.equal(d.length, 1);
    // spreads without a source are read as observed (measured), so the sentence may say what the kernel did
    assert.deepEqual(d[0], { trial: 1, n: 5, bps: 80, previousBps: 100, drop: 0.2, occupied: [3, 4], occupiedFrom: 'observed' });
  });

  it('leaves a fall under the threshold to noise and counts one exactly at it', () => {
    const below = trialDips([run(1, 1, 100), run(2, 1, 100 * (1 - TRIAL_DIP_MIN_DROP) + 1e-6), run(1, 2, 1), run(2, 2, 2)]);
    assert.deepEqual(below, []);
    const at = trialDips([run(1, 1, 100), run(2, 1, 100 * (1 - TRIAL_DIP_MIN_DROP)), run(1, 2, 1), run(2, 2, 2)]);
    assert.deepEqual(at.map((x) => x.n), [2]);
    assert.equal(at[0].occupied, undefined, 'no spread known, no queues-used comparison');
  });

  it('reads nothing on its own with fewer than two trials (the means are then the trial)', () => {
    assert.deepEqual(trialDips([run(1, 1, 100), run(2, 1, 10)]), []);
    assert.deepEqual(trialDips([run(1, undefined, 100), run(2, undefined, 10)]), []);
  });

  it('keeps the first of two runs claiming one trial and queue count', () => {
    const d = trialDips([run(1, 1, 100), run(2, 1, 50), run(2, 1, 200), run(1, 2, 1), run(2, 2, 2)]);
    assert.deepEqual(d.map((x) => [x.trial, x.n, x.bps]), [[1, 2, 50]]);
  });

  it('trialSteps counts, per n, the trials with runs at n−1 and n and those that fell', () => {
    const runs = [
      run(1, 1, 100), run(2, 1, 90), run(3, 1, 95),
      run(1, 2, 100), run(2, 2, 99), run(3, 2, 50),
      run(2, 3, 80), // no run at 1: no step to 2; no run at 3
    ];
    assert.deepEqual([...trialSteps(runs)].sort((a, b) => a[0] - b[0]), [[2, { steps: 2, fell: 1 }], [3, { steps: 2, fell: 1 }]]);
    // agrees with trialDips: every dip is one fall at its n
    const falls = new Map<number, number>();
    for (const d of trialDips(runs)) falls.set(d.n, (falls.get(d.n) ?? 0) + 1);
    for (const [n, st] of trialSteps(runs)) assert.equal(st.fell, falls.get(n) ?? 0, `n=${n}`);
    assert.equal(trialSteps([run(1, 1, 100), run(2, 1, 10)]).size, 0);
  });
});
