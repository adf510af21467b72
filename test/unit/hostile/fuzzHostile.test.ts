// The hostile capture and path cases of the fuzz harness (test/fuzz/hostileCases.ts) through the real runner: each
// in a worker with a 256 MB heap, so a bomb that is not capped kills its worker and fails here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { HOSTILE_20_CASES, HOSTILE_20_START, HOSTILE_CAPTURE_CASES } from '../../fuzz/hostileCases';
import { formatSummary, runFuzz } from '../../fuzz/runner';

describe('fuzz harness, hostile cases', () => {
  it('capture bombs, 250 000 flows and device paths: a result or a typed error, no crash, no hang', { timeout: 300_000 }, async () => {
    const s = await runFuzz({ seed: 0, hostile: true, start: 0, iterations: HOSTILE_CAPTURE_CASES, workers: 2, limitMs: 30_000 });
    const text = formatSummary(s);
    assert.equal(s.failed, 0, text);
    // Every path case is refused (typed error), every bomb gives a (partial) report.
    assert.equal(s.byVerdict['typed-error'], 7, text);
    assert.equal(s.byVerdict.partial + s.byVerdict.complete, HOSTILE_CAPTURE_CASES - 7, text);
  });
});

describe('fuzz harness, issue 20 hostile cases', () => {
  it('counter files, run folders and traces (queue 10^8, 120 MiB of newlines, links out, devices, 20 000 streams, 8 000 files): a result or an error naming the file, in a 256 MB heap', { timeout: 300_000 }, async () => {
    const s = await runFuzz({ seed: 0, hostile: true, start: HOSTILE_20_START, iterations: HOSTILE_20_CASES, workers: 2, limitMs: 30_000 });
    const text = formatSummary(s);
    assert.equal(s.failed, 0, text);
    assert.equal(s.byVerdict.partial + s.byVerdict.complete + s.byVerdict['typed-error'], HOSTILE_20_CASES, text);
  });
});
