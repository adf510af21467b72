/** "1.250 s": seconds to the millisecond. */
export function formatSeconds(s: number): string {
  return `${s.toFixed(3)} s`;
}
