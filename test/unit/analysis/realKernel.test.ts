import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkTxQueues, parseTxQueues, partitionProbability, partitions } from '../../../src/core/analysis/kernelCheck/realKernel';
import { realKernelMarkdown } from '../../../src/core/analysis/kernelCheck/realKernelReport';
import { Xoshiro128 } from '../../../src/core/analysis/odds/prng';
import { fixturesDir } from '../../helpers/paths';

const csvPath = path.join(fixturesDir, 'txqueues', 'txqueues.csv');

describe('real-kernel check: linux-tx vs Linux 6.18 veth tx queues', () => {
  it('partitions of 8 and their exact probabilities', () => {
    assert.equal(partitions(8, 8).length, 22);
    assert.equal(partitions(8, 2).length, 5);
    for (let n = 1; n <= 8; n++) {
      const total = partitions(8, n).reduce((s, p) => s + partitionProbability(p, n), 0);
      assert.ok(Math.abs(total - 1) < 1e-14, `n=${n}: ${total}`);
    }
    assert.equal(partitionProbability([4, 4], 2), 70 / 256);
    assert.equal(partitionProbability([1, 1, 1, 1, 1, 1, 1, 1], 8), 40320 / 8 ** 8);
  });

  it('parses the fixture: N = 2..8, 10 trials of 8 streams each', () => {
    const trials = parseTxQueues(fs.readFileSync(csvPath, 'utf8'));
    assert.equal(trials.length, 70);
    assert.deepEqual([...new Set(trials.map((t) => t.n))], [2, 3, 4, 5, 6, 7, 8]);
    for (const t of trials) {
      assert.equal(t.queues.length, 8);
      for (const q of t.queues) assert.ok(q >= 0 && q < t.n);
    }
  });

  it('the uniform model is not rejected at 1%', () => {
    const check = checkTxQueues(parseTxQueues(fs.readFileSync(csvPath, 'utf8')), 0.01);
    assert.equal(check.rejected, false);
    for (const t of check.occupancy) {
      assert.ok(t.df >= 1, `${t.name}: df ${t.df}`);
      assert.ok(t.pValue >= 0.01, `${t.name}: p = ${t.pValue}`);
      for (const c of t.cells) assert.ok(c.expected >= 5, `${t.name} ${c.label}: expected ${c.expected}`);
      assert.equal(t.cells.reduce((s, c) => s + c.observed, 0), 70);
    }
    assert.equal(check.marginal.df, 28);
    assert.ok(check.marginal.pValue >= 0.01);
    const md = realKernelMarkdown(check);
    assert.match(md, /\| 5 \| 10 \|/);
    assert.match(md, /No test rejects/);
  });

  it('the same test does reject a kernel that always piles streams up (sanity of power)', () => {
    const rng = new Xoshiro128(1);
    const lines = ['set,N,trial,port,queue'];
    for (let n = 2; n <= 8; n++) {
      for (let t = 1; t <= 10; t++) {
        // every stream on one of two queues: far too unbalanced for n ≥ 3
        for (let i = 0; i < 8; i++) lines.push(`fake,${n},${t},${40000 + i},${rng.nextUint32() % 2}`);
      }
    }
    const check = checkTxQueues(parseTxQueues(lines.join('\n')), 0.01);
    assert.equal(check.rejected, true);
  });

  it('rejects malformed rows', () => {
    assert.throws(() => parseTxQueues('set,N,trial,port,queue\nx,2,1,40000,5\n'), /bad row/);
    assert.throws(() => parseTxQueues('set,N,trial,port\nx,2,1,40000\n'), /queue/);
  });
});
