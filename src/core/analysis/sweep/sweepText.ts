// How the sweep words its probabilities and its verdict on a dip (rates and percentages: src/core/text).

export const prob = (p: number): string => (p >= 0.001 || p === 0 ? p.toFixed(3) : p.toExponential(1));

/** 5 %: below it the spread alone is a poor explanation of a dip and something else deserves a look. */
export const verdict = (pSlower: number): string =>
  pSlower >= 0.05 ? ' — an uneven spread of the streams explains it' : ' — unlikely from the spread alone, so look for another cause';
