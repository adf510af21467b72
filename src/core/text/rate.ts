// Rates, at one precision everywhere: the CLI, the editor and the exports print the same figure the same way.

/** Digits after the point of every Mbit/s figure (0.1 Mbit/s: finer than any iperf run repeats). */
const MBIT_DIGITS = 1;

/** bits/s as a Mbit/s figure without its unit, for columns headed "Mbit/s": "941.3"; "–" when unknown. */
export function formatMbit(bps: number | undefined): string {
  return bps === undefined ? '–' : (bps / 1e6).toFixed(MBIT_DIGITS);
}

/** bits/s as people read it, with its unit: Mbit/s below 1 Gbit/s, kbit/s below 1 Mbit/s. */
export function formatRate(bps: number): string {
  if (bps >= 1e9) return `${(bps / 1e9).toFixed(MBIT_DIGITS + 1)} Gbit/s`;
  if (bps >= 1e6) return `${formatMbit(bps)} Mbit/s`;
  return `${(bps / 1e3).toFixed(MBIT_DIGITS)} kbit/s`;
}

/** Digits of a Mbit/s figure in a data file (CSV): 1 bit/s, so the file keeps what was measured. */
const MBIT_DATA_DIGITS = 6;

/** bits/s as Mbit/s for a data file's cell: every measured bit kept ("941.312448"); undefined stays an empty cell. */
export function mbitData(bps: number | undefined): string | undefined {
  return bps === undefined ? undefined : (bps / 1e6).toFixed(MBIT_DATA_DIGITS);
}
