// How the sweep words its numbers: rates, percentages, probabilities and its verdict on a dip.

/** bits/s as people read it: Mbit/s below 1 Gbit/s. */
export function formatRate(bps: number): string {
  if (bps >= 1e9) return `${(bps / 1e9).toFixed(2)} Gbit/s`;
  if (bps >= 1e6) return `${(bps / 1e6).toFixed(1)} Mbit/s`;
  return `${(bps / 1e3).toFixed(1)} kbit/s`;
}

export const pct = (p: number): string => `${(p * 100).toFixed(1)} %`;
export const prob = (p: number): string => (p >= 0.001 || p === 0 ? p.toFixed(3) : p.toExponential(1));

/** 5 %: below it the spread alone is a poor explanation of a dip and something else deserves a look. */
export const verdict = (pSlower: number): string =>
  pSlower >= 0.05 ? ' — an uneven spread of the streams explains it' : ' — unlikely from the spread alone, so look for another cause';
