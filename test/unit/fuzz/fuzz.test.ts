// A fixed-seed fuzz pass (about 2 000 mutated fixtures) inside the unit suite: every case must end in a
// result or a typed error, within 2 s, in a worker with a bounded heap. `npm run fuzz` runs longer passes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatSummary, runFuzz } from '../../fuzz/runner';

describe('fuzz (fixed seed)', () => {
  it('2 000 mutated captures and logs: typed error or partial result, no hang, no crash', { timeout: 120_000 }, async () => {
    const s = await runFuzz({ seed: 20261125, iterations: 2000, workers: 2 });
    const text = formatSummary(s);
    assert.equal(s.failed, 0, text);
    assert.equal(s.cases, 2000);
    // Each kind of ending actually happens, so the mutations are neither too gentle nor too brutal.
    assert.ok(s.byVerdict.complete > 0 && s.byVerdict.partial > 0 && s.byVerdict['typed-error'] > 0, text);
  });
});
