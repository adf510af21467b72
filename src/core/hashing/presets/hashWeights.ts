// Queue weights of a hash assumed uniform, for the selectors the presets use (one flow, unknown tuple).

const TWO32 = 4294967296;

/** h uniform on [1, 2^32 − 1] (the kernel maps 0 to 1), queue = h % n. */
export function moduloWeights(n: number): number[] {
  const w: number[] = [];
  for (let q = 0; q < n; q++) {
    const count = q > TWO32 - 1 ? 0 : Math.floor((TWO32 - 1 - q) / n) + 1 - (q === 0 ? 1 : 0);
    w.push(count / (TWO32 - 1));
  }
  return w;
}

/** h uniform on [1, 2^32 − 1], queue = (h·n) >> 32. */
export function reciprocalWeights(n: number): number[] {
  const w: number[] = [];
  for (let q = 0; q < n; q++) {
    const count = Math.ceil(((q + 1) * TWO32) / n) - Math.ceil((q * TWO32) / n) - (q === 0 ? 1 : 0);
    w.push(count / (TWO32 - 1));
  }
  return w;
}

/** An 8-bit hash assumed uniform on 0..255, queue = hash8 % n. */
export function hash8Weights(n: number): number[] {
  return Array.from({ length: n }, (_, q) => (q > 255 ? 0 : Math.floor((255 - q) / n) + 1) / 256);
}
