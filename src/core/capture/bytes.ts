/** Big-endian reads on a Buffer without bounds checks: callers check `end` first, as every decoder here does. */
export function u16(b: Buffer, p: number): number {
  return (b[p] << 8) | b[p + 1];
}

export function u32(b: Buffer, p: number): number {
  return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
}
