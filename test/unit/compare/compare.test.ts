// queue-lens compare on the repository's real run sets: the twenty one-run sweeps split in two (no difference beyond
// luck), the same set-up with a 25 % higher per-queue cap (faster per queue), and a split by where the streams landed
// (spread only). Means and busy queues are recomputed here from the logs and the manifests' port → queue maps.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { compareRunSets } from '../../../src/core/analysis/compare/compare';
import { compareFolders } from '../../../src/core/analysis/compare/compareLoader';
import type { CompareReport } from '../../../src/core/analysis/compare/compareModel';
import { loadSweepFolder } from '../../../src/core/analysis/sweep/sweepLoader';
import { runCli, sumRowBps } from '../sweep/helpers';
import { busyOf, fasterQueuesDir, experimentDir, oneRunSweepsDir, readManifest, subset, tempRoot } from './helpers';

const root = tempRoot();
after(() => fs.rmSync(root, { recursive: true, force: true }));

async function cliJson(a: string, b: string, ...extra: string[]): Promise<CompareReport & { dirs: { a: string; b: string } }> {
  const r = await runCli(['compare', a, b, '--json', ...extra]);
  assert.equal(r.code, 0, r.err);
  return JSON.parse(r.out) as CompareReport & { dirs: { a: string; b: string } };
}

describe('queue-lens compare: the twenty one-run sweeps split in two', () => {
  const splits: Array<[string, (t: number) => boolean]> = [
    ['odd and even trials', (t) => t % 2 === 1],
    ['trials 1-10 and 11-20', (t) => t <= 10],
  ];
  for (const [what, inA] of splits) {
    it(`${what}: "same", every interval including no change`, async () => {
      const tag = what.replace(/\W+/g, '-');
      const a = subset(root, `a-${tag}`, oneRunSweepsDir, (r) => inA(r.trial));
      const b = subset(root, `b-${tag}`, oneRunSweepsDir, (r) => !inA(r.trial));
      const j = await cliJson(a, b);
      assert.equal(j.verdict, 'same');
      assert.ok(j.throughput.low < 1 && j.throughput.high > 1, JSON.stringify(j.throughput));
      assert.ok(j.perBusyQueue.low < 1 && j.perBusyQueue.high > 1, JSON.stringify(j.perBusyQueue));
      assert.equal(j.method.conditionedOn, 'measured busy queues');
      assert.equal(j.points.length, 8);
      for (const p of j.points) assert.equal(p.aRuns + p.bRuns, 20);
      assert.match(j.sentences[0], /^No difference beyond hash luck/);
      // both halves of a real kernel's choices fit the fair model
      for (const s of [j.a, j.b]) {
        assert.equal(s.busyFit?.test, 'pearson-chi-square-monte-carlo');
        assert.ok((s.busyFit?.pValue ?? 0) > 0.01, `${s.label}: p = ${s.busyFit?.pValue}`);
      }
    });
  }
});

describe('queue-lens compare: a per-queue cap of 50 instead of 40 Mbit/s (samples/faster-queues)', () => {
  it('comes out "faster-per-queue", about 50/40 per busy queue, and the reverse "slower-per-queue"', async () => {
    const j = await cliJson(oneRunSweepsDir, fasterQueuesDir);
    assert.equal(j.verdict, 'faster-per-queue');
    assert.ok(j.perBusyQueue.low > 1.15 && j.perBusyQueue.high < 1.35, JSON.stringify(j.perBusyQueue));
    assert.match(j.sentences[0], /^faster-queues is faster per queue than one-run-sweeps: \+\d+\.\d %/);
    const back = await cliJson(fasterQueuesDir, oneRunSweepsDir);
    assert.equal(back.verdict, 'slower-per-queue');
  });

  it('its means per n are the logs\' [SUM] receiver rows and its busy queues the manifest\'s port maps', async () => {
    const j = await cliJson(oneRunSweepsDir, fasterQueuesDir);
    const m = readManifest(fasterQueuesDir);
    for (const p of j.points) {
      const runs = m.runs.filter((r) => r.queues === p.n);
      assert.equal(p.bRuns, runs.length);
      const mean = runs.reduce((s, r) => s + sumRowBps(fs.readFileSync(path.join(fasterQueuesDir, r.log), 'utf8')), 0) / runs.length;
      assert.ok(Math.abs((p.bMeanBps as number) / mean - 1) < 0.005, `n=${p.n}: ${p.bMeanBps} vs ${mean}`);
      assert.equal(p.bBusyMean, runs.reduce((s, r) => s + busyOf(r), 0) / runs.length);
    }
  });
});

describe('queue-lens compare: the same runs split by where the streams landed', () => {
  it('fewer busy queues against more is "spread-only": lower in total, the same per busy queue', async () => {
    const m = readManifest(oneRunSweepsDir);
    // at each n = 3..8, the runs with fewer busy queues than the median at that n in A, the rest in B
    const median = new Map<number, number>();
    for (let n = 3; n <= 8; n++) {
      const b = m.runs.filter((r) => r.queues === n).map(busyOf).sort((x, y) => x - y);
      median.set(n, b[Math.floor(b.length / 2)]);
    }
    const a = subset(root, 'few-busy', oneRunSweepsDir, (r) => r.queues >= 3 && busyOf(r) < median.get(r.queues)!);
    const b = subset(root, 'many-busy', oneRunSweepsDir, (r) => r.queues >= 3 && busyOf(r) >= median.get(r.queues)!);
    const j = await cliJson(a, b);
    assert.equal(j.verdict, 'spread-only');
    assert.ok(j.throughput.low > 1, JSON.stringify(j.throughput));
    assert.ok(j.busy && j.busy.b > j.busy.a);
    assert.match(j.sentences[0], /only because its streams landed on more queues/);
  });
});

describe('compare: the core and its errors', () => {
  it('the CLI\'s JSON is the core\'s report on the same folders', async () => {
    const j = await cliJson(experimentDir, oneRunSweepsDir);
    const { dirs, ...rest } = j;
    assert.deepEqual(dirs, { a: experimentDir, b: oneRunSweepsDir });
    const core = await compareFolders(experimentDir, oneRunSweepsDir);
    assert.deepEqual(rest, JSON.parse(JSON.stringify(core)));
  });

  it('is reproducible with a seed and moves with another', async () => {
    const a = { label: 'A', runs: loadSweepFolder(experimentDir).runs };
    const b = { label: 'B', runs: loadSweepFolder(oneRunSweepsDir).runs };
    const r1 = compareRunSets(a, b, { seed: 7, resamples: 500, fitDraws: 500 });
    const r2 = compareRunSets(a, b, { seed: 7, resamples: 500, fitDraws: 500 });
    const r3 = compareRunSets(a, b, { seed: 8, resamples: 500, fitDraws: 500 });
    assert.deepEqual(r1, r2);
    assert.notDeepEqual(r1.throughput, r3.throughput);
    assert.equal(r1.throughput.value, r3.throughput.value);
    assert.ok(r1.throughput.low <= r1.throughput.value && r1.throughput.value <= r1.throughput.high);
  });

  it('a set with one run per queue count cannot be told from luck: exit 2 naming why', async () => {
    const one = subset(root, 'one-trial', oneRunSweepsDir, (r) => r.trial === 1);
    const r = await runCli(['compare', one, oneRunSweepsDir]);
    assert.equal(r.code, 2);
    assert.match(r.err, /no queue count has at least two runs in both sets/);
    const bad = await runCli(['compare', one]);
    assert.equal(bad.code, 1);
    const missing = await runCli(['compare', one, path.join(root, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nope is not a folder/);
  });
});
