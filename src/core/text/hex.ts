/** A 32-bit hash as 0x%08x. */
export function hex32(h: number): string {
  return `0x${(h >>> 0).toString(16).padStart(8, '0')}`;
}
