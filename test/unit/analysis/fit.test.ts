import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { fitBestCapacity, fitQueueCapacity } from '../../../src/core/analysis/sweep/fit';
import { expectedThroughput } from '../../../src/core/analysis/odds/throughput';
import { uniformWeights } from '../../../src/core/analysis/odds/weights';

describe('model C: per-queue capacity fitted to measured runs', () => {
  it('recovers c exactly from runs that sit on the model', () => {
    const c = 5.2;
    const runs = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ n, throughput: c * expectedThroughput('A', 8, uniformWeights(n)) }));
    const fit = fitQueueCapacity(runs, 8, uniformWeights, 'A');
    assert.ok(Math.abs(fit.capacity - c) < 1e-12);
    assert.ok(fit.rmse < 1e-12);
    assert.ok(Math.abs(fit.predict(5) - c * expectedThroughput('A', 8, uniformWeights(5))) < 1e-12);
    assert.equal(fitBestCapacity(runs, 8, uniformWeights).base, 'A');
  });

  it('is the least-squares slope through the origin', () => {
    const runs = [
      { n: 1, throughput: 17 },
      { n: 2, throughput: 30 },
      { n: 4, throughput: 41 },
    ];
    const fit = fitQueueCapacity(runs, 8, uniformWeights, 'B');
    const x = runs.map((r) => expectedThroughput('B', 8, uniformWeights(r.n)));
    const want = runs.reduce((s, r, i) => s + r.throughput * x[i], 0) / x.reduce((s, v) => s + v * v, 0);
    assert.ok(Math.abs(fit.capacity - want) < 1e-12);
    // moving c a little either way only makes the squared error worse
    const sse = (c: number) => runs.reduce((s, r, i) => s + (r.throughput - c * x[i]) ** 2, 0);
    assert.ok(sse(want) < sse(want * 1.01) && sse(want) < sse(want * 0.99));
  });

  it('a run far below the fit gets a small percentile', () => {
    const runs = [1, 2, 3, 4, 6, 7, 8].map((n) => ({ n, throughput: 10 * expectedThroughput('B', 8, uniformWeights(n)) }));
    runs.push({ n: 5, throughput: 10 * 1.6 }); // a 5-queue run as slow as max load 5
    const fit = fitQueueCapacity(runs, 8, uniformWeights, 'B');
    const r5 = fit.runs.find((r) => r.n === 5)!;
    assert.ok(r5.percentile < 0.06, `percentile ${r5.percentile}`);
    assert.ok(fit.runs.find((r) => r.n === 4)!.percentile > 0.3);
  });

  it('rejects empty or negative runs', () => {
    assert.throws(() => fitQueueCapacity([], 8, uniformWeights), RangeError);
    assert.throws(() => fitQueueCapacity([{ n: 2, throughput: -1 }], 8, uniformWeights), RangeError);
  });
});
