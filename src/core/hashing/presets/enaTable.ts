// AWS ENA: the ENA Toeplitz variants, then table[hash % 128]; shared by aws-ena-fixed-key and aws-ena.
import { EnaDriver, enaConfigurableHash, enaFixedKeyHash, ENA_TABLE_SIZE } from '../ena';
import { tableWeights } from '../indirection';
import type { FamilyCompiled, PresetOptions } from './family';
import { resolveTable } from './queueTable';

/** `key` undefined: the fixed-key device; `driver` says how the configurable key was programmed. */
export function compileEnaTable(n: number, opts: PresetOptions, key: Uint8Array | undefined, driver: EnaDriver): FamilyCompiled {
  const table = resolveTable({ table: opts.table }, n, ENA_TABLE_SIZE);
  return {
    deterministic: true, exact: true, weights: tableWeights(table, n),
    flowQueue: (f) => {
      const hash = key ? enaConfigurableHash(f, key, driver) : enaFixedKeyHash(f);
      return { hash, queue: table[hash % table.length] };
    },
  };
}
