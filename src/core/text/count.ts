/** "packet" or "packets": the noun for a count, when the count itself is written elsewhere. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** "1 packet", "2 packets": a count with its noun. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${plural(n, one, many)}`;
}

/** "1,234,567": a count with thousands separators. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
