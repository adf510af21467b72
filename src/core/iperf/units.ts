import { IperfParseError } from './errors';

// A number as iperf prints it; nan/inf appear for zero-length intervals.
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NON_FINITE = /^[+-]?(?:nan|inf)$/i;

/** Parse a numeric token strictly; `line` is 0-based. */
export function num(token: string, line: number, what: string): number {
  if (NUMBER.test(token)) return Number(token);
  if (NON_FINITE.test(token)) return token.toLowerCase().includes('nan') ? NaN : token.startsWith('-') ? -Infinity : Infinity;
  throw new IperfParseError(line + 1, `malformed ${what} '${token}'`);
}

/** An integer token (ids, ports, counts). */
export function int(token: string, line: number, what: string): number {
  if (/^[+-]?\d+$/.test(token)) return Number(token);
  throw new IperfParseError(line + 1, `malformed ${what} '${token}'`);
}

const PREFIX_POWER: Record<string, number> = { '': 0, K: 1, M: 2, G: 3, T: 4, P: 5, k: 1, m: 2, g: 3, t: 4, p: 5 };

/** Multiply a decimal string by 10^exp without binary rounding noise (52.7 Mbits -> 52700000 exactly). */
function decimalScale(token: string, exp: number): number {
  return exp === 0 ? Number(token) : Number(`${token}e${exp}`);
}

/**
 * Transfer column: "12.6 MBytes" -> bytes. iperf's Byte prefixes are powers of 1024;
 * the printed value is rounded, so the byte count is too.
 */
export function transferBytes(value: string, unit: string, line: number): number {
  const v = num(value, line, 'transfer');
  const m = /^([KMGTPkmgtp]?)(Bytes|bits)$/.exec(unit);
  if (!m) throw new IperfParseError(line + 1, `unknown transfer unit '${unit}'`);
  const p = PREFIX_POWER[m[1]];
  if (m[2] === 'Bytes') return Number.isFinite(v) ? Math.round(v * 1024 ** p) : v;
  // a bits transfer (-f with some versions) uses 1000-based prefixes
  return decimalScale(value, 3 * p) / 8;
}

/**
 * Rate column: "52.7 Mbits/sec" -> bits per second. bit prefixes are powers of 1000;
 * Byte rates (-f K/M/G) are 1024-based like the Transfer column.
 */
export function rateBitsPerSecond(value: string, unit: string, line: number): number {
  const v = num(value, line, 'rate');
  const m = /^([KMGTPkmgtp]?)(bits|Bytes)\/sec$/.exec(unit);
  if (!m) throw new IperfParseError(line + 1, `unknown rate unit '${unit}'`);
  const p = PREFIX_POWER[m[1]];
  if (m[2] === 'bits') return Number.isFinite(v) ? decimalScale(value, 3 * p) : v;
  return v * 1024 ** p * 8;
}
