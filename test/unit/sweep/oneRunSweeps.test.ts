// samples/one-run-sweeps: 20 real one-run sweeps (n = 1..8). How often a sweep fell when a queue was added,
// derived here from the logs and the kernel's observed spreads, against what the sweep reports and the model expects.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { blipProbability } from '../../../src/core/analysis/odds/blip';
import { presetWeights } from '../../../src/core/analysis/odds/presets';
import { sweep } from '../../../src/core/analysis/sweep/sweep';
import { loadSweepFolder } from '../../../src/core/analysis/sweep/sweepLoader';
import { binomialTwoSided } from '../../../src/core/analysis/sweep/sweepStats';
import { TRIAL_DIP_MIN_DROP } from '../../../src/core/analysis/sweep/sweepTrialDips';
import { oneRunSweepsDir, sumRowBps } from './helpers';

interface ManifestRun { log: string; queues: number; trial: number; portQueue: Record<string, number>; movedPorts: number[] }
const manifest = JSON.parse(fs.readFileSync(path.join(oneRunSweepsDir, 'manifest.json'), 'utf8')) as { runs: ManifestRun[] };
const report = sweep(loadSweepFolder(oneRunSweepsDir).runs, { preset: 'linux-tx', model: 'A' });
const at = (trial: number, n: number): ManifestRun | undefined => manifest.runs.find((r) => r.trial === trial && r.queues === n);
const bps = (r: ManifestRun): number => sumRowBps(fs.readFileSync(path.join(oneRunSweepsDir, r.log), 'utf8'));
const queuesUsed = (r: ManifestRun): number => new Set(Object.values(r.portQueue)).size;

describe('sweep: 20 one-run sweeps (real runs)', () => {
  it('holds 20 trials at each n = 1..8, every stream on one queue for its whole run', () => {
    assert.equal(report.runs.length, 160);
    assert.deepEqual(report.warnings, []);
    for (let n = 1; n <= 8; n++) for (let t = 1; t <= 20; t++) assert.ok(at(t, n), `q${n}-t${t}`);
    for (const r of manifest.runs) assert.deepEqual(r.movedPorts, [], r.log);
  });

  it('a step fell by 5 % or more exactly when the kernel used fewer queues: the threshold is the model\'s "slower"', () => {
    let steps = 0;
    for (const r of manifest.runs) {
      const before = at(r.trial, r.queues - 1);
      if (!before) continue;
      steps++;
      const fell = (bps(before) - bps(r)) / bps(before) >= TRIAL_DIP_MIN_DROP;
      assert.equal(fell, queuesUsed(r) < queuesUsed(before), `trial ${r.trial}, ${r.queues - 1} → ${r.queues} queues`);
    }
    assert.equal(steps, 140);
  });

  it('per n: the falls counted from the files, 20 × P(slower) expected, and the exact binomial test of the two', () => {
    const weights = presetWeights('linux-tx');
    for (const p of report.points.slice(1)) {
      const fell = manifest.runs.filter((r) => r.queues === p.n && queuesUsed(r) < queuesUsed(at(r.trial, p.n - 1)!)).length;
      const pSlower = blipProbability('A', 8, p.n, weights).pSlower;
      assert.ok(Math.abs(p.pSlowerThanPrevious! - pSlower) < 1e-12, `n=${p.n}`);
      assert.equal(p.trialSteps?.steps, 20);
      assert.equal(p.trialSteps?.fell, fell, `n=${p.n}`);
      assert.ok(Math.abs(p.trialSteps.expected - 20 * pSlower) < 1e-9);
      assert.equal(p.trialSteps.pValue, binomialTwoSided(fell, 20, p.pSlowerThanPrevious!));
      // what a real kernel did is within what the model allows at 1 %, at every n
      assert.ok(p.trialSteps.pValue >= 0.01, `n=${p.n}: ${fell} falls against ${p.trialSteps.expected.toFixed(2)} expected, p = ${p.trialSteps.pValue}`);
    }
    // the blog's step: 4 of the 20 sweeps fell from four queues to five
    assert.equal(report.points[4].trialSteps?.fell, 4);
  });

  it('sums the falls up in one sentence rather than one per trial', () => {
    assert.ok(report.trialDips.length > 3);
    const summary = report.sentences.filter((s) => s.startsWith('Read one trial at a time'));
    assert.equal(summary.length, 1);
    assert.match(summary[0], /: 18 of 140 steps to one more queue fell by 5\.0 % or more, where 8 streams spread by linux-tx \(model A\) make 15\.6 expected/);
    assert.match(summary[0], /within what the model allows at 1 %/);
    assert.ok(!report.sentences.some((s) => s.startsWith('Trial ')));
  });
});

describe('binomialTwoSided', () => {
  it('matches hand-computed values and the textbook cases', () => {
    assert.equal(binomialTwoSided(5, 10, 0.5), 1);
    assert.ok(Math.abs(binomialTwoSided(0, 10, 0.5) - 2 / 1024) < 1e-15);
    assert.ok(Math.abs(binomialTwoSided(10, 10, 0.5) - 2 / 1024) < 1e-15);
    // Binomial(3, 0.2): pmf 0.512, 0.384, 0.096, 0.008; k = 2 → outcomes no likelier than 0.096: 0.096 + 0.008
    assert.ok(Math.abs(binomialTwoSided(2, 3, 0.2) - 0.104) < 1e-12);
    assert.equal(binomialTwoSided(0, 4, 0), 1);
    assert.equal(binomialTwoSided(1, 4, 0), 0);
    assert.throws(() => binomialTwoSided(5, 4, 0.5), RangeError);
  });
});
