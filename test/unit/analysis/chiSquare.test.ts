import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  chiSquareCdf, chiSquareSurvival, lnGamma, pearson, pooledGroupsChiSquare, poolCells, regularizedGammaP, regularizedGammaQ,
} from '../../../src/core/analysis/stats/chiSquare';

const close = (a: number, b: number, tol: number, msg?: string) => assert.ok(Math.abs(a - b) <= tol, msg ?? `${a} vs ${b}`);

describe('chi-square from the regularised incomplete gamma', () => {
  it('lnGamma matches factorials and Γ(1/2) = √π', () => {
    close(lnGamma(1), 0, 1e-14);
    close(lnGamma(5), Math.log(24), 1e-13);
    close(lnGamma(21), Math.log(2432902008176640000), 1e-12);
    close(lnGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    close(lnGamma(0.1), Math.log(9.513507698668732), 1e-13);
  });

  it('P(1, x) = 1 − e^−x and P(1/2, x) = erf(√x)', () => {
    for (const x of [0.01, 0.5, 1, 2, 5, 20]) close(regularizedGammaP(1, x), 1 - Math.exp(-x), 1e-14);
    // erf values: erf(1) = 0.8427007929497149, erf(2) = 0.9953222650189527
    close(regularizedGammaP(0.5, 1), 0.8427007929497149, 1e-14);
    close(regularizedGammaP(0.5, 4), 0.9953222650189527, 1e-14);
    close(regularizedGammaQ(0.5, 4), 1 - 0.9953222650189527, 1e-15);
  });

  it('known chi-square quantiles', () => {
    // (critical value, df, CDF) from standard tables
    const table: Array<[number, number, number]> = [
      [3.841458820694124, 1, 0.95],
      [6.634896601021214, 1, 0.99],
      [5.991464547107979, 2, 0.95],
      [9.21034037197618, 2, 0.99],
      [11.070497693516351, 5, 0.95],
      [23.209251158954356, 10, 0.99],
      [48.27823577031549, 28, 0.99],
      [124.34211340400407, 100, 0.95],
    ];
    for (const [x, df, p] of table) {
      close(chiSquareCdf(x, df), p, 1e-10, `df ${df}: ${chiSquareCdf(x, df)}`);
      close(chiSquareSurvival(x, df), 1 - p, 1e-10);
    }
    close(chiSquareSurvival(2, 2), Math.exp(-1), 1e-15); // df 2 is exponential
    assert.equal(chiSquareCdf(0, 3), 0);
    assert.ok(chiSquareSurvival(400, 3) < 1e-80);
  });

  it('pools sparse cells left to right and folds a short tail back', () => {
    const c = poolCells([1, 2, 3, 4, 0], [2, 4, 6, 1, 0.5]);
    assert.deepEqual(c.expected, [6, 7.5]);
    assert.deepEqual(c.observed, [3, 7]);
    assert.deepEqual(c.members, [[0, 1], [2, 3, 4]]);
    assert.equal(pearson([10, 20], [15, 15]), 50 / 15);
    assert.equal(pearson([1, 0], [1, 0]), 0);
    assert.equal(pearson([1, 1], [2, 0]), Infinity);
  });

  it('the pooled-groups statistic is Pearson\'s when every group has the same cell probabilities', () => {
    const probs = [0.2, 0.5, 0.3];
    const groups = [
      { observed: [3, 4, 3], probs },
      { observed: [1, 7, 2], probs },
    ];
    const { statistic, df } = pooledGroupsChiSquare(groups);
    assert.equal(df, 2);
    close(statistic, pearson([4, 11, 5], [4, 10, 6]), 1e-12);
  });
});
