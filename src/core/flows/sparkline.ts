// A flow's rate over time as text: one block character per bucket, so a table cell can show it.
const SPARK = '▁▂▃▄▅▆▇█';
const SPARK_WIDTH = 16;

/** A flow's bytes over the whole capture in 16 buckets, each drawn as one of eight block heights. */
export function sparkline(aToB: readonly number[], bToA: readonly number[]): string {
  const bins = Math.max(aToB.length, bToA.length);
  if (bins === 0) return '';
  const buckets = new Array<number>(Math.min(SPARK_WIDTH, bins)).fill(0);
  for (let i = 0; i < bins; i++) buckets[Math.floor((i * buckets.length) / bins)] += (aToB[i] ?? 0) + (bToA[i] ?? 0);
  const max = buckets.reduce((a, b) => Math.max(a, b), 0);
  return buckets.map((b) => (b === 0 ? ' ' : SPARK[Math.min(7, Math.floor((b / max) * 7.999))])).join('');
}

