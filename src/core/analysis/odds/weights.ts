/** Queue-weight vectors: validation, normalisation and the uniform default. */

export function uniformWeights(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`queue count must be an integer ≥ 1, got ${n}`);
  return new Array<number>(n).fill(1 / n);
}

/** Scales non-negative weights (probabilities, table counts, …) to sum to 1. */
export function normaliseWeights(weights: readonly number[]): number[] {
  if (weights.length === 0) throw new RangeError('need at least one queue');
  let sum = 0;
  for (const w of weights) {
    if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`queue weights must be finite and ≥ 0, got ${w}`);
    sum += w;
  }
  if (!(sum > 0)) throw new RangeError('queue weights sum to 0');
  // Keep exactly-uniform input bit-identical to uniformWeights so equal queues group together.
  return weights.every((w) => w === weights[0]) ? uniformWeights(weights.length) : weights.map((w) => w / sum);
}

/** Integer queue weights for the exact engine (e.g. how many table entries point at each queue). */
export function integerWeights(counts: readonly (number | bigint)[]): bigint[] {
  if (counts.length === 0) throw new RangeError('need at least one queue');
  const out = counts.map((c) => {
    if (typeof c === 'number' && !Number.isSafeInteger(c)) throw new RangeError(`exact weights must be integers, got ${c}`);
    const b = BigInt(c);
    if (b < 0n) throw new RangeError(`exact weights must be ≥ 0, got ${c}`);
    return b;
  });
  if (out.every((b) => b === 0n)) throw new RangeError('queue weights sum to 0');
  return out;
}
