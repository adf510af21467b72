// The local search only proposes: `fits` is the error model's exact test, and an assignment the search returns fits.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fits, searchWitness } from '../../../src/core/analysis/observed/witnessSearch';

// 3 streams of 100, 200, 300 B over queues counting 300 and 300 B; no unrelated budget beyond 10 B
const p = { lo: Float64Array.from([100, 200, 300]), hi: Float64Array.from([100, 200, 300]), counts: Float64Array.from([300, 300]), unrelated: 10 };

describe('observed: witness search', () => {
  it('fits: {100, 200} | {300} fits; {100, 300} | {200} overfills queue 0; {100} | {200, 300} overfills queue 1', () => {
    assert.equal(fits(p, Int32Array.from([0, 0, 1])), true);
    assert.equal(fits(p, Int32Array.from([0, 1, 0])), false);
    assert.equal(fits(p, Int32Array.from([0, 1, 1])), false);
  });

  it('fits: a queue short by more than the unrelated budget does not fit', () => {
    assert.equal(fits({ ...p, counts: Float64Array.from([300, 320]) }, Int32Array.from([0, 0, 1])), false);
    assert.equal(fits({ ...p, counts: Float64Array.from([300, 309]) }, Int32Array.from([0, 0, 1])), true);
  });

  it('finds the fitting assignments with the 300 B stream fixed on either queue, and none that does not fit', () => {
    for (const q of [0, 1]) {
      const w = searchWitness(p, 2, q, 7, 10_000);
      assert.ok(w.at, `queue ${q}`);
      assert.equal(w.at[2], q);
      assert.ok(fits(p, w.at));
    }
    // the 300 B stream with the 200 B one: nothing fits, so the search must come back empty
    const none = searchWitness({ ...p, counts: Float64Array.from([500, 100]) }, 2, 1, 7, 10_000);
    assert.equal(none.at, null);
  });
});
