/** A ratio of two measurements (capture bytes / iperf bytes): "1.035", to a tenth of a percent everywhere. */
export function formatRatio(x: number): string {
  return x.toFixed(3);
}
