// The one phrase for a model's queue weights (annotation and hover), on the presets' own weights.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { weightsText } from '../../../src/core/analysis/odds/weightsText';
import { queueWeights } from '../../../src/core/hashing';

test('a uniform model reads ≈1/n; an uneven one the range of its queue probabilities', () => {
  // linux-netfront: uniform to within n/2^32
  assert.equal(weightsText(queueWeights('linux-netfront', 8)), '≈1/8');
  assert.equal(weightsText(queueWeights('linux-tx', 3)), '≈1/3');
  // aws-ena without a key: a 128-entry table over 5 queues gives 26/128 and 25/128
  assert.equal(weightsText(queueWeights('aws-ena', 5)), `${((25 / 128) * 100).toFixed(1)}–${((26 / 128) * 100).toFixed(1)} %`);
  // linux-xps-pinned: two of four queues hold CPU 0
  assert.equal(weightsText([0.5, 0, 0.5, 0]), '0.0–50.0 %');
});
