// Toeplitz over the tuple, then an indirection table: shared by nic-rss-toeplitz and custom.
import { isPowerOfTwo, tableWeights } from '../indirection';
import type { ParsedFlow } from '../flow';
import { nicRssQueue } from '../selectors';
import { MS_RSS_KEY, toeplitzHasher, toeplitzInput } from '../toeplitz';
import type { FamilyCompiled, HashInput, PresetOptions } from './family';
import { resolveTable, toeplitzHashInput } from './queueTable';

/** The table indexed by hash & (T − 1) when T is a power of two (`requirePowerOfTwo`: a NIC's always is), else hash % T. */
export function compileToeplitzTable(n: number, opts: PresetOptions, requirePowerOfTwo: boolean): FamilyCompiled {
  const table = resolveTable(opts, n);
  if (table.length === 0) throw new RangeError('indirection table is empty');
  const mask = isPowerOfTwo(table.length);
  if (requirePowerOfTwo && !mask) throw new RangeError(`a NIC indirection table has a power-of-two size, not ${table.length}`);
  const hasher = toeplitzHasher(opts.key ?? MS_RSS_KEY);
  const fields = opts.fields ?? 4;
  const udpFields = opts.udpFields ?? fields;
  const sym = opts.symmetricXor ?? false;
  const fastV4 = fields === 4 && !sym;
  return {
    deterministic: true, exact: true, weights: tableWeights(table, n),
    flowQueue: (f: ParsedFlow) => {
      const fl = f.proto === 'udp' ? udpFields : fields;
      const hash = fastV4 && fl === 4 && !f.v6
        ? hasher.hashV4(be32(f.src), be32(f.dst), f.sport, f.dport)
        : hasher.hashBytes(toeplitzInput(f, fl, sym));
      return { hash, queue: mask ? nicRssQueue(hash, table) : table[hash % table.length] };
    },
  };
}

/** UDP flows use `ethtool -n DEV rx-flow-hash udp4`'s fields when given, else TCP's. */
export function toeplitzTableHashInput(proto: 'tcp' | 'udp', opts: PresetOptions): HashInput {
  return toeplitzHashInput(proto === 'udp' ? (opts.udpFields ?? opts.fields ?? 4) : (opts.fields ?? 4));
}

function be32(b: Uint8Array): number {
  return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
}
