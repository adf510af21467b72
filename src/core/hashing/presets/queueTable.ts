// The indirection / mapping table a table-driven preset uses, checked against n.
import { defaultTable } from '../indirection';
import type { PresetOptions } from './family';

const DEFAULT_TABLE_SIZE = 128;

/** The table given, else `size` entries filled i % n; every entry must be a queue of 0..n−1. */
export function resolveTable(opts: PresetOptions, n: number, size = DEFAULT_TABLE_SIZE): number[] {
  const table = opts.table ?? defaultTable(size, n);
  for (const q of table) {
    if (!Number.isInteger(q) || q < 0 || q >= n) throw new RangeError(`table entry ${q} is not a queue of 0..${n - 1}`);
  }
  return table;
}

/** What a Toeplitz preset hashes for one protocol: addresses only (2) or addresses and ports (4). */
export const toeplitzHashInput = (fields: number): 'addresses' | 'ports' => (fields === 2 ? 'addresses' : 'ports');
