/** A share as a percentage: 0.125 → "12.5 %"; "–" when unknown. One digit unless the figure needs more. */
export function formatPercent(share: number | undefined, digits = 1): string {
  return share === undefined ? '–' : `${(share * 100).toFixed(digits)} %`;
}
