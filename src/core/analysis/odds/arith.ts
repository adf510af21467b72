/**
 * The two number systems the exact distributions are computed in.
 *
 * - `floatArith`: IEEE doubles over probabilities, for the box engine of weighted flows. Every term
 *   added is non-negative and P(max = m) is a sum of its own (pmfAtBound), never cdf(m) − cdf(m−1),
 *   so tails keep their relative precision. Unit flows use the scaled engine (scaledPoly.ts).
 * - `bigArith`: exact integers over integer queue weights (e.g. table-entry counts, or all 1 for
 *   uniform). The engines then yield Σ multinomial·Π a_q^l_q, which is divided by (Σa)^k at the end
 *   into a reduced `Fraction`.
 */
export interface Arith<T> {
  readonly zero: T;
  readonly one: T;
  add(a: T, b: T): T;
  mul(a: T, b: T): T;
  /** C(n, r) in this number system, 0 ≤ r ≤ n ≤ maxN given at construction. */
  binom(n: number, r: number): T;
  isZero(a: T): boolean;
}

function pascal<T>(maxN: number, zero: T, one: T, add: (a: T, b: T) => T): T[][] {
  const rows: T[][] = [];
  for (let n = 0; n <= maxN; n++) {
    const row: T[] = new Array<T>(n + 1).fill(zero);
    row[0] = one;
    row[n] = one;
    for (let r = 1; r < n; r++) row[r] = add(rows[n - 1][r - 1], rows[n - 1][r]);
    rows.push(row);
  }
  return rows;
}

export function floatArith(maxN: number): Arith<number> {
  const table = pascal(maxN, 0, 1, (a, b) => a + b);
  return {
    zero: 0,
    one: 1,
    add: (a, b) => a + b,
    mul: (a, b) => a * b,
    binom: (n, r) => table[n][r],
    isZero: (a) => a === 0,
  };
}

export function bigArith(maxN: number): Arith<bigint> {
  const table = pascal(maxN, 0n, 1n, (a, b) => a + b);
  return {
    zero: 0n,
    one: 1n,
    add: (a, b) => a + b,
    mul: (a, b) => a * b,
    binom: (n, r) => table[n][r],
    isZero: (a) => a === 0n,
  };
}

/** A non-negative rational in lowest terms. */
export interface Fraction {
  num: bigint;
  den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

export function fraction(num: bigint, den: bigint): Fraction {
  if (den === 0n) throw new RangeError('zero denominator');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

/** Nearest double (to ~1 ulp): keeps 64 significant bits of the quotient, so huge terms don't overflow. */
export function fractionToNumber(f: Fraction): number {
  if (f.num === 0n) return 0;
  const neg = f.num < 0n;
  const num = neg ? -f.num : f.num;
  const shift = f.den.toString(2).length - num.toString(2).length + 64;
  const q = shift >= 0 ? (num << BigInt(shift)) / f.den : num / (f.den << BigInt(-shift));
  // Two steps so 2^-shift cannot underflow before the multiply.
  const v = Number(q) * 2 ** -Math.ceil(shift / 2) * 2 ** -Math.floor(shift / 2);
  return neg ? -v : v;
}

export function formatFraction(f: Fraction): string {
  return f.den === 1n ? f.num.toString() : `${f.num}/${f.den}`;
}
